"""Reports made from demo cases, read back from the PDF files.

For each interview language (Arabic, Bengali, Tigrinya, Ukrainian, English) a demo case
interviewed in it is approved and exported twice: to the NRM coordinator (who may receive
the nationality and the journey) and to a recipient that may not (health service or
shelter). Both files are read back with poppler's ``pdftotext`` and with ``pypdf``:

- each language's text is there: the report title and a question in the report language,
  and the same question in English in the second column;
- the field the narrow recipient may not receive is absent: the nationality (as a country
  name in both languages) and the journey question, in neither reader's text nor anywhere in
  the bytes (raw, or any stream decompressed, in UTF-8 or UTF-16); the NRM report, made from
  the same case, has them, so the check can fail;
- every font is embedded as a subset with a Unicode map (``pdffonts``).

Known reader limits (see tests/integration/test_report_pdf_text.py): pdftotext may swap the
letters of Arabic lam-alef ligatures and pypdf adds stray characters to shaped Bengali, so
Arabic is compared word by word with those letters dropped in pdftotext and exactly in pypdf,
and Bengali exactly in pdftotext (its lines carry their text as ActualText).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel import Locale
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject
from sqlalchemy import select

from screening_app.core.records import CaseStatus
from screening_app.forms import Form
from screening_app.i18n import FormTexts
from screening_app.reports import labels as L
from screening_app.reports.labels import report_labels
from screening_app.services.accounts import AccountService
from screening_app.services.answer_texts import shipped_form
from screening_app.services.case_record import load_case_record
from screening_app.services.demo import DEMO_PASSWORD
from screening_app.services.referral_report import ReferralReports
from screening_app.services.review import ReviewService
from screening_app.services.vault import Vault
from screening_app.storage.models import Case
from screening_app.storage.workspace import open_workspace

LANGUAGES: tuple[tuple[str, str | None], ...] = (
    ("ar", "en"),
    ("bn", "en"),
    ("ti", "en"),
    ("uk", "en"),
    ("en", None),
)
NARROW = ("demo-health", "demo-shelter")
WIDE = "demo-nrm"
HIDDEN_QUESTION = "journey_organised_by"
# Questions whose translated text fits on one line of a column.
SHORT_QUESTIONS = ("needs_doctor", "feels_safe", "owes_money", "documents_now")
# Direction marks readers add, and the list bullet: not part of any sentence.
NOT_CONTENT = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069•")
)
LAM_AND_ALEF = dict.fromkeys(map(ord, "لاأإآ"))


@dataclass(frozen=True)
class Made:
    language: str
    second: str | None
    case_id: str
    nationality: str
    narrow: Path
    wide: Path
    # A question each report carries, to look for in it.
    narrow_question: str
    wide_question: str


def question_text(form: Form, question_id: str, language: str) -> str:
    question = form.question(question_id)
    context = f"{question.section_id}.{question_id}.text"
    return FormTexts(form.id, language).text(context, question.text)


def country_names(code: str, languages: tuple[str, ...]) -> set[str]:
    return {Locale.parse(language).territories[code] for language in languages}


def _candidates(vault: Vault, language: str) -> Iterator[str]:
    """Demo cases interviewed in ``language`` whose interview is over and assessed."""
    with vault.read() as session:
        ids = list(session.execute(select(Case.id).order_by(Case.created)).scalars())
        for case_id in ids:
            record = load_case_record(vault, session, case_id)
            if record.assessment is None or record.status not in (
                CaseStatus.AWAITING_REVIEW.value,
                CaseStatus.APPROVED.value,
                CaseStatus.REFERRED.value,
            ):
                continue
            spoken = record.sessions[-1].interviewee_language
            needed = {"needs_doctor", "feels_safe", HIDDEN_QUESTION}
            has_answers = needed <= set(record.sessions[-1].answers)
            allowed = {kind.value for kind in record.may_share_with()}
            if (
                spoken == language
                and record.person.nationality
                and has_answers
                and "nrm_coordinator" in allowed
                and allowed & {"health", "shelter_ngo"}
            ):
                yield case_id


def _make(vault: Vault, folder: Path, language: str, second: str | None) -> Made:
    review = ReviewService(vault)
    case_id = next(_candidates(vault, language))
    view = review.open_case(case_id)
    if view.status == CaseStatus.AWAITING_REVIEW.value:
        review.approve(case_id)
    allowed = {o.recipient.id for o in review.recipient_options(case_id) if o.allowed}
    narrow_id = next(rid for rid in NARROW if rid in allowed)
    reports = ReferralReports(vault)
    narrow = reports.export(case_id, narrow_id, folder / f"{language}-narrow.pdf", language, second)
    wide = reports.export(case_id, WIDE, folder / f"{language}-wide.pdf", language, second)
    assert view.person.nationality is not None

    def carried(included: tuple[str, ...]) -> str:
        return next(q for q in SHORT_QUESTIONS if q in included)

    return Made(
        language,
        second,
        case_id,
        view.person.nationality,
        narrow.path,
        wide.path,
        carried(narrow.prepared.content.answers_included),
        carried(wide.prepared.content.answers_included),
    )


@pytest.fixture(scope="module")
def made(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    folder = tmp_path_factory.mktemp("report-pdfs")
    copy = folder / "ws"
    shutil.copytree(demo_template, copy)
    with open_workspace(copy) as workspace:
        vault = AccountService(workspace).sign_in("supervisor", DEMO_PASSWORD)
        return {lang: _make(vault, folder, lang, second) for lang, second in LANGUAGES}


def pdftotext(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return done.stdout.decode("utf-8")


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def words(text: str) -> list[str]:
    return text.translate(NOT_CONTENT).split()


def contains_run(text: str, sentence: str) -> bool:
    """``sentence`` in ``text`` with its words in order. Spacing is not compared: pypdf
    runs the two columns of a line together, and the sentences checked fit on one line."""
    return " ".join(words(sentence)) in " ".join(words(text))


def every_byte(path: Path) -> bytes:
    """The file, then every stream in it decompressed: where any encoded text could hide."""
    parts = [path.read_bytes()]
    reader = PdfReader(path)
    for generation, numbers in reader.xref.items():
        for number in numbers:
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if isinstance(obj, StreamObject):
                parts.append(obj.get_data())
    return b"\n".join(parts)


def encoded(text: str) -> tuple[bytes, ...]:
    """Every way a PDF could hold ``text``: UTF-8, UTF-16, and UTF-16 as hex (ActualText)."""
    utf16 = text.encode("utf-16-be")
    return (text.encode("utf-8"), utf16, utf16.hex().upper().encode("ascii"))


def assert_readable(path: Path, language: str, sentence: str) -> None:
    """``sentence`` (in ``language``) read back by the readers that read that script exactly."""
    if language == "ar":
        assert contains_run(pypdf_text(path), sentence), sentence
        plain = pdftotext(path).translate(LAM_AND_ALEF)
        for word in words(sentence.translate(LAM_AND_ALEF)):
            assert word.strip("؟?،,.") in plain, word
    elif language == "bn":
        assert contains_run(pdftotext(path), sentence), sentence
    else:
        assert contains_run(pdftotext(path), sentence), sentence
        assert contains_run(pypdf_text(path), sentence), sentence


@pytest.mark.parametrize("language", [lang for lang, _second in LANGUAGES])
def test_each_language_of_the_report_reads_back(made: dict[str, Made], language: str) -> None:
    item = made[language]
    form = shipped_form("first-line-screening")
    assert form is not None
    for path, question in ((item.narrow, item.narrow_question), (item.wide, item.wide_question)):
        assert_readable(path, language, report_labels(language)(L.TITLE))
        assert_readable(path, language, question_text(form, question, language))
        if item.second is not None:
            english = question_text(form, question, "en")
            assert contains_run(pdftotext(path), english)
            assert contains_run(pypdf_text(path), english)
        if language != "en":
            # The question really is in the report language, not English as a fallback.
            assert question_text(form, question, language) != form.question(question).text


@pytest.mark.parametrize("language", [lang for lang, _second in LANGUAGES])
def test_a_field_the_recipient_may_not_receive_is_absent_from_text_and_bytes(
    made: dict[str, Made], language: str
) -> None:
    item = made[language]
    form = shipped_form("first-line-screening")
    assert form is not None
    columns = tuple(code for code in (language, item.second) if code)
    names = country_names(item.nationality, columns)
    hidden_questions = {question_text(form, HIDDEN_QUESTION, code) for code in columns}
    # The control: the coordinator's report of the same case carries them.
    wide_text = pdftotext(item.wide) + pypdf_text(item.wide)
    assert any(name in wide_text for name in names)
    assert contains_run(pypdf_text(item.wide), question_text(form, HIDDEN_QUESTION, columns[-1]))
    if language in ("bn", "ti"):
        # Shaped lines carry their text as ActualText (UTF-16, hex) in the decompressed
        # content: the byte search does find text where the file holds it.
        shown = question_text(form, HIDDEN_QUESTION, language)
        assert any(form_ in every_byte(item.wide) for form_ in encoded(shown))
    narrow_texts = (pdftotext(item.narrow), pypdf_text(item.narrow))
    data = every_byte(item.narrow)
    for value in names | hidden_questions:
        for text in narrow_texts:
            assert value not in text
        for form_ in encoded(value):
            assert form_ not in data, value


def pdffonts(path: Path) -> list[list[str]]:
    done = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return [line.split() for line in done.stdout.splitlines()[2:]]


@pytest.mark.parametrize("language", [lang for lang, _second in LANGUAGES])
def test_every_font_is_embedded_as_a_subset(made: dict[str, Made], language: str) -> None:
    for path in (made[language].narrow, made[language].wide):
        rows = pdffonts(path)
        assert rows
        for row in rows:
            assert row[0].split("+", 1)[1].startswith("NotoSans"), row
            # emb, sub, uni are the columns before object number and generation.
            assert row[-5:-2] == ["yes", "yes", "yes"], row
