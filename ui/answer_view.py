"""An Answer on the page, in the seeds' analysis format.

Title and as-of line, how it was made (notices), the related-tickers strip, the sections under
their headings with flagged figures highlighted where they stand (⚠ orange; ⊗ red, a figure its
cited source contradicts), the charts, the checks (each flag's reason, a contradicted figure's
with the source's value), the references list and the disclaimer. Every piece of text goes
through `ui.markup`, so nothing an article or a model wrote can become markup.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from assistant.answer.model import NUMBER_FLAGS, Answer, Flag, FlagKind, Section
from assistant.answer.render import MARKS, render_reference
from assistant.locale import as_of_line, heading, message, notice
from ui.cost_line import render_cost_line
from ui.markup import Highlight, answer_markdown, neutralise, plain
from ui.tickers import render_tickers

# The figures' marks are the Markdown's (`MARKS`: ⚠, ⊗ for a figure its source contradicts).
FLAG_ICONS: dict[FlagKind, str] = {**MARKS, "discrepancy": "≠"}
FLAG_COLORS: dict[FlagKind, str] = {
    "contradicted_number": "red",
    "unsupported_number": "orange",
    "uncited_number": "orange",
    "discrepancy": "blue",
}
CHECKED_KINDS: frozenset[FlagKind] = NUMBER_FLAGS | {"discrepancy", "unknown_citation"}


def highlights(flags: Iterable[Flag]) -> list[Highlight]:
    return [
        Highlight(f.sentence, f.number, FLAG_COLORS[f.kind], FLAG_ICONS[f.kind])
        for f in flags
        if f.kind in FLAG_COLORS and f.sentence and f.number
    ]


def render_answer(answer: Answer) -> None:
    lang = answer.language
    st.markdown(f"### {plain(answer.title)}", anchors=False)
    mode = message("label.offline" if answer.mode == "offline" else "label.llm", lang)
    st.caption(f"{plain(as_of_line(answer.as_of, lang))} · {mode}")
    offline = notice("offline", lang)
    for flag in answer.flags:
        if flag.kind == "notice" and flag.message == offline:
            st.caption(f":material/cloud_off: {neutralise(flag.message)}")
        elif flag.kind == "notice":
            st.info(neutralise(flag.message), icon=":material/info:")
    render_tickers(answer.tickers)
    for section in answer.sections:
        _render_section(section, answer.flags, level=4)
    if answer.charts:
        from ui.charts import render_charts  # altair and pandas load with the first chart

        render_charts(answer.charts)
    _render_checks(answer)
    st.markdown(f"#### {heading('references', lang)}", anchors=False)
    lines = [plain(render_reference(r)) for r in answer.references] or ["—"]
    st.markdown("\n\n".join(lines))
    st.caption(plain(message("answer.disclaimer", lang)))
    render_cost_line(answer)


def _render_section(section: Section, flags: tuple[Flag, ...], level: int) -> None:
    st.markdown(f"{'#' * level} {plain(section.heading)}", anchors=False)
    if section.text:
        mine = [f for f in flags if f.section == section.key]
        st.markdown(answer_markdown(section.text, highlights(mine)))
    for sub in section.subsections:
        _render_section(sub, flags, level + 1)


def _render_checks(answer: Answer) -> None:
    checked = [f for f in answer.flags if f.kind in CHECKED_KINDS]
    if not checked:
        return
    lines = []
    for flag in checked:
        icon = FLAG_ICONS.get(flag.kind, "✂")
        cited = " ".join(f"[{n}]" for n in flag.sources)
        lines.append(f"- {icon} {plain(flag.message)} {plain(cited)}".rstrip())
    with st.container(border=True):
        st.markdown(f"**{message('label.checks', answer.language)}**\n\n" + "\n".join(lines))
