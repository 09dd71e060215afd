"""How long a referral report takes, beside a plain one-page Latin fpdf2 document.

Figures, printed with ``-s`` (``./run-benchmarks``):
1. the first report of a fresh process (fonts parsed from disk), in a child process;
2. one report once fonts and word widths are cached (median of several);
3. 100 reports in a batch, cycling through the shipped languages and two-column pairs.
Each beside the same figure for the baseline: one A4 page of English in Noto Sans, set with
``multi_cell`` and written with fpdf2's defaults. The design target is 0.5 s per report.
Nothing fails on speed; every test checks that the PDFs were really made.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from screening_app.reports import render_report_bytes
from screening_app.reports.fonts import family_for_script
from screening_app.reports.samples import sample_report

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]

PAIRS: tuple[tuple[str, str | None], ...] = (
    ("ar", "en"),
    ("bn", None),
    ("ti", None),
    ("uk", "en"),
    ("fa", "ti"),
    ("en", None),
    ("fr", "ar"),
    ("ru", None),
    ("it", "bn"),
    ("en", "ti"),
)
PARAGRAPH = (
    "The person was met at the reception centre and spoke with an interpreter present. "
    "The interview took place in a quiet room away from other residents. "
) * 4


def baseline_document() -> bytes:
    """One A4 page of English text in Noto Sans: the simplest fpdf2 job of the same kind."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("Noto Sans", "", family_for_script("Latn").regular)
    pdf.set_font("Noto Sans", size=10)
    for _ in range(6):
        pdf.multi_cell(0, 5, PARAGRAPH, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def report_document() -> bytes:
    return render_report_bytes(sample_report("ar", "en"))


def timed(work: Callable[[], bytes]) -> tuple[bytes, float]:
    start = time.perf_counter()
    data = work()
    return data, time.perf_counter() - start


def first_in_fresh_process(expression: str) -> float:
    """Seconds for one call of ``expression`` in a new interpreter, imports excluded."""
    script = (
        "import time\n"
        "from tests.benchmarks.test_report_speed import baseline_document, report_document\n"
        "start = time.perf_counter()\n"
        f"data = {expression}\n"
        "assert data.startswith(b'%PDF-')\n"
        "print(time.perf_counter() - start)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return float(done.stdout.strip())


def show(title: str, rows: list[tuple[str, float, float, str]]) -> None:
    print(f"\n== {title} ==")
    print(f"{'measure':<34}{'report':>10}{'baseline':>11}{'ratio':>8}  target")
    for label, measured, baseline, target in rows:
        ratio = measured / baseline if baseline else float("nan")
        print(f"{label:<34}{measured:>9.3f}s{baseline:>10.3f}s{ratio:>7.1f}x  {target}")


def test_one_report_cold_and_warm_beside_a_plain_latin_page() -> None:
    cold_report = first_in_fresh_process("report_document()")
    cold_baseline = first_in_fresh_process("baseline_document()")
    report_document()
    baseline_document()
    warm_report = [timed(report_document) for _ in range(7)]
    warm_baseline = [timed(baseline_document) for _ in range(7)]
    assert all(data.startswith(b"%PDF-") for data, _ in warm_report + warm_baseline)
    pages = len(PdfReader(BytesIO(warm_report[0][0])).pages)
    show(
        f"referral report (Arabic | English, {pages} pages) vs one-page Latin fpdf2 document",
        [
            ("first in a fresh process", cold_report, cold_baseline, "<= 0.5 s"),
            (
                "warm, median of 7",
                statistics.median(t for _, t in warm_report),
                statistics.median(t for _, t in warm_baseline),
                "<= 0.5 s",
            ),
        ],
    )


def test_a_batch_of_100_reports_beside_100_plain_latin_pages() -> None:
    reports = [sample_report(first, second) for first, second in PAIRS] * 10
    start = time.perf_counter()
    sizes = [len(render_report_bytes(report)) for report in reports]
    batch = time.perf_counter() - start
    start = time.perf_counter()
    baseline_sizes = [len(baseline_document()) for _ in reports]
    baseline = time.perf_counter() - start
    assert len(sizes) == 100 and min(sizes) > 10_000
    assert len(baseline_sizes) == 100
    show(
        "100 reports (10 language pairs x 10) vs 100 one-page Latin documents",
        [
            ("batch total", batch, baseline, ""),
            ("per document", batch / 100, baseline / 100, "<= 0.5 s"),
        ],
    )
    print(f"   report sizes: {min(sizes) // 1024}-{max(sizes) // 1024} KiB")
