"""What an offline section says when there is nothing grounded to put in it: that the library
(or the one article the reader chose) says nothing there, or, where the question asked for the
risks or the opportunities, that the analysis quoted them already."""

from __future__ import annotations

from assistant.answer.model import Language, SectionKey
from assistant.locale import LANGUAGES, message

# The sections that say so when there is nothing grounded to put in them.
MAY_BE_EMPTY: tuple[SectionKey, ...] = ("analysis", "insights", "risks", "opportunities")
# A kind of sentence a question asks for ("小盘股有哪些风险？"), which leads its analysis: the
# section of that kind, left with nothing more to say.
TOLD_ABOVE: dict[str, SectionKey] = {"risk": "risks", "opportunity": "opportunities"}


def empty_text(
    key: SectionKey, language: Language, scoped: bool = False, above: bool = False
) -> str:
    """What section `key` says with nothing to put in it: about the library, or (`scoped`)
    about the one article the reader chose, which more commentary would not change; or
    (`above`) that the analysis quoted the risks asked, rather than that there are none."""
    if above:
        return message(f"told_above.{key}", language)
    return message(f"{'empty_article' if scoped else 'empty'}.{key}", language)


def placeholders() -> set[str]:
    """Every such text, in every language: what a section that says nothing reads."""
    kinds = [(key, scoped, False) for key in MAY_BE_EMPTY for scoped in (False, True)]
    kinds += [(key, False, True) for key in TOLD_ABOVE.values()]
    return {empty_text(key, lang, *how) for key, *how in kinds for lang in LANGUAGES}
