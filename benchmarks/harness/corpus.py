"""Generated articles for the load, crash and disk tests: many, small, each recognisable.

Every article has a unique url (hence a stable id) and a unique phrase ("article 17 of batch
b"), so a test can check each one is in the library exactly once.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

_TEXT = (
    "small caps rallied as yields fell and breadth improved while energy led the sector rotation "
    "credit spreads tightened the Russell 2000 outperformed the S&P 500 volatility eased "
    "regional banks rebounded on lower funding costs 罗素2000指数 小盘股 轮动 美联储 降息 信贷利差"
)
_WORDS = _TEXT.split()


def article_text(batch: str, n: int, words: int, seed: int = 0) -> str:
    rng = random.Random(f"{batch}-{n}-{seed}")
    body = " ".join(rng.choice(_WORDS) for _ in range(words))
    return f"{body}. This is article {n} of batch {batch}, up {n % 9}.{n % 7}% this week."


def url_of(batch: str, n: int) -> str:
    return f"https://news.example/{batch}/{n}"


def write_jsonl(path: Path, batch: str, count: int, words: int = 80) -> list[str]:
    """`count` articles as one JSON Lines file; returns their urls."""
    urls = [url_of(batch, n) for n in range(count)]
    lines = [
        json.dumps(
            {
                "title": f"Market wrap {batch}-{n}",
                "text": article_text(batch, n, words),
                "published": f"2026-01-{1 + n % 28:02d}",
                "source": "Generated Wire",
                "url": url,
            },
            ensure_ascii=False,
        )
        for n, url in enumerate(urls)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return urls


def write_files(folder: Path, batch: str, count: int, words: int = 120) -> list[Path]:
    """`count` Markdown files with front matter (one article each); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{batch}-{n:05d}.md"
        path.write_text(
            f"---\ntitle: Market wrap {batch}-{n}\npublished: 2026-01-{1 + n % 28:02d}\n"
            f"source: Generated Wire\nurl: {url_of(batch, n)}\n---\n\n"
            f"{article_text(batch, n, words)}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths
