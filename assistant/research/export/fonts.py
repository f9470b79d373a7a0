"""Finding a font at run time that can write the brief: a CJK one when the brief has Chinese.

The search goes through the fonts matplotlib knows (it scans the system font folders once and
caches the list, faces of .ttc collections included), in order of preference: Noto Sans CJK SC
(Debian/Ubuntu `fonts-noto-cjk`, also what CI installs), Source Han Sans, WenQuanYi, Droid Sans
Fallback, then the usual macOS and Windows Chinese fonts. fpdf2 embeds the face as a subset,
CFF outlines (.otf/.ttc) included. Noto Sans CJK and Source Han Sans are under the SIL Open
Font License, which allows embedding in documents. Without Chinese, DejaVu Sans (shipped with
matplotlib) always works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.research.errors import ExportError

CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Noto Sans CJK TC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Droid Sans Fallback", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "SimHei",
    "Arial Unicode MS",
)  # fmt: skip
LATIN_FAMILY = "DejaVu Sans"
INSTALL_HINT = (
    "install a Chinese font, e.g. 'sudo apt-get install fonts-noto-cjk' (Debian/Ubuntu), "
    "'sudo dnf install google-noto-sans-cjk-fonts' (Fedora) or "
    "'brew install --cask font-noto-sans-cjk' (macOS)"
)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class FontFace:
    family: str  # the name matplotlib knows it by
    path: Path
    index: int = 0  # the face within a .ttc collection
    bold_path: Path | None = None
    bold_index: int = 0
    cjk: bool = False


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def font_for(text: str) -> FontFace:
    """A face that can write `text`: CJK when it has Chinese (a clear ExportError naming what
    to install when there is none), else the CJK face if there is one, else DejaVu Sans."""
    cjk = find_cjk_font()
    if cjk is not None:
        return cjk
    if has_cjk(text):
        raise ExportError(f"no Chinese (CJK) font found to write this brief as PDF: {INSTALL_HINT}")
    return latin_font()


@cache
def find_cjk_font() -> FontFace | None:
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    for family in CJK_FAMILIES:
        faces = [e for e in entries if e.name == family and e.style == "normal"]
        regular = [e for e in faces if e.weight in (400, "normal", "regular")] or faces
        if not regular:
            continue
        bold = [e for e in faces if e.weight in (700, "bold")]
        return FontFace(
            family=family,
            path=Path(regular[0].fname),
            index=int(getattr(regular[0], "index", 0)),
            bold_path=Path(bold[0].fname) if bold else None,
            bold_index=int(getattr(bold[0], "index", 0)) if bold else 0,
            cjk=True,
        )
    return None


@cache
def latin_font() -> FontFace:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return FontFace(
        family=LATIN_FAMILY,
        path=folder / "DejaVuSans.ttf",
        bold_path=folder / "DejaVuSans-Bold.ttf",
    )
