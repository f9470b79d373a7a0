"""Watchlists and the briefs written on them, now or on a schedule.

model.py (what is watched, reading what a person typed), store.py (the watchlist, the briefs,
the articles already reported, the schedule's state), feeds.py (the suggested public feeds),
run.py (one watch run: ingest the feeds, then the brief), plan.py (the brief's research
plan), schedule.py (when a run is due; the scheduler that claims and runs it).
"""
