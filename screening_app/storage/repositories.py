"""Repositories: reading and writing case records, sealing each field on the way in and
opening it on the way out. Policy (who may, what is audited) lives in services."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from screening_app.core.ids import new_case_id
from screening_app.core.records import AnswerRecord, AnswerStatus, PersonDetails
from screening_app.crypto.aead import FieldCipher, field_aad
from screening_app.storage.models import Answer, Case, InterviewSession, Person

_PERSON_COLUMNS = ("names", "aliases", "birth", "nationality", "languages", "gender")


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _load(raw: bytes) -> Any:
    return json.loads(raw.decode("utf-8"))


def seal_json(
    cipher: FieldCipher, value: Any, table: str, column: str, row: Any, ver: int
) -> bytes:
    return cipher.seal(_dump(value), field_aad(table, column, row, ver))


def open_json(
    cipher: FieldCipher, sealed: bytes, table: str, column: str, row: Any, ver: int
) -> Any:
    return _load(cipher.open(sealed, field_aad(table, column, row, ver)))


def summary_of(person: PersonDetails, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The encrypted summary a case list row is built from."""
    summary: dict[str, Any] = {
        "name": person.display_name,
        "aliases": list(person.aliases),
        "nationality": person.nationality,
        "age": person.estimated_age,
        "urgency": None,
        "outcome": None,
    }
    summary.update(extra or {})
    return summary


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- cases ---------------------------------------------------------------------------------
    def get(self, case_id: str) -> Case | None:
        return self.session.get(Case, case_id)

    def write_summary(self, case: Case, cipher: FieldCipher, summary: dict[str, Any]) -> None:
        case.summary_ct = seal_json(cipher, summary, "cases", "summary", case.id, case.row_version)

    def read_summary(self, case: Case, cipher: FieldCipher) -> dict[str, Any]:
        result: dict[str, Any] = open_json(
            cipher, case.summary_ct, "cases", "summary", case.id, case.row_version
        )
        return result

    def iter_index_rows(self, batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Plain tuples straight from the driver: this loop runs 100,000 times at unlock."""
        cursor = (
            self.session.connection()
            .exec_driver_sql(
                "SELECT id, status, created, updated, row_version, wrapped_case_key, summary_ct,"
                " is_demo FROM cases ORDER BY created DESC"
            )
            .cursor
        )
        assert cursor is not None
        while rows := cursor.fetchmany(batch):
            yield from rows

    def insert_case(
        self,
        *,
        case_id: str,
        status: str,
        created: str,
        created_by: int,
        wrapped_case_key: bytes,
        cipher: FieldCipher,
        person: PersonDetails,
        is_demo: bool,
        summary_extra: dict[str, Any] | None = None,
    ) -> Case:
        """A new case with its person record; the summary holds what the list shows."""
        case = Case(
            id=case_id,
            status=status,
            created=created,
            updated=created,
            created_by=created_by,
            row_version=1,
            wrapped_case_key=wrapped_case_key,
            summary_ct=b"",
            is_demo=int(is_demo),
        )
        self.write_summary(case, cipher, summary_of(person, summary_extra))
        person_row = Person(case_id=case_id, row_version=1)
        self.write_person(person_row, cipher, person)
        self.session.add(case)
        self.session.add(person_row)
        return case

    def unused_case_id(self, taken: set[str] | None = None) -> str:
        """A fresh random case id. Ids have 40 random bits, so among 100,000 cases a clash
        is rare but possible: draw again until the id is free."""
        while True:
            case_id = new_case_id()
            if taken is not None and case_id in taken:
                continue
            with self.session.no_autoflush:  # pending rows are in ``taken``
                exists = self.session.get(Case, case_id) is not None
            if not exists:
                if taken is not None:
                    taken.add(case_id)
                return case_id

    def count(self) -> int:
        return int(self.session.execute(select(func.count()).select_from(Case)).scalar_one())

    def delete_case(self, case_id: str) -> None:
        self.session.execute(delete(Case).where(Case.id == case_id))

    # -- persons -------------------------------------------------------------------------------
    def write_person(self, person_row: Person, cipher: FieldCipher, person: PersonDetails) -> None:
        values = {
            "names": [person.given_names, person.family_name],
            "aliases": list(person.aliases),
            "birth": [person.date_of_birth, person.estimated_age],
            "nationality": person.nationality,
            "languages": list(person.languages),
            "gender": person.gender,
        }
        for column in _PERSON_COLUMNS:
            sealed = seal_json(
                cipher,
                values[column],
                "persons",
                column,
                person_row.case_id,
                person_row.row_version,
            )
            setattr(person_row, f"{column}_ct", sealed)

    def read_person(self, case_id: str, cipher: FieldCipher) -> PersonDetails | None:
        row = self.session.get(Person, case_id)
        if row is None:
            return None
        values = {
            column: open_json(
                cipher, getattr(row, f"{column}_ct"), "persons", column, case_id, row.row_version
            )
            for column in _PERSON_COLUMNS
        }
        given, family = values["names"]
        birth, age = values["birth"]
        return PersonDetails(
            given_names=given,
            family_name=family,
            aliases=tuple(values["aliases"]),
            date_of_birth=birth,
            estimated_age=age,
            nationality=values["nationality"],
            languages=tuple(values["languages"]),
            gender=values["gender"],
        )

    # -- interview sessions and answers --------------------------------------------------------
    def sessions_of(self, case_id: str) -> list[InterviewSession]:
        query = (
            select(InterviewSession)
            .where(InterviewSession.case_id == case_id)
            .order_by(InterviewSession.started)
        )
        return list(self.session.execute(query).scalars())

    def insert_session(
        self,
        *,
        session_id: str,
        case_id: str,
        cipher: FieldCipher,
        form_id: str,
        form_version: str,
        started: str,
        interviewer_id: int,
        languages: dict[str, str],
    ) -> InterviewSession:
        interview = InterviewSession(
            id=session_id,
            case_id=case_id,
            form_id=form_id,
            form_version=form_version,
            status="open",
            started=started,
            interviewer_id=interviewer_id,
            row_version=1,
            languages_ct=seal_json(
                cipher, languages, "interview_sessions", "languages", session_id, 1
            ),
        )
        self.session.add(interview)
        return interview

    def add_answer(
        self,
        interview: InterviewSession,
        cipher: FieldCipher,
        record: AnswerRecord,
        recorded_by: int,
        answer_id: int | None = None,
    ) -> int:
        """Append one answer. Bulk writers pass ``answer_id`` (from ``next_answer_id``) to
        avoid a query per row."""
        next_id = answer_id if answer_id is not None else self.next_answer_id()
        answer = Answer(
            id=next_id,
            session_id=interview.id,
            question_id=record.question_id,
            answered_at=record.answered_at,
            recorded_by=recorded_by,
            row_version=1,
            value_ct=seal_json(cipher, record.payload(), "answers", "value", next_id, 1),
        )
        self.session.add(answer)
        return next_id

    def next_answer_id(self) -> int:
        return int(self.session.execute(select(func.max(Answer.id))).scalar() or 0) + 1

    def answers_of(
        self, session_id: str, cipher: FieldCipher, usernames: dict[int, str]
    ) -> list[AnswerRecord]:
        """Every answer of a session in the order given (corrections included)."""
        query = select(Answer).where(Answer.session_id == session_id).order_by(Answer.id)
        records = []
        for row in self.session.execute(query).scalars():
            payload = open_json(cipher, row.value_ct, "answers", "value", row.id, row.row_version)
            records.append(
                AnswerRecord(
                    question_id=row.question_id,
                    status=AnswerStatus(payload["status"]),
                    value=payload["value"],
                    language_asked=payload["language_asked"],
                    language_answered=payload["language_answered"],
                    interpreter=payload["interpreter"],
                    answered_at=row.answered_at,
                    recorded_by=usernames.get(row.recorded_by, str(row.recorded_by)),
                    extra=payload.get("extra") or {},
                )
            )
        return records
