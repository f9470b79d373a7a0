"""The brief as a PDF, written with fpdf2: Chinese in an embedded CJK font, charts as images.

The font is found at run time (`fonts.font_for`): a brief with Chinese and no CJK font on the
machine is a clear error naming what to install, never a PDF of empty boxes. The charts' text
is drawn from that same font file. Only the glyphs used are embedded, so a brief stays small
even with a 20 MB font collection. Chinese lines break between characters but never inside a
figure (see `linebreak`), English at spaces.
"""

from __future__ import annotations

import io
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode

from assistant.research.brief import Brief
from assistant.research.export.document import Block, Document, layout
from assistant.research.export.fonts import FontFace, font_for, latin_font
from assistant.research.export.linebreak import wrap
from assistant.research.export.truetype import truetype_face

MARGIN_MM = 18
KEEP_WITH_NEXT_MM = 30  # a heading this close to the page's end starts the next page
GREY, INK, NOTICE_FILL, LINK = (91, 103, 112), (29, 35, 41), (255, 248, 225), (31, 78, 121)


class _Pages(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("body", size=8)
        self.set_text_color(*GREY)
        self.cell(0, 6, f"{self.footer_text} · {self.page_no()}", align="C")


def brief_pdf(brief: Brief, chart_png: Callable[[Block, FontFace], bytes] | None = None) -> bytes:
    """The PDF document's bytes. `chart_png` draws a chart block as a PNG image, its text in
    the given face, the one the PDF's text is in (charts are left out when None)."""
    doc = layout(brief)
    text = _all_text(doc)
    face = font_for(text)
    with tempfile.TemporaryDirectory(prefix="marketbrief-font-") as folder:
        pdf = _start(doc, face, text, _bold_text(doc), Path(folder))
        writer = _Writer(pdf, face, cjk=doc.language == "zh")
        for block in doc.blocks:
            writer.write(block, chart_png)
        return bytes(pdf.output())


def _all_text(doc: Document) -> str:
    return "\n".join([b.text for b in doc.blocks] + [i for b in doc.blocks for i in b.items])


def _bold_text(doc: Document) -> str:
    """What is set in bold: the title and the headings (the bold face is cut to just these)."""
    return "\n".join(b.text for b in doc.blocks if b.kind in {"title", "heading"})


def _start(doc: Document, face: FontFace, text: str, bold_text: str, folder: Path) -> _Pages:
    pdf = _Pages(format="A4")
    pdf.footer_text = "marketbrief"
    pdf.set_margins(MARGIN_MM, 16, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=18)
    regular, index = truetype_face(face, text, folder)
    pdf.add_font("body", "", str(regular), collection_font_number=index)
    bold, index = truetype_face(face, bold_text, folder, bold=True)
    pdf.add_font("body", "B", str(bold), collection_font_number=index)
    if face.cjk:  # symbols a CJK face lacks come from DejaVu Sans
        pdf.add_font("fallback", "", str(latin_font().path))
        pdf.set_fallback_fonts(["fallback"])
    pdf.set_title(doc.title)
    pdf.set_author("marketbrief")
    pdf.set_creator("marketbrief")
    pdf.set_lang("zh-CN" if doc.language == "zh" else "en")
    pdf.add_page()
    return pdf


class _Writer:
    def __init__(self, pdf: _Pages, face: FontFace, cjk: bool) -> None:
        self.pdf, self.face, self.cjk = pdf, face, cjk

    def text(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        colour: tuple[int, int, int] = INK,
        fill: bool = False,
        indent: float = 0.0,
        after: float = 2.0,
    ) -> None:
        pdf = self.pdf
        pdf.set_font("body", "B" if bold else "", size)
        pdf.set_text_color(*colour)
        if fill:
            pdf.set_fill_color(*NOTICE_FILL)
        pdf.set_x(pdf.l_margin + indent)
        text = text.replace("**", "")
        if self.cjk:  # our own breaks (see linebreak); fpdf2 then only breaks overlong tokens
            text = wrap(text, pdf.epw - indent - 2 * pdf.c_margin, pdf.get_string_width)
        pdf.multi_cell(
            pdf.epw - indent, size * 0.5, text, fill=fill, align="L",
            wrapmode=WrapMode.CHAR if self.cjk else WrapMode.WORD,
            new_x="LMARGIN", new_y="NEXT",
        )  # fmt: skip
        pdf.ln(after)

    def write(self, block: Block, chart_png: Callable[[Block, FontFace], bytes] | None) -> None:
        kind = block.kind
        if kind == "title":
            self.text(block.text, 18, bold=True, after=1)
        elif kind == "subtitle":
            self.text(block.text, 10, colour=GREY, after=3)
        elif kind == "notice":
            self.text(block.text, 9, colour=GREY, fill=True, after=2)
        elif kind == "heading":
            self.pdf.ln(2 if block.level > 2 else 4)
            if self.pdf.get_y() + KEEP_WITH_NEXT_MM > self.pdf.page_break_trigger:
                self.pdf.add_page()
            self.text(block.text, 14 if block.level == 2 else 11.5, bold=True, after=1.5)
        elif kind == "paragraph":
            self.text(block.text, 10.5, after=2.5)
        elif kind == "quote":  # another language's sentence: set off, in grey
            self.text(block.text, 10, colour=GREY, indent=4, after=2.5)
        elif kind == "bullets":
            for item in block.items:
                self.text(f"• {item}", 10.5, indent=3, after=1)
            self.pdf.ln(1.5)
        elif kind == "chart" and chart_png is not None:
            self.chart(chart_png(block, self.face))
        elif kind == "reference":
            self.text(block.text, 9, after=1.5)
        elif kind == "disclaimer":
            self.pdf.ln(4)
            self.text(block.text, 8.5, colour=GREY)

    def chart(self, png: bytes) -> None:
        pdf = self.pdf
        pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the PNG's IHDR
        width = pdf.epw
        height = width * pixels_high / pixels_wide
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width, h=height)
        pdf.ln(3)
