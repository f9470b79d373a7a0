"""`make eval`: the product's own answer-quality benchmark, on the offline path.

    python -m benchmarks.eval                   # builds a library from ../shared in a temp dir
    python -m benchmarks.eval --library DIR     # builds it in DIR once, then reuses it
    python -m benchmarks.eval --show ID ...     # also print these questions' answers
    python -m benchmarks.eval --shared          # only retrieval, on a throwaway shared stack

The questions (questions.yaml, about 110, written over the seeds and the shared news; a third
held out: written from randomly drawn articles before the product was asked them) are asked
offline through the public engine API (`Assistant.ask`), in five groups: English, Chinese,
cross-lingual (asked in the other language than the article's), scoped to one article (the "ask
about this article" feature), and follow-ups (the last turn of a conversation is scored). Per
group and overall it prints: expected facts present, the expected article cited, prose kept in
the question's language, duplicated and fragment sentences, and the median latency (see
report.py for the columns, metrics.py for the heuristics). Then retrieval: hit@5 of the
product's search against a plain BM25 baseline over the same chunks (retrieval.py). Then the
failures, one line per question. The held-out questions also get a row of their own in both
tables. Then the open questions (open.yaml, open_questions.py): twenty asked with no date, as a
person asks first, scored for the share of quoted sentences that say their subject and the
median age of their sources against the library's newest article. Then, when
benchmarks/eval/briefs.py exists, its research-brief benchmark over the same library
(`briefs.run(settings)`).

With --shared, only the retrieval figures, over the same articles ingested into a throwaway
shared deployment (PostgreSQL and a `chroma run` server, as benchmarks/harness/shared_stack.py
starts them) and searched from a second, empty data directory: to show that the shared
deployment's search scores as the embedded one's does.

Nothing here tunes the product: the questions were written from the articles, and the figures
are what the product does today.
"""
