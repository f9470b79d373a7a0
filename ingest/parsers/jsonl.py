"""JSON Lines: one article per line, read as a stream so a large file never sits in memory.

Keys vary by exporter; each field is looked up in a list of known names (as in
../shared/data/news: title/text/published_iso/source/url, and deanfi's headline/summary/datetime).
A bad line is skipped with its line number and reason; the rest of the file still counts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping

from ingest.dates import parse_date
from ingest.errors import SourceError
from ingest.language import detect_language
from ingest.models import Article, Section
from ingest.parsers.origin import Origin, Skipped
from ingest.text import decode_bytes, html_fragment_to_text, is_placeholder, normalise

TITLE_KEYS = ("title", "headline", "name")
TEXT_KEYS = ("text", "content", "body", "summary", "description")
HTML_KEYS = ("summary_raw", "content_html", "html")
DATE_KEYS = (
    "published_iso",
    "published",
    "date",
    "datetime",
    "published_at",
    "pubDate",
    "published_raw",
    "timestamp",
)
SOURCE_KEYS = ("source", "publisher", "site")
URL_KEYS = ("url", "link")
TAG_KEYS = ("tags", "category", "sector")
TICKER_KEYS = ("tickers", "ticker", "symbols", "symbol")
_MARKUP = re.compile(r"<(?:p|div|br|a|span|li|img)\b", re.I)
_TITLE_MAX = 200


def _first(record: Mapping[str, object], keys: tuple[str, ...]) -> object:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in items if isinstance(v, str | int) and str(v).strip()]


def _text(record: Mapping[str, object]) -> str:
    text = _first(record, TEXT_KEYS)
    if isinstance(text, str) and text.strip() and not is_placeholder(text):
        return html_fragment_to_text(text) if _MARKUP.search(text) else normalise(text)
    markup = _first(record, HTML_KEYS)
    return html_fragment_to_text(markup) if isinstance(markup, str) else ""


def record_to_article(record: Mapping[str, object], origin: Origin, line: int) -> Article:
    """One JSON object as an Article. Raises ValueError when it has neither title nor text."""
    text = _text(record)
    title = normalise(str(_first(record, TITLE_KEYS) or ""))[:_TITLE_MAX]
    if not text and not title:
        raise ValueError("no title or text")
    url = _first(record, URL_KEYS)
    url = str(url).strip() if url else None
    key = str(record.get("id") or f"line {line}")
    lang = record.get("lang")
    return Article(
        id=origin.article_id(url=url, key=key),
        title=title or text.split("\n", 1)[0][:_TITLE_MAX],
        published=parse_date(_first(record, DATE_KEYS)),
        source=str(_first(record, SOURCE_KEYS) or origin.source).strip(),
        url=url,
        lang=lang if lang in ("zh", "en") else detect_language(title + text),
        tags=tuple(dict.fromkeys(t.lower() for k in TAG_KEYS for t in _strings(record.get(k)))),
        tickers=tuple(
            dict.fromkeys(t.upper() for k in TICKER_KEYS for t in _strings(record.get(k)))
        ),
        sections=(Section(heading="", text=text or title),),
    )


def parse_jsonl(
    lines: Iterable[bytes], origin: Origin, *, max_line_bytes: int
) -> Iterator[Article | Skipped]:
    """Each non-blank line as an Article, or Skipped with `path:line` and the reason."""
    for number, raw in enumerate(lines, start=1):
        where = f"{origin.name}:{number}"
        if not raw.strip():
            continue
        if len(raw) > max_line_bytes:
            yield Skipped(where, f"line larger than {max_line_bytes:,} bytes")
            continue
        try:
            record = json.loads(decode_bytes(raw))
        except SourceError as error:
            yield Skipped(where, str(error))
            continue
        except json.JSONDecodeError as error:
            yield Skipped(where, f"not valid JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "not a JSON object")
            continue
        try:
            yield record_to_article(record, origin, number)
        except ValueError as error:
            yield Skipped(where, str(error))
