"""The built one-folder app runs on its own: no Python, no source tree, no network.

Each test runs the binary from a copy of the built folder outside the source tree, in a
scratch folder, with nothing in the environment but PATH, HOME and QT_QPA_PLATFORM, and in a
private network namespace where the system allows one. Skipped when there is no build:
run ``packaging/build`` first, or point ``SCREENING_APP_BUILT`` at a built folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from screening_app.services.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
BUILT = Path(os.environ.get("SCREENING_APP_BUILT") or ROOT / "dist" / "screening-app")
PROGRAM = "screening-app"
TIMEOUT_S = 180
READY = ("approved", "referred")  # statuses of demo cases a report may be made for

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        not (BUILT / PROGRAM).is_file(),
        reason=f"no built app in {BUILT}: run packaging/build or set SCREENING_APP_BUILT",
    ),
]

REFERRAL = {
    "age": 34,
    "exploitation": "labour",
    "indicators": [
        "DR.job_nature",
        "DR.wages",
        "EX.excessive_hours",
        "EX.low_no_salary",
        "CD.documents_confiscated",
        "CD.debt_bondage",
    ],
}


@dataclass(frozen=True)
class BuiltApp:
    """A copy of the built folder and a scratch folder to run it in."""

    program: Path
    work: Path
    home: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "QT_QPA_PLATFORM": "offscreen"}
        return subprocess.run(
            [*_no_network(), str(self.program), *args],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )


@cache
def _no_network() -> tuple[str, ...]:
    """The prefix that runs a command without network, or nothing where none is allowed."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False)
    return (unshare, "-rn") if probe.returncode == 0 else ()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> BuiltApp:
    scratch = tmp_path_factory.mktemp("built-app")
    assert not scratch.is_relative_to(ROOT), "the copy must live outside the source tree"
    copy = scratch / "app"
    shutil.copytree(BUILT, copy, symlinks=True)
    (scratch / "work").mkdir()
    (scratch / "home").mkdir()
    return BuiltApp(copy / PROGRAM, scratch / "work", scratch / "home")


def test_version_names_the_app_forms_rules_fonts_and_library_licences(app: BuiltApp) -> None:
    done = app.run("--version")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"screening-app \d+\.\d+\.\d+", lines[0])
    assert any(re.fullmatch(r"Assessment rules ilo-2009/\d+\.\d+\.\d+", line) for line in lines)
    for form_id in ("first-line-screening", "in-depth-interview"):
        assert any(re.match(rf"  {form_id} \d+\.\d+\.\d+ ", line) for line in lines), form_id
    assert any(
        re.match(r"  Noto Sans Arabic \d+\.\d+ +SIL Open Font License 1\.1", line) for line in lines
    )
    # Versions come from package metadata bundled into the build, so none is "unknown".
    assert any(re.match(r"  PySide6 \d+\.\d+\.\d+ +LGPL-3\.0-only", line) for line in lines)
    assert "unknown" not in done.stdout


@pytest.fixture(scope="module")
def demo_made(app: BuiltApp) -> subprocess.CompletedProcess[str]:
    """``demo --cases 20`` into ``demo-ws`` in the work folder, run once for the module."""
    return app.run("--workspace", "demo-ws", "demo", "--cases", "20")


def test_demo_makes_a_workspace_with_twenty_cases(
    app: BuiltApp, demo_made: subprocess.CompletedProcess[str]
) -> None:
    assert demo_made.returncode == 0, demo_made.stderr
    assert json.loads(demo_made.stdout)["cases"] == 20
    assert (app.work / "demo-ws" / "screening.sqlite").is_file()
    # Workspaces are owner-only, also when made by the frozen app.
    assert (app.work / "demo-ws").stat().st_mode & 0o077 == 0


