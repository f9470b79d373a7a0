"""Finding a font at run time that can write the brief: a CJK one when the brief has Chinese.

The lookup asks the system as it is now, on every call, so a font installed while the app runs
(`apt-get install fonts-noto-cjk`) is found by the next export without a restart or a cache to
delete. It asks fontconfig (`fc-list`) when the machine has it, and otherwise, or when
fontconfig lists no CJK face, reads the usual font folders itself with fontTools (faces inside
.ttc collections included). Reading a folder's fonts is the slow part, so that result is kept
until a folder under the font folders changes (a new, removed or replaced file changes its
folder's modification time).

Families are tried in order of preference: Noto Sans CJK SC (Debian/Ubuntu `fonts-noto-cjk`,
also what CI installs), Source Han Sans, WenQuanYi, Droid Sans Fallback, then the usual macOS
and Windows Chinese fonts. Noto Sans CJK and Source Han Sans are under the SIL Open Font
License, which allows embedding in documents. Without Chinese, DejaVu Sans (shipped with
matplotlib) always works.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.research.errors import ExportError
from ingest.language import has_cjk

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

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
FONT_DIRS: Sequence[Path] | None = None  # None: the system's; a test points this elsewhere
FC_TIMEOUT_S = 5.0
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}


@dataclass(frozen=True)
class FontFace:
    family: str  # as the font names itself
    path: Path
    index: int = 0  # the face within a .ttc collection
    bold_path: Path | None = None
    bold_index: int = 0
    cjk: bool = False


@dataclass(frozen=True)
class Installed:
    """One face on the system: its family names (all languages), weight on the OpenType scale
    (400 regular, 700 bold) and whether it is italic."""

    families: frozenset[str]
    path: Path
    index: int
    weight: int
    italic: bool


def font_for(text: str) -> FontFace:
    """A face that can write `text`: CJK when it has Chinese (a clear ExportError naming what
    to install when there is none), else the CJK face if there is one, else DejaVu Sans."""
    cjk = find_cjk_font()
    if cjk is not None:
        return cjk
    if has_cjk(text, punctuation=True):  # a Latin font draws neither "中" nor "，"
        raise ExportError(f"no Chinese (CJK) font found to write this brief as PDF: {INSTALL_HINT}")
    return latin_font()


def find_cjk_font() -> FontFace | None:
    """The most preferred CJK family installed right now (regular and bold faces), or None."""
    if FONT_DIRS is None:  # fontconfig knows the system's folders, not a test's
        found = choose(fontconfig_faces(), CJK_FAMILIES)
        if found is not None:
            return found
    return choose(scan(tuple(FONT_DIRS if FONT_DIRS is not None else font_dirs())), CJK_FAMILIES)


@cache
def latin_font() -> FontFace:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return FontFace(
        family=LATIN_FAMILY,
        path=folder / "DejaVuSans.ttf",
        bold_path=folder / "DejaVuSans-Bold.ttf",
    )


def choose(faces: Iterable[Installed], families: Sequence[str]) -> FontFace | None:
    """The first family of `families` that has an upright face: the face nearest regular
    weight, and the one nearest bold (if any is bold at all)."""
    upright = [f for f in faces if not f.italic]
    for family in families:
        named = sorted(
            (f for f in upright if family in f.families and f.path.is_file()),  # not stale
            key=lambda f: (f.path, f.index),
        )
        if not named:
            continue
        regular = min(named, key=lambda f: abs(f.weight - 400))
        bold = min(
            (f for f in named if f.weight >= 600), key=lambda f: abs(f.weight - 700), default=None
        )
        return FontFace(
            family=family,
            path=regular.path,
            index=regular.index,
            bold_path=bold.path if bold else None,
            bold_index=bold.index if bold else 0,
            cjk=True,
        )
    return None


def font_dirs() -> list[Path]:
    """The folders fonts are installed in on this kind of system."""
    home = Path.home()
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData/Local"))
        return [windows / "Fonts", local / "Microsoft/Windows/Fonts"]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
    ]


# fontconfig ----------------------------------------------------------------------------------

_FC_FORMAT = "%{file}\t%{index}\t%{family}\t%{weight}\t%{slant}\n"
# fontconfig's weight scale against OpenType's (fontconfig's own FcWeightToOpenType points)
_FC_WEIGHTS = ((0, 100), (40, 200), (50, 300), (55, 350), (75, 380), (80, 400), (100, 500),
               (180, 600), (200, 700), (205, 800), (210, 900), (215, 1000))  # fmt: skip


def fontconfig_faces() -> list[Installed]:
    """Every face fontconfig lists; empty when fontconfig is not installed or does not answer
    in time (the folder scan then has the last word)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        done = subprocess.run(
            [fc_list, "--format", _FC_FORMAT],
            capture_output=True,
            timeout=FC_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    return parse_fc_list(done.stdout.decode("utf-8", errors="replace"))


def parse_fc_list(output: str) -> list[Installed]:
    """Lines of `file TAB index TAB families TAB weight TAB slant`, families comma-separated
    (a comma inside a name is escaped as a backslash-comma)."""
    faces = []
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or not parts[0]:
            continue
        path, index, families, weight, slant = parts
        names = frozenset(n.replace("\\,", ",").strip() for n in re.split(r"(?<!\\),", families))
        faces.append(
            Installed(
                families=names - {""},
                path=Path(path),
                index=_int(index, 0),
                weight=_opentype_weight(_int(weight, 80)),
                italic=_int(slant, 0) > 0,
            )
        )
    return faces


def _opentype_weight(fc_weight: int) -> int:
    return min(_FC_WEIGHTS, key=lambda point: abs(point[0] - fc_weight))[1]


def _int(text: str, default: int) -> int:
    """A number fontconfig printed; a variable font's range ('[0 210]') counts as `default`."""
    try:
        return int(float(text))
    except ValueError:
        return default


# the folder scan -----------------------------------------------------------------------------

Stamp = tuple[str, int, int]  # a folder, its modification time, how many entries it has
_scanned: dict[tuple[Path, ...], tuple[tuple[Stamp, ...], list[Installed]]] = {}


def scan(roots: tuple[Path, ...]) -> list[Installed]:
    """Every face in the font files under `roots`, read again only when a folder changed."""
    folders, files = _walk(roots)
    stamp = tuple(sorted(folders))
    kept = _scanned.get(roots)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    faces = [face for path in files for face in read_faces(path)]
    _scanned[roots] = (stamp, faces)
    return faces


def _walk(roots: Iterable[Path]) -> tuple[list[Stamp], list[Path]]:
    """(a stamp of every folder, every font file) under the roots. The count of entries is in
    the stamp for file systems whose modification times are only as fine as a second."""
    folders: list[Stamp] = []
    files: list[Path] = []
    for root in roots:
        for folder, subfolders, names in os.walk(root):
            try:
                stamp = (folder, os.stat(folder).st_mtime_ns, len(subfolders) + len(names))
            except OSError:
                continue
            folders.append(stamp)
            files += [
                Path(folder, n) for n in sorted(names) if Path(n).suffix.lower() in FONT_SUFFIXES
            ]
    return folders, files


def read_faces(path: Path) -> list[Installed]:
    """The faces of one font file (several for a .ttc), read with fontTools; a file fontTools
    cannot read gives none rather than stopping the search."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in {".ttc", ".otc"}:
            with TTCollection(str(path), lazy=True) as collection:
                return [_face(font, path, i) for i, font in enumerate(collection.fonts)]
        with TTFont(str(path), lazy=True) as font:
            return [_face(font, path, 0)]
    # A damaged or unusual file is one font less, not a failed export: fontTools says so with its
    # own error, or with the error its reader trips on (a short table, a missing one, a bad name).
    except (TTLibError, OSError, EOFError, struct.error, LookupError, ValueError, AssertionError):
        return []


def _face(font: TTFont, path: Path, index: int) -> Installed:
    names = {
        record.toUnicode(errors="replace").strip()
        for record in font["name"].names
        if record.nameID in (1, 16)  # the family, and the typographic family it belongs to
    }
    os2 = font.get("OS/2")
    weight = int(getattr(os2, "usWeightClass", 400))
    italic = bool(getattr(os2, "fsSelection", 0) & 1) or bool(font["head"].macStyle & 2)
    return Installed(frozenset(names - {""}), path, index, weight, italic)
