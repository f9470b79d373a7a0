"""Every direction word of the shared news flipped: the sign check measured wide.

The planted corpus samples 40 sign flips; here each quotable news sentence (up to `limit`,
in a seeded order) is quoted whole with its passage cited, and every figure of it whose
direction the planted corpus can flip (`article_mutations.sign_flip`: "涨超" -> "跌超",
"增持" -> "减持", "rose" -> "fell", a sign) is flipped, one at a time. A true sentence is the
false-flag check of the same sentences.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from benchmarks.harness.planted.article_mutations import Pool, sign_flip, targets
from benchmarks.harness.planted.articles import candidates, news_articles, quote
from benchmarks.harness.planted.model import TRUE, Item

_NO_POOL = Pool(())  # a sign flip keeps the figure: it draws on no other article's


def direction_flips(shared: Path, limit: int, seed: int = 1) -> tuple[list[Item], list[Item]]:
    """(true sentences, their flipped copies) from the first `limit` news sentences that have
    a direction to flip."""
    true: list[Item] = []
    flipped: list[Item] = []
    rng = random.Random(seed)
    for article in news_articles(shared, random.Random(seed)):
        for sentence, chunk in candidates(article):
            if len(true) >= limit:
                return true, flipped
            whole = replace(
                quote(article, sentence, chunk, rng, article.title[:30]),
                body=sentence.rstrip("。.！!？?；;，, "),
            )
            made = [m for t in targets(whole.body) if (m := sign_flip(whole, t, _NO_POOL, rng))]
            if not made:
                continue
            sources = {1: whole.source}
            true.append(Item(whole.sentence_with(whole.body), whole.language, TRUE, "article",
                             sources, "", note=whole.note))  # fmt: skip
            flipped += [
                Item(
                    whole.sentence_with(body),
                    whole.language,
                    "sign_flip",
                    "article",
                    sources,
                    number,
                    original=whole.sentence_with(whole.body),
                    note=note,
                )
                for body, number, note in made
            ]
    return true, flipped
