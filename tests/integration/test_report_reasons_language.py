"""A referral report made from a stored demo case in Arabic states its grounds in Arabic.

The report is exported as a supervisor does it (Arabic only, no second column) and read
back with poppler's pdftotext. pdftotext may swap the two letters of a lam-alef ligature
(and of lam with alef maksura), moves punctuation-separated runs of a right-to-left line
about (see ``test_report_pdf_text``), and may print the second line of a wrapped reason
after the next field's first line. Arabic labels are therefore looked for phrase by phrase,
their words in order with at most a few lines between them, with the lam and alef letters
left out, without the short-vowel marks (the shaper puts a shadda
before a fatha, the reverse of Unicode's order) and without the direction marks readers add.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from screening_app.assess.indicators import DIMENSION_LABELS, INDICATOR_LABELS
from screening_app.core.records import CaseStatus
from screening_app.i18n.report_texts import (
    dimension_key,
    indicator_key,
    report_text,
)
from screening_app.services.accounts import AccountService
from screening_app.services.assessments import AssessmentRecord, AssessmentService
from screening_app.services.cases import CaseService
from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace
from screening_app.services.referral_report import ReferralReports
from screening_app.services.review import ReviewService
from screening_app.services.vault import Vault
from screening_app.storage.workspace import open_workspace

RECIPIENT = "demo-nrm"
EXPORTABLE = (CaseStatus.APPROVED.value, CaseStatus.REFERRED.value)
NOT_CONTENT = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069•")
)
LAM_AND_ALEF = dict.fromkeys(map(ord, "لاأإآ"))
VOWEL_MARKS = dict.fromkeys(range(0x064B, 0x0653))
PHRASE_BREAK = re.compile(r"[.،,:؛;()]")


def normalised(text: str) -> str:
    """Without direction marks, bullets, punctuation, lam and alef letters and vowel marks;
    whitespace collapsed."""
    left = text.translate(NOT_CONTENT).translate(LAM_AND_ALEF).translate(VOWEL_MARKS)
    return " ".join(PHRASE_BREAK.sub(" ", left).split())


def phrases(label: str) -> list[list[str]]:
    return [normalised(part).split() for part in PHRASE_BREAK.split(label) if part.strip()]


def read_in_order(needle: list[str], haystack: list[str], gap: int = 40) -> bool:
    """Whether the words of ``needle`` occur in ``haystack`` in this order, each within
    ``gap`` words of the one before (room for a field the reader put in between)."""
    for start, word in enumerate(haystack):
        if word != needle[0]:
            continue
        at = start
        for wanted in needle[1:]:
            window = haystack[at + 1 : at + 1 + gap]
            if wanted not in window:
                break
            at += 1 + window.index(wanted)
        else:
            return True
    return False


def met_indicators(record: AssessmentRecord) -> list[str]:
    dimensions = record.result["dimensions"]
    return [i for value in dimensions.values() if value["positive"] for i in value["indicators"]]


def arabic_case(vault: Vault) -> tuple[str, AssessmentRecord]:
    """The first exportable demo case interviewed in Arabic whose coordinator's report
    names at least one dimension met."""
    review = ReviewService(vault)
    for row in CaseService(vault).summaries():
        if row.status not in EXPORTABLE:
            continue
        view = review.open_case(row.case_id)
        record = AssessmentService(vault).latest(row.case_id)
        if record is None or not view.sessions or view.sessions[-1].interviewee_language != "ar":
            continue
        allowed = {o.recipient.id for o in review.recipient_options(row.case_id) if o.allowed}
        if RECIPIENT in allowed and met_indicators(record):
            return row.case_id, record
    raise AssertionError("no demo case interviewed in Arabic with a dimension met")


@pytest.fixture(scope="module")
def arabic_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, AssessmentRecord]:
    """(pdftotext text of the Arabic report, the case's assessment)."""
    folder = tmp_path_factory.mktemp("arabic-report")
    make_demo_workspace(folder / "ws", DEMO_PASSWORD, 40)
    with open_workspace(folder / "ws") as workspace:
        vault = AccountService(workspace).sign_in("supervisor", DEMO_PASSWORD)
        case_id, record = arabic_case(vault)
        made = ReferralReports(vault).prepare(case_id, RECIPIENT, "ar", None)
    path = folder / "report.pdf"
    path.write_bytes(made.pdf)
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return done.stdout.decode("utf-8"), record


def test_the_arabic_report_names_the_indicators_met_in_arabic_not_english(
    arabic_report: tuple[str, AssessmentRecord],
) -> None:
    text, record = arabic_report
    read = normalised(text).split()
    flat = " ".join(text.split())
    for ident in met_indicators(record):
        for phrase in phrases(report_text(indicator_key(ident), "ar")):
            assert read_in_order(phrase, read), ident
        assert INDICATOR_LABELS[ident] not in flat, ident


def test_the_arabic_report_names_the_dimensions_met_in_arabic_not_english(
    arabic_report: tuple[str, AssessmentRecord],
) -> None:
    text, record = arabic_report
    read = normalised(text).split()
    flat = " ".join(text.split())
    met = [code for code, value in record.result["dimensions"].items() if value["positive"]]
    assert met
    for code in met:
        for phrase in phrases(report_text(dimension_key(code), "ar")):
            assert read_in_order(phrase, read), code
        assert DIMENSION_LABELS[code] not in flat, code
    # No English label of any dimension or indicator is left anywhere in the report.
    english = [*DIMENSION_LABELS.values(), *INDICATOR_LABELS.values()]
    assert [label for label in english if label in flat] == []


def test_the_arabic_report_gives_the_persons_gender_in_arabic(
    arabic_report: tuple[str, AssessmentRecord],
) -> None:
    text, _record = arabic_report
    words = set(normalised(text).split())
    assert {normalised("أنثى"), normalised("ذكر"), normalised("آخر")} & words
    assert not {"Female", "Male", "Other"} & words
