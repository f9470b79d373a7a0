"""The seed layout: the analysis pages the product is modelled on (../shared/seeds).

A page is: title; a `#tag #tag` line; site labels; a dateline (2026年2月1日 or ISO); login and
"about us" widgets; a 相关个股 block of tickers separated by `--`; then the sections 综合分析,
核心洞察, 风险与机遇 (风险因素 / 机遇窗口), 核心信息摘要 and an optional numbered 参考文献; then the
site's footer. Everything site-made is described by the BOILERPLATE rules below, as data, so a
new widget is one more line there rather than another `if`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ingest.dates import find_date_line
from ingest.language import detect_language
from ingest.models import Article, ArticleReference, Section
from ingest.parsers.origin import Origin
from ingest.text import normalise


@dataclass(frozen=True)
class Boilerplate:
    """A line the site adds to every page. `ends_article` marks the start of the footer, after
    which nothing belongs to the article; `source` captures the publisher's name if present."""

    pattern: re.Pattern[str]
    why: str
    ends_article: bool = False


def _rule(pattern: str, why: str, *, ends_article: bool = False) -> Boilerplate:
    return Boilerplate(re.compile(pattern), why, ends_article)


BOILERPLATE: tuple[Boilerplate, ...] = (
    _rule(r"解锁更多功能", "login widget"),
    _rule(r"登录后即可使用.*", "login prompt"),
    _rule(r"关于我们\s*[:：].*", "about-us blurb"),
    _rule(r"相关阅读推荐", "related-reading widget", ends_article=True),
    _rule(r"暂无推荐文章", "related-reading widget"),
    _rule(r"基于这条新闻提问.*", "ask-a-question widget"),
    _rule(r"深度投研", "research widget"),
    _rule(r"自动接受计划", "plan widget"),
    _rule(r"数据基于历史.*不构成投资建议.*", "footer disclaimer"),
    _rule(r"混合|美股市场|A股市场|港股市场", "site category label"),
    _rule(r"-{2,}", "ticker separator"),
)

# The publisher's name, when the about-us blurb gives it ("关于我们:Ginlix AI 是…").
_ABOUT_SOURCE = re.compile(
    r"关于我们\s*[:：]\s*(?P<source>[A-Za-z0-9][\w .&-]{0,40}?)\s*(?:是|,|，)"
)

# Top-level headings, zh and en (the product's own answers use the en ones).
SECTION_HEADINGS: frozenset[str] = frozenset(
    {
        "综合分析",
        "核心洞察",
        "风险与机遇",
        "核心信息摘要",
        "参考文献",
        "Comprehensive analysis",
        "Key insights",
        "Risks and opportunities",
        "Key takeaways",
        "References",
    }
)
REFERENCE_HEADINGS = frozenset({"参考文献", "References"})
# Headings whose parts (风险因素 / 机遇窗口) become sections of their own, by the parts' prefixes.
SUBSECTIONS: dict[str, tuple[str, ...]] = {
    "风险与机遇": ("风险", "机遇"),
    "Risks and opportunities": ("Risks", "Opportunities"),
}
TICKERS_HEADING = "相关个股"
_TICKER = re.compile(r"[A-Z][A-Z0-9]{0,5}(?:[.\-][A-Z0-9]{1,3})?|\^[A-Z0-9]{2,8}")
_TAGS = re.compile(r"#([^\s#]+)")
_REFERENCE = re.compile(r"\[(\d+)\]\s*(.+)")
_URL = re.compile(r"https?://\S+")
_SUBHEADING_MAX = 16


def is_seed_layout(text: str) -> bool:
    """True when the text has the seed's skeleton: two section headings, or the ticker block
    and one heading."""
    lines = {line.strip() for line in text.splitlines()}
    headings = len(lines & SECTION_HEADINGS)
    return headings >= 2 or (TICKERS_HEADING in lines and headings >= 1)


def _boilerplate(line: str) -> Boilerplate | None:
    for rule in BOILERPLATE:
        if rule.pattern.fullmatch(line):
            return rule
    return None


