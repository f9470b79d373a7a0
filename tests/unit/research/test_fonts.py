"""Finding fonts as the system has them now: a font copied into a font folder while the process
runs is found by the next lookup (and a removed one is gone); fontconfig's list is read when
fontconfig answers, the folders when it does not; .ttc collections give each face.

No test here needs a CJK font: DejaVu Sans (shipped with matplotlib) stands in for one by
making it the preferred "CJK" family.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import matplotlib
import pytest
from fontTools.ttLib import TTCollection, TTFont

from assistant.research.export import fonts
from assistant.research.export.fonts import FontFace

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
DEJAVU_FACES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty font folder read instead of the system's; DejaVu Sans counts as Chinese."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "FONT_DIRS", [folder])
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("Not Installed Anywhere", "DejaVu Sans"))
    return folder


def install_dejavu(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in DEJAVU_FACES:
        shutil.copy(DEJAVU / name, folder / name)


def test_a_font_installed_while_running_is_found_by_the_next_lookup(folder: Path) -> None:
    packaged = folder / "truetype" / "dejavu"  # a package's folder, there before its files
    packaged.mkdir(parents=True)
    assert fonts.find_cjk_font() is None
    install_dejavu(packaged)
    assert fonts.find_cjk_font() == FontFace(
        family="DejaVu Sans",
        path=packaged / "DejaVuSans.ttf",  # the upright regular face, not the oblique one
        bold_path=packaged / "DejaVuSans-Bold.ttf",
        cjk=True,
    )
    shutil.rmtree(packaged)
    assert fonts.find_cjk_font() is None  # and one removed is gone


def test_each_face_of_a_collection_is_read_and_a_broken_file_is_passed_over(
    tmp_path: Path,
) -> None:
    collection = TTCollection()
    collection.fonts = [TTFont(DEJAVU / name, lazy=True) for name in DEJAVU_FACES[:2]]
    path = tmp_path / "pair.ttc"
    collection.save(path)
    faces = fonts.read_faces(path)
    assert [(f.index, f.weight, f.italic) for f in faces] == [(0, 400, False), (1, 700, False)]
    assert all("DejaVu Sans" in f.families for f in faces)
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font at all")
    assert fonts.read_faces(broken) == []


def fc_list_output(folder: Path, *, with_sc: bool = True) -> str:
    """What `fc-list --format ...` prints: file, face index, families, weight, slant."""
    for name in ("light.ttc", "regular.ttc", "bold.ttc", "italic.ttf", "wqy.ttc", "var.ttf"):
        (folder / name).touch()
    sc = (
        f"{folder}/light.ttc\t2\tNoto Sans CJK SC,Noto Sans CJK SC Light\t50\t0\n"
        f"{folder}/regular.ttc\t2\tNoto Sans CJK SC\t80\t0\n"
        f"{folder}/bold.ttc\t2\tNoto Sans CJK SC\t200\t0\n"
        f"{folder}/italic.ttf\t0\tNoto Sans CJK SC\t80\t100\n"
        f"{folder}/gone.ttc\t0\tNoto Sans CJK SC\t80\t0\n"  # a stale entry: no such file
    )
    return (sc if with_sc else "") + (
        f"{folder}/wqy.ttc\t0\t文泉驛正黑,WenQuanYi Zen Hei,文泉驿正黑\t80\t0\n"
        f"{folder}/var.ttf\t0\tOdd\\, Family\t[0 210]\t0\n"
        "a line that is not one\n"
    )


@pytest.fixture
def fc_list(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """fontconfig's answer, faked: set [0] to what fc-list prints. Returns the list, to which
    each call appends the command line it ran."""
    answer: list[str] = [""]

    def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        assert kwargs.get("timeout") == fonts.FC_TIMEOUT_S  # a hung fontconfig cannot hang us
        answer.append(" ".join(args))
        return subprocess.CompletedProcess(args, 0, answer[0].encode(), b"")

    monkeypatch.setattr(fonts.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(fonts.subprocess, "run", run)
    return answer


def test_fontconfig_output_is_parsed_into_regular_and_bold_faces(
    tmp_path: Path, fc_list: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "FONT_DIRS", None)
    fc_list[0] = fc_list_output(tmp_path)
    assert fonts.find_cjk_font() == FontFace(
        family="Noto Sans CJK SC",
        path=tmp_path / "regular.ttc",
        index=2,
        bold_path=tmp_path / "bold.ttc",
        bold_index=2,
        cjk=True,
    )
    assert fc_list[1].startswith("/usr/bin/fc-list --format")
    fc_list[0] = fc_list_output(tmp_path, with_sc=False)
    wqy = fonts.find_cjk_font()
    assert wqy is not None and (wqy.family, wqy.path, wqy.bold_path) == (
        "WenQuanYi Zen Hei",
        tmp_path / "wqy.ttc",
        None,
    )
    [odd] = [f for f in fonts.parse_fc_list(fc_list[0]) if f.path.name == "var.ttf"]
    assert odd.families == {"Odd, Family"} and odd.weight == 400  # a variable font's range


@pytest.mark.parametrize("failure", ["not installed", "times out", "fails"])
def test_without_an_answer_from_fontconfig_the_folders_are_read(
    failure: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        if failure == "times out":
            raise subprocess.TimeoutExpired(args, fonts.FC_TIMEOUT_S)
        return subprocess.CompletedProcess(args, 1, b"", b"Fontconfig error")

    monkeypatch.setattr(fonts, "FONT_DIRS", None)  # the system's folders: here, `folder`
    monkeypatch.setattr(fonts, "font_dirs", lambda: [folder])
    monkeypatch.setattr(
        fonts.shutil, "which", lambda name: None if failure == "not installed" else name
    )
    monkeypatch.setattr(fonts.subprocess, "run", run)
    install_dejavu(folder)
    face = fonts.find_cjk_font()
    assert face is not None and face.path == folder / "DejaVuSans.ttf"
