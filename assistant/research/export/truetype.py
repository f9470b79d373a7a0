"""A CJK face cut down to the brief's characters, with TrueType outlines, for the PDF.

Chinese system fonts (Noto Sans CJK, Source Han Sans) are OpenType collections with CFF
outlines. fpdf2 can embed those, but it must then describe the font with an embedded CMap that
several PDF readers do not follow when extracting text (pypdf among them, which our own library
ingest uses), so copied or re-read text comes out garbled. Converted to TrueType outlines, the
font is embedded as a plain Identity-H CID font that every reader handles. Only the characters
the brief uses are converted (a few hundred glyphs: a fraction of a second), and the result
lives in a temporary folder for the length of one export. The work is all fontTools' own:
its subsetter, its cubic-to-quadratic pen (curves within one font unit) and its FontBuilder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.answer.render import MARKS
from assistant.research.export.fonts import FontFace

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# the footer, bullets, and every mark a flagged figure can get (⚠, ⊗: both in Noto CJK)
EXTRA = "0123456789 marketbrief·•—–-_.,:;%()[]/|→" + "".join(sorted(set(MARKS.values())))
MAX_ERROR = 1.0  # font units


def truetype_face(
    face: FontFace, text: str, folder: Path, *, bold: bool = False
) -> tuple[Path, int]:
    """The (file, face index) fpdf2 should load for `text`: the face itself when it already has
    TrueType outlines, else a converted subset written into `folder`."""
    from fontTools.ttLib import TTFont

    path, index = (
        (face.bold_path, face.bold_index) if bold and face.bold_path else (face.path, face.index)
    )
    with TTFont(str(path), fontNumber=index, lazy=True) as font:
        if "CFF " not in font:
            return path, index
        _subset(font, text + EXTRA)
        _to_quadratic(font)
        target = folder / f"{path.stem}-{index}{'-bold' if bold else ''}.ttf"
        font.save(str(target))
    return target, 0


def _subset(font: TTFont, text: str) -> None:
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True  # faster to draw and to prune
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)


def _to_quadratic(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca: each glyph drawn through fontTools' Cu2QuPen into
    its TTGlyphPen, and fontTools' FontBuilder sets up the TrueType tables around them (maxp;
    loca and head's offset format follow when the font is saved)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    for tag in ("CFF ", "VORG"):  # VORG only means something next to CFF outlines
        if tag in font:
            del font[tag]
    font["glyf"] = newTable("glyf")  # so FontBuilder takes the font for TrueType
    font.sfntVersion = "\0\1\0\0"
    builder = FontBuilder(font=font)
    builder.setupGlyf(glyphs)
    builder.setupMaxp()
