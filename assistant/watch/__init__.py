"""Watchlists and the briefs written on them, now or on a schedule.

model.py (what is watched, reading what a person typed), store.py (the watchlist, the briefs,
the articles already reported, the schedule's state), feeds.py (the suggested public feeds),
fetching.py (the feeds read into the library), outline.py (the brief's research plan),
brief.py (what a watch brief adds: new articles, failed feeds, the one line), run.py (one
watch run: the feeds, then the brief), schedule.py (when a run is due; the scheduler that
claims and runs it), jobs.py (a run a person asked for, in a thread of its own).
"""