def test_report_of_an_approved_case_embeds_the_bundled_arabic_font(
    app: BuiltApp, demo_made: subprocess.CompletedProcess[str]
) -> None:
    """PDF reports need fpdf2, uharfbuzz, fontTools and the fonts: all from the bundle."""
    assert demo_made.returncode == 0, demo_made.stderr
    (app.work / "password.txt").write_text(DEMO_PASSWORD + "\n", encoding="utf-8")
    signed_in = (
        "--workspace",
        "demo-ws",
        "--user",
        "supervisor",
        "--password-file",
        "password.txt",
    )
    listed = app.run(*signed_in, "cases", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    ready = [case["id"] for case in json.loads(listed.stdout) if case["status"] in READY]
    assert ready, "the demo has no approved or referred case"
    done = app.run(
        *signed_in,
        "report",
        "--case",
        ready[0],
        "--recipient",
        "demo-nrm",
        "--lang",
        "ar",
        "--out",
        "report.pdf",
    )
    assert done.returncode == 0, done.stderr
    pages, fonts = _pdf_pages_and_fonts(app.work / "report.pdf")
    assert pages >= 1
    assert "NotoSansArabic" in fonts, fonts


def test_a_packet_from_the_bundle_is_imported_by_its_intake_and_the_receipt_returns(
    app: BuiltApp, demo_made: subprocess.CompletedProcess[str]
) -> None:
    """The same program seals (field side) and imports (NRM side, with its own migrations):
    age, minisign, the ZIP and both databases all work from the bundle."""
    assert demo_made.returncode == 0, demo_made.stderr
    (app.work / "password.txt").write_text(DEMO_PASSWORD + "\n", encoding="utf-8")
    signed_in = ("--workspace", "demo-ws", "--user", "supervisor", "--password-file")
    signed_in += ("password.txt",)
    listed = app.run(*signed_in, "cases", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    ready = [case["id"] for case in json.loads(listed.stdout) if case["status"] in READY]
    assert ready, "the demo has no approved or referred case"
    sealed = app.run(*signed_in, "packet", "export", "--case", ready[-1], "--recipient", "demo-nrm")
    assert sealed.returncode == 0, sealed.stderr
    packet = Path(json.loads(sealed.stdout)["path"])
    nrm = "demo-ws/demo-nrm"
    database = ("--db", f"{nrm}/nrm.sqlite")
    assert app.run("nrm", "init", *database, "--keys", f"{nrm}/intake").returncode == 0
    assert app.run("nrm", "offices", "add", *database, f"{nrm}/office.pub").returncode == 0
    imported = app.run(
        "nrm", "import", *database, "--keys", f"{nrm}/intake", "--receipts", "receipts", str(packet)
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert json.loads(imported.stdout)["status"] == "accepted"
    receipts = sorted((app.work / "receipts").glob("*.receipt"))
    assert len(receipts) == 1
    delivered = app.run(*signed_in, "receipt", "import", str(receipts[0]))
    assert delivered.returncode == 0, delivered.stdout + delivered.stderr
    assert json.loads(delivered.stdout)["status"] == "delivered"


def _pdf_pages_and_fonts(path: Path) -> tuple[int, set[str]]:
    """Page count and the names of the fonts embedded in the PDF (subset prefix removed)."""
    reader = PdfReader(path)
    names = set()
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        fonts = resources["/Font"].get_object()
        assert isinstance(fonts, DictionaryObject)
        for font in fonts.values():
            described = font.get_object()
            assert isinstance(described, DictionaryObject)
            names.add(str(described["/BaseFont"]).split("+")[-1])
    return len(reader.pages), names


def test_assess_reads_a_json_file_and_refers_the_labour_case_to_the_nrm(app: BuiltApp) -> None:
    (app.work / "input.json").write_text(json.dumps(REFERRAL), encoding="utf-8")
    done = app.run("assess", "input.json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["outcome"] == "refer_nrm"
    assert result["rules_version"].startswith("ilo-2009/")


def test_forms_check_finds_no_problem_in_the_shipped_forms_and_catalogs(app: BuiltApp) -> None:
    done = app.run("forms", "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"checked 2 forms and \d+ catalogs: no problems", done.stdout + done.stderr)


def test_arabic_login_screen_is_drawn_right_to_left(app: BuiltApp) -> None:
    """The field labels stand right of the fields in Arabic and left of them in English."""
    sides = {}
    for lang in ("ar", "en"):
        done = app.run("screenshot", "--screen", "login", "--lang", lang, "--out", f"{lang}.png")
        assert done.returncode == 0, done.stderr
        picture = app.work / f"{lang}.png"
        assert picture.stat().st_size > 10_000
        with Image.open(picture) as image:
            rgb = image.convert("RGB")
        assert rgb.size[0] >= 800 and rgb.size[1] >= 600
        colours = rgb.getcolors(maxcolors=rgb.size[0] * rgb.size[1]) or []
        assert len(colours) > 50, "a nearly blank picture"
        sides[lang] = _label_side(rgb)
    assert sides == {"ar": "right", "en": "left"}


def _label_side(image: Image.Image) -> str:
    """Where the dark label text stands beside the second white input box (the password).

    The first box holds the blinking cursor, so the second one is measured.
    """
    picture = _Pixels(image)
    boxes = _white_boxes(picture)
    assert len(boxes) >= 2, f"expected input boxes, found {boxes}"
    top, bottom, left, right = boxes[1]
    dark_left = dark_right = 0
    for y in range(top, bottom + 1):
        for x in range(picture.width):
            if left - 3 <= x <= right + 3 or sum(picture.rgb(x, y)) >= 200:
                continue
            if x < left:
                dark_left += 1
            else:
                dark_right += 1
    assert dark_left + dark_right > 20, "no label text beside the box"
    return "right" if dark_right > dark_left else "left"


class _Pixels:
    """An RGB picture's raw bytes, read by position."""

    def __init__(self, image: Image.Image) -> None:
        rgb = image.convert("RGB")
        self.width, self.height = rgb.size
        self.data = rgb.tobytes()

    def rgb(self, x: int, y: int) -> bytes:
        at = (y * self.width + x) * 3
        return self.data[at : at + 3]


WHITE = b"\xff\xff\xff"


def _white_boxes(picture: _Pixels) -> list[tuple[int, int, int, int]]:
    """(top, bottom, left, right) of each run of rows holding one wide pure-white span."""
    boxes: list[tuple[int, int, int, int]] = []
    for y in range(picture.height):
        span = _widest_white_span(picture, y)
        if span is None:
            continue
        if boxes and boxes[-1][1] == y - 1:
            top, _bottom, left, right = boxes[-1]
            boxes[-1] = (top, y, min(left, span[0]), max(right, span[1]))
        else:
            boxes.append((y, y, *span))
    return boxes


def _widest_white_span(picture: _Pixels, y: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    start = None
    for x in range(picture.width + 1):
        white = x < picture.width and picture.rgb(x, y) == WHITE
        if white and start is None:
            start = x
        elif not white and start is not None:
            if x - start >= 200 and (best is None or x - start > best[1] - best[0]):
                best = (start, x - 1)
            start = None
    return best