@dataclass
class _Header:
    title: str = ""
    tags: list[str] = field(default_factory=list)
    tickers: list[str] = field(default_factory=list)
    published: dt.date | None = None
    source: str = ""
    lead: list[str] = field(default_factory=list)


def _parse_header(lines: list[str]) -> _Header:
    """Title, tags, dateline, tickers and publisher from the lines before the first section."""
    header = _Header()
    in_tickers = False
    for line in lines:
        if not line:
            continue
        if not header.title:
            header.title = line
            continue
        about = _ABOUT_SOURCE.match(line)
        if about and not header.source:
            header.source = about["source"].strip()
        if _boilerplate(line) or line == header.title:
            continue
        if line == TICKERS_HEADING:
            in_tickers = True
            continue
        if in_tickers and _TICKER.fullmatch(line):
            if line not in header.tickers:
                header.tickers.append(line)
            continue
        in_tickers = False
        if line.startswith("#") and not header.tags and _TAGS.search(line):
            header.tags = [t.lower() for t in _TAGS.findall(line)]
            continue
        day = find_date_line(line) if header.published is None else None
        if day:
            header.published = day
            continue
        header.lead.append(line)
    return header


def _subsection(parent: str, line: str) -> str | None:
    prefixes = SUBSECTIONS.get(parent)
    short = len(line) <= _SUBHEADING_MAX and not re.search(r"[。，,.:：;；!?！？]", line)
    if prefixes and short and line.startswith(prefixes):
        return f"{parent} / {line}"
    return None


def _paragraphs(lines: list[str]) -> str:
    """Join a section's lines into paragraphs; a line that starts with a colon continues the
    line before it (the site renders "货币政策转向" and ":美联储…" on separate lines)."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif line[0] in ":：" and paragraphs[-1]:
            paragraphs[-1][-1] += line
        elif line[0] in ":：" and len(paragraphs) > 1 and paragraphs[-2]:
            paragraphs.pop()
            paragraphs[-1][-1] += line
        else:
            paragraphs[-1].append(line)
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def _split_body(lines: list[str], title: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) in order; boilerplate dropped, stopping at the footer."""
    parts: list[tuple[str, list[str]]] = []
    top = ""
    for line in lines:
        rule = _boilerplate(line) if line else None
        if rule and rule.ends_article:
            break
        if rule or (line and line == title):
            continue
        if line in SECTION_HEADINGS:
            top = line
            parts.append((line, []))
            continue
        sub = _subsection(top, line) if line else None
        if sub:
            parts.append((sub, []))
            continue
        if parts:
            parts[-1][1].append(line)
    return parts


def _references(lines: list[str]) -> list[ArticleReference]:
    found: list[ArticleReference] = []
    for line in lines:
        match = _REFERENCE.match(line.strip())
        if match:
            url = _URL.search(match[2])
            found.append(
                ArticleReference(n=int(match[1]), text=match[2].strip(), url=url and url[0])
            )
    return found


def parse_seed(text: str, origin: Origin) -> Article:
    """An Article from a page in the seed layout."""
    lines = normalise(text).split("\n")
    first = next((i for i, line in enumerate(lines) if line in SECTION_HEADINGS), len(lines))
    header = _parse_header(lines[:first])
    sections: list[Section] = []
    references: list[ArticleReference] = []
    for heading, body in _split_body(lines[first:], header.title):
        if heading in REFERENCE_HEADINGS:
            references.extend(_references(body))
            continue
        content = _paragraphs(body)
        if content:
            sections.append(Section(heading=heading, text=content))
    if header.lead and sections:  # a dateline such as "2026年1月23日 | 市场分析报告"
        first_section = sections[0]
        lead = "\n".join(header.lead)
        sections[0] = Section(heading=first_section.heading, text=f"{lead}\n\n{first_section.text}")
    body_text = "\n".join(s.text for s in sections)
    return Article(
        id=origin.article_id(),
        title=header.title or origin.title_fallback(),
        published=header.published,
        source=header.source or origin.source,
        url=origin.url,
        lang=detect_language(header.title + body_text),
        tags=tuple(header.tags),
        tickers=tuple(header.tickers),
        sections=tuple(sections),
        references=tuple(references),
    )
