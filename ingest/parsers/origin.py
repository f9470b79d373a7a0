"""Where a document came from, and what a parser hands back besides articles."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.models import article_id


@dataclass(frozen=True)
class Origin:
    """The input a document was read from: it names the article id and supplies fallbacks
    (source, title) when the document itself does not say."""

    path: str | None = None  # resolved file path, for files
    url: str | None = None  # for fetched pages and feeds
    name: str = ""  # what a person calls the input: the file name or the url
    source: str = ""  # publisher fallback (e.g. a url's host)

    def article_id(self, *, url: str | None = None, key: str = "") -> str:
        """The id of an article from this input: its own url wins, then this input's url,
        then the path (plus `key` for one of several articles in a file)."""
        if url:
            return article_id(url=url)
        if self.url and not key:
            return article_id(url=self.url)
        return article_id(path=self.path or self.url or self.name, key=key)

    def title_fallback(self) -> str:
        stem = self.name.rsplit("/", 1)[-1]
        return stem.rsplit(".", 1)[0] if "." in stem else stem or "untitled"


@dataclass(frozen=True)
class Skipped:
    """A part of an input left out, and why (a bad JSONL line, an empty feed entry)."""

    path: str
    reason: str
