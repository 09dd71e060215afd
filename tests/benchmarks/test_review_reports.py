"""Referral reports made from stored demo cases, as a supervisor exports them.

Figures, printed with ``-s`` (``./run-benchmarks tests/benchmarks/test_review_reports.py``):
1. one report from a case, warm (median of 7): opening the case, building the recipient's
   content, rendering, recording the export (audit entry and referral row, committed and
   synced); then each of those steps timed on its own (medians);
2. the first report of a fresh process (sign-in excluded), in a child process;
3. 100 reports in a batch: every approved demo case with each recipient its consent allows,
   in the case's interview language with English beside it, until 100 are made.
Each beside the same-run baseline: rendering the fictional sample report (Arabic | English),
which is what the renderer alone costs. The design target is 0.5 s per report. Nothing
fails on speed; every test checks that real PDFs were made.
"""

from __future__ import annotations

import hashlib
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from screening_app.core.records import CaseStatus
from screening_app.reports import render_report_bytes
from screening_app.reports.samples import sample_report
from screening_app.services.accounts import AccountService
from screening_app.services.case_record import load_case_record
from screening_app.services.cases import CaseService
from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace
from screening_app.services.referral_content import build_content
from screening_app.services.referral_report import ReferralReports
from screening_app.services.review import ReviewService
from screening_app.services.vault import Vault
from screening_app.storage.workspace import open_workspace
from tests.benchmarks.conftest import TableFactory

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]
DEMO_CASES = 400
EXPORTABLE = (CaseStatus.APPROVED.value, CaseStatus.REFERRED.value)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench-review") / "ws"
    make_demo_workspace(path, DEMO_PASSWORD, DEMO_CASES)
    return path


def referrals(vault: Vault) -> Iterator[tuple[str, str, str]]:
    """(case, recipient, interview language) for every exportable demo case and every
    recipient its consent allows."""
    review = ReviewService(vault)
    for row in CaseService(vault).summaries():
        if row.status not in EXPORTABLE:
            continue
        view = review.open_case(row.case_id)
        if view.assessment is None or not view.sessions:
            continue
        language = view.sessions[-1].interviewee_language or "en"
        for option in review.recipient_options(row.case_id):
            if option.allowed:
                yield row.case_id, option.recipient.id, language


def sample_render() -> float:
    start = time.perf_counter()
    render_report_bytes(sample_report("ar", "en"))
    return time.perf_counter() - start


def test_one_report_from_a_case(demo_path: Path, bench_table: TableFactory) -> None:
    with open_workspace(demo_path) as workspace:
        vault = AccountService(workspace).sign_in("supervisor", DEMO_PASSWORD)
        case_id, recipient_id, _ = next(r for r in referrals(vault) if r[2] == "ar")
        reports = ReferralReports(vault)
        reports.prepare(case_id, recipient_id, "ar", "en")
        sample_render()
        whole, parts, baseline = [], [], []
        for _ in range(7):
            start = time.perf_counter()
            made = reports.prepare(case_id, recipient_id, "ar", "en")
            whole.append(time.perf_counter() - start)
            parts.append(_parts(vault, reports, case_id, recipient_id))
            baseline.append(sample_render())
        pages = len(PdfReader(BytesIO(made.pdf)).pages)
    table = bench_table(
        f"referral report from a demo case (Arabic | English, {pages} pages)",
        "sample report render",
    )
    median = statistics.median(baseline)
    table.add("whole export, warm (median of 7)", statistics.median(whole), median, "s", "<= 0.5 s")
    steps = ("  open the case", "  build the content", "  render", "  record (audit, referral)")
    for index, label in enumerate(steps):
        table.add(label, statistics.median(p[index] for p in parts), None, "s")
    cold = _first_in_fresh_process(demo_path, case_id, recipient_id)
    table.add("first export in a fresh process", cold, None, "s", "<= 0.5 s")
    assert made.pdf.startswith(b"%PDF-")


def _parts(
    vault: Vault, reports: ReferralReports, case_id: str, recipient_id: str
) -> tuple[float, float, float, float]:
    """The steps of ``prepare`` timed one by one, with the same calls."""
    start = time.perf_counter()
    with vault.read() as session:
        record = load_case_record(vault, session, case_id)
    opened = time.perf_counter()
    recipient = reports.directory.get(recipient_id)
    content = build_content(record, recipient, reports.report_setting(), "ar", "en")
    built = time.perf_counter()
    pdf = render_report_bytes(content.report)
    rendered = time.perf_counter()
    reports.record_export(content, hashlib.sha256(pdf).hexdigest())
    recorded = time.perf_counter()
    return opened - start, built - opened, rendered - built, recorded - rendered


def _first_in_fresh_process(path: Path, case_id: str, recipient_id: str) -> float:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from screening_app.services.accounts import AccountService\n"
        "from screening_app.services.referral_report import ReferralReports\n"
        "from screening_app.storage.workspace import open_workspace\n"
        f"with open_workspace(Path({str(path)!r})) as ws:\n"
        f"    vault = AccountService(ws).sign_in('supervisor', {DEMO_PASSWORD!r})\n"
        "    start = time.perf_counter()\n"
        f"    made = ReferralReports(vault).prepare({case_id!r}, {recipient_id!r}, 'ar', 'en')\n"
        "    print(time.perf_counter() - start)\n"
        "    assert made.pdf.startswith(b'%PDF-')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return float(done.stdout.strip())


def test_a_batch_of_100_reports_from_cases(demo_path: Path, bench_table: TableFactory) -> None:
    with open_workspace(demo_path) as workspace:
        vault = AccountService(workspace).sign_in("supervisor", DEMO_PASSWORD)
        chosen = []
        for item in referrals(vault):
            chosen.append(item)
            if len(chosen) == 100:
                break
        reports = ReferralReports(vault)
        start = time.perf_counter()
        sizes = []
        languages = set()
        for case_id, recipient_id, language in chosen:
            second = "en" if language != "en" else None
            made = reports.prepare(case_id, recipient_id, language, second)
            sizes.append(len(made.pdf))
            languages.add(language)
        batch = time.perf_counter() - start
    baseline = sum(sample_render() for _ in range(20)) / 20
    table = bench_table("100 referral reports from demo cases", "sample report render")
    table.add("batch total", batch, baseline * 100, "s")
    table.add("per report", batch / 100, baseline, "s", "<= 0.5 s")
    table.note(
        f"{len({c for c, _r, _l in chosen})} cases, interview languages "
        f"{', '.join(sorted(languages))}; sizes {min(sizes) // 1024}-{max(sizes) // 1024} KiB"
    )
    assert len(sizes) == 100 and min(sizes) > 10_000
