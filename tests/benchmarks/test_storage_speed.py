"""Storage and encryption benchmarks, each printed beside a baseline measured in the same run.

1. one durable answer save against a plain sqlite3 insert with the same PRAGMAs;
2. sign-in with the production KDF against the bare Argon2id derive;
3. ``demo --cases 100000`` in a child process against ``demo --cases 0``;
4. decrypting 100,000 case summaries against AES-GCM alone on ciphertexts of the same sizes.

Nothing here fails on speed; every test checks that its work really happened.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from sqlalchemy import Connection, Engine, event, select, text

from screening_app.core.records import AnswerRecord, AnswerStatus, PersonDetails
from screening_app.crypto.aead import field_aad
from screening_app.crypto.keys import KdfParams, new_salt
from screening_app.services.accounts import AccountService
from screening_app.services.cases import CaseService
from screening_app.services.demo import DEMO_PASSWORD, demo_people
from screening_app.services.interviews import InterviewService
from screening_app.storage import database
from screening_app.storage.models import Account, Answer, Case
from screening_app.storage.workspace import DATABASE, Workspace, create_workspace, open_workspace
from tests.benchmarks.conftest import (
    ChildRun,
    TableFactory,
    current_rss_mib,
    peak_rss_mib,
    percentile,
    reset_peak_rss,
    run_child,
)
from tests.conftest import PASSWORD, OpenWorkspace

SAVES = 600
WARM_UP_SAVES = 20
UNLOCKS = 5
DEMO_CASES = 100_000

PERSON = PersonDetails(
    given_names="Veskaro",
    family_name="Dunmiret",
    estimated_age=24,
    nationality="ER",
    languages=("ti",),
    gender="male",
)
# A typical multiple-choice answer, asked in English and answered in Tigrinya.
ANSWER = AnswerRecord(
    question_id="recruitment_means",
    status=AnswerStatus.ANSWERED,
    value=["debt_bondage", "documents_withheld", "deceived_about_work"],
    language_asked="en",
    language_answered="ti",
    interpreter="interpreter",
)

T = TypeVar("T")


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


# -- 1. one durable answer save --------------------------------------------------------------
class PlainAnswerLog:
    """The baseline: an answers table in a bare sqlite3 file, same PRAGMAs, one commit per row."""

    def __init__(self, path: Path, value_bytes: int) -> None:
        self.connection = sqlite3.connect(path)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=FULL")
        self.connection.execute(
            "CREATE TABLE answers (id INTEGER PRIMARY KEY, session_id TEXT, question_id TEXT, "
            "answered_at TEXT, value BLOB)"
        )
        self.connection.commit()
        self.value = os.urandom(value_bytes)

    def save(self, question_id: str) -> float:
        """Insert and commit one row; returns the seconds spent in COMMIT alone."""
        self.connection.execute(
            "INSERT INTO answers (session_id, question_id, answered_at, value) VALUES (?,?,?,?)",
            ("S-BENCHMARK000", question_id, "2026-01-01T00:00:00Z", self.value),
        )
        start = time.perf_counter()
        self.connection.commit()
        return time.perf_counter() - start

    def pragma(self, name: str) -> object:
        return self.connection.execute(f"PRAGMA {name}").fetchone()[0]

    def count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        self.connection.close()


class CommitMark:
    """Notes when the engine starts a COMMIT, to split a save into work before it and the
    commit itself (the write-ahead log append and its fsync)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.at = 0.0
        event.listen(engine, "commit", self._mark)

    def _mark(self, _connection: Connection) -> None:
        self.at = time.perf_counter()

    def close(self) -> None:
        event.remove(self.engine, "commit", self._mark)


def _sealed_answer_bytes(workspace: Workspace) -> int:
    with database.session_factory(workspace.engine)() as session:
        sealed = session.execute(select(Answer.value_ct).order_by(Answer.id.desc())).scalar()
    assert sealed is not None
    return len(sealed)


def _workspace_pragmas(workspace: Workspace) -> tuple[object, object]:
    with workspace.engine.connect() as connection:
        journal = connection.execute(text("PRAGMA journal_mode")).scalar()
        synchronous = connection.execute(text("PRAGMA synchronous")).scalar()
    return journal, synchronous


@pytest.mark.benchmark
def test_durable_answer_save_beside_plain_sqlite_commit(
    open_ws: OpenWorkspace, bench_table: TableFactory
) -> None:
    vault = open_ws.sign_in("responder")
    case_id = CaseService(vault).create_case(PERSON)
    interviews = InterviewService(vault)
    session_id = interviews.start(case_id, "first-line-screening", "1.0.0", "en", "ti")
    for index in range(WARM_UP_SAVES):
        interviews.save_answer(session_id, ANSWER, f"q{index + 1}")
    value_bytes = _sealed_answer_bytes(open_ws.workspace)
    plain_path = open_ws.workspace.path / "plain-baseline.sqlite"
    product_ms: list[float] = []
    product_commit_ms: list[float] = []
    plain_ms: list[float] = []
    plain_commit_ms: list[float] = []
    with (
        closing(PlainAnswerLog(plain_path, value_bytes)) as plain,
        closing(CommitMark(open_ws.workspace.engine)) as mark,
    ):
        for index in range(WARM_UP_SAVES):
            plain.save(f"q{index}")
        # Interleaved, so both see the same disk and cache conditions throughout.
        for index in range(SAVES):
            question = f"q{index}"
            start = time.perf_counter()
            interviews.save_answer(session_id, ANSWER, question)
            middle = time.perf_counter()
            plain_commit_ms.append(plain.save(question) * 1000)
            product_ms.append((middle - start) * 1000)
            product_commit_ms.append((middle - mark.at) * 1000)
            plain_ms.append((time.perf_counter() - middle) * 1000)
        plain_pragmas = (plain.pragma("journal_mode"), plain.pragma("synchronous"))
        plain_rows = plain.count()

    history = interviews.history(session_id)
    assert len(history) == WARM_UP_SAVES + SAVES
    assert all(record.value == ANSWER.value for record in history)
    assert plain_rows == WARM_UP_SAVES + SAVES
    assert _workspace_pragmas(open_ws.workspace) == ("wal", 2) == plain_pragmas

    table = bench_table("Save one answer durably (WAL, synchronous=FULL)", "sqlite3 insert")
    for label, pct in (("p50", 50.0), ("p99", 99.0), ("max", 100.0)):
        target = "<= 20 ms" if label == "p99" else ""
        table.add(label, percentile(product_ms, pct), percentile(plain_ms, pct), "ms", target)
    table.add("mean", sum(product_ms) / SAVES, sum(plain_ms) / SAVES, "ms")
    table.add(
        "of which COMMIT, p50",
        percentile(product_commit_ms, 50),
        percentile(plain_commit_ms, 50),
        "ms",
    )
    table.add(
        "of which COMMIT, p99",
        percentile(product_commit_ms, 99),
        percentile(plain_commit_ms, 99),
        "ms",
    )
    table.note(
        f"{SAVES} saves each after {WARM_UP_SAVES} warm-up; sealed answer {value_bytes} bytes; "
        "product = InterviewService.save_answer (audit entry + anchor in the same commit)"
    )


# -- 2. unlock ------------------------------------------------------------------------------
def _bare_argon2id(password: str, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=new_salt(),
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(password.encode("utf-8"))


def _timed_derive(params: KdfParams) -> float:
    key, spent = _timed(lambda: _bare_argon2id(PASSWORD, params))
    assert len(key) == 32
    return spent


def _stored_kdf(workspace: Workspace, username: str) -> str:
    with database.session_factory(workspace.engine)() as session:
        query = select(Account.kdf).where(Account.username == username)
        return str(session.execute(query).scalar_one())


@pytest.mark.benchmark
def test_sign_in_with_production_kdf_beside_bare_argon2id(
    tmp_path: Path, bench_table: TableFactory
) -> None:
    params = KdfParams()
    sign_in_s: list[float] = []
    derive_s: list[float] = []
    with create_workspace(tmp_path / "ws") as workspace:
        accounts = AccountService(workspace)  # no override: the production KDF
        accounts.initialise("admin", PASSWORD)
        admin = accounts.sign_in("admin", PASSWORD)
        accounts.add_user(admin, "responder", "responder", PASSWORD)
        admin.lock()
        first = accounts.sign_in("responder", PASSWORD)  # warm-up, not counted
        case_id = CaseService(first).create_case(PERSON)
        first.lock()
        for round_number in range(UNLOCKS):
            # Alternate which goes first, so neither always runs on a warmer machine.
            if round_number % 2:
                derive_s.append(_timed_derive(params))
            vault, spent = _timed(lambda: accounts.sign_in("responder", PASSWORD))
            sign_in_s.append(spent)
            listed = CaseService(vault).summaries()
            assert [(s.case_id, s.display_name) for s in listed] == [(case_id, "Veskaro D.")]
            vault.lock()
            if not round_number % 2:
                derive_s.append(_timed_derive(params))
        assert _stored_kdf(workspace, "responder") == params.encode()

    table = bench_table("Unlock: AccountService.sign_in, production KDF", "bare Argon2id")
    table.add("median", percentile(sign_in_s, 50), percentile(derive_s, 50), "s", "0.3-0.5 s")
    table.add("fastest", min(sign_in_s), min(derive_s), "s")
    table.add("slowest", max(sign_in_s), max(derive_s), "s")
    table.note(
        f"{UNLOCKS} sign-ins and {UNLOCKS} derives, interleaved; "
        f"{params.encode()} ({params.memory_kib // 1024} MiB, {params.iterations} passes)"
    )


# -- 3. demo workspace of 100,000 cases -----------------------------------------------------
@dataclass(frozen=True)
class DemoWorkspace:
    path: Path
    run: ChildRun


def _demo_command(path: Path, cases: int) -> list[str]:
    program = Path(sys.executable).with_name("screening-app")
    assert program.is_file(), f"{program} is missing: install the project into .venv"
    return [str(program), "--workspace", str(path), "demo", "--cases", str(cases)]


def _run_demo(path: Path, cases: int) -> ChildRun:
    run = run_child(_demo_command(path, cases))
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["cases"] == cases
    return run


@pytest.fixture(scope="module")
def demo_100k(tmp_path_factory: pytest.TempPathFactory) -> DemoWorkspace:
    """One 100,000-case demo workspace, built once by the real command and timed."""
    path = tmp_path_factory.mktemp("demo-100k") / "ws"
    return DemoWorkspace(path, _run_demo(path, DEMO_CASES))


def _database_mib(path: Path) -> float:
    files = path.glob(f"{DATABASE}*")  # the -wal file too, if one was left
    return sum(f.stat().st_size for f in files) / (1024 * 1024)


def _row_count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path / DATABASE)) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.mark.benchmark
def test_demo_command_with_100k_cases_beside_an_empty_demo(
    demo_100k: DemoWorkspace, tmp_path: Path, bench_table: TableFactory
) -> None:
    empty_path = tmp_path / "ws"
    empty = _run_demo(empty_path, 0)
    full = demo_100k.run
    full_mib, empty_mib = _database_mib(demo_100k.path), _database_mib(empty_path)

    for table_name in ("cases", "persons"):
        assert _row_count(demo_100k.path, table_name) == DEMO_CASES
        assert _row_count(empty_path, table_name) == 0
    assert _row_count(demo_100k.path, "accounts") == _row_count(empty_path, "accounts") == 4

    per_case_us = (full.wall_s - empty.wall_s) / DEMO_CASES * 1e6
    table = bench_table(f"screening-app demo --cases {DEMO_CASES:,}", "--cases 0")
    table.add("wall time", full.wall_s, empty.wall_s, "s")
    table.add("per case (wall minus fixed cost)", per_case_us, None, "us")
    table.add("child CPU time (user + sys)", full.cpu_s, empty.cpu_s, "s")
    table.add("child peak RSS", full.max_rss_mib, empty.max_rss_mib, "MiB")
    table.add("database size", full_mib, empty_mib, "MiB")
    table.add("bytes per case", (full_mib - empty_mib) * 1024 * 1024 / DEMO_CASES, None, "B")
    table.note("fixed cost = start-up, schema, four accounts (six Argon2id derives)")


# -- 4. decrypting the case index -----------------------------------------------------------
# One case as the baseline sees it: nonce, wrapped key, AAD, then nonce, summary, AAD.
SealedCase = tuple[bytes, bytes, bytes, bytes, bytes, bytes]


def _ciphertext_sizes(workspace: Workspace) -> list[tuple[int, int]]:
    """Lengths of each stored wrapped case key and sealed summary (lengths only)."""
    query = select(Case.wrapped_case_key, Case.summary_ct)
    with database.session_factory(workspace.engine)() as session:
        return [(len(wrapped), len(summary)) for wrapped, summary in session.execute(query)]


def _seal_like(data_key: bytes, sizes: list[tuple[int, int]]) -> list[SealedCase]:
    """Ciphertexts of the same sizes as the stored ones (1 format byte + 12 nonce + 16 tag)."""
    data = AESGCM(data_key)
    sealed: list[SealedCase] = []
    for number, (wrapped_len, summary_len) in enumerate(sizes):
        case_id = f"C-{number // 10000:04d}-{number % 10000:04d}"
        case_key = os.urandom(wrapped_len - 29)
        key_nonce, nonce = os.urandom(12), os.urandom(12)
        key_aad = field_aad("cases", "case_key", case_id, 0)
        aad = field_aad("cases", "summary", case_id, 1)
        wrapped = data.encrypt(key_nonce, case_key, key_aad)
        summary = AESGCM(case_key).encrypt(nonce, os.urandom(summary_len - 29), aad)
        sealed.append((key_nonce, wrapped, key_aad, nonce, summary, aad))
    return sealed


def _open_all(data_key: bytes, sealed: list[SealedCase]) -> list[bytes]:
    """Two AES-GCM opens per case, as the service does: unwrap the case key, then the summary.
    A new AESGCM object per case key is part of the cost of per-case keys."""
    data = AESGCM(data_key)
    return [
        AESGCM(data.decrypt(key_nonce, wrapped, key_aad)).decrypt(nonce, summary, aad)
        for key_nonce, wrapped, key_aad, nonce, summary, aad in sealed
    ]


@dataclass(frozen=True)
class MemoryUse:
    wall_s: float
    growth_mib: float
    held_mib: float


def _measure(work: Callable[[], T]) -> tuple[T, MemoryUse]:
    """Run ``work`` with the peak RSS reset first: growth = peak during the work - RSS before."""
    gc.collect()
    reset_peak_rss()
    before = current_rss_mib()
    result, wall = _timed(work)
    return result, MemoryUse(wall, peak_rss_mib() - before, current_rss_mib())


@pytest.mark.benchmark
def test_decrypting_100k_case_summaries_beside_bare_aes_gcm(
    demo_100k: DemoWorkspace, bench_table: TableFactory
) -> None:
    with open_workspace(demo_100k.path) as workspace:
        vault = AccountService(workspace).sign_in("supervisor", DEMO_PASSWORD)
        sizes = _ciphertext_sizes(workspace)
        summaries, product = _measure(lambda: CaseService(vault).summaries())
        vault.lock()
    data_key = os.urandom(32)
    sealed = _seal_like(data_key, sizes)
    opened, bare = _measure(lambda: _open_all(data_key, sealed))

    assert len(summaries) == DEMO_CASES
    expected = Counter(demo.person.display_name for demo in demo_people(DEMO_CASES))
    assert Counter(s.display_name for s in summaries) == expected
    assert all(s.is_demo for s in summaries)
    assert [len(p) for p in opened] == [summary_len - 29 for _w, summary_len in sizes]

    table = bench_table(f"Decrypt {DEMO_CASES:,} case summaries (index load)", "AES-GCM alone")
    table.add("wall time", product.wall_s, bare.wall_s, "s", "<= 3 s")
    table.add("per case", product.wall_s / DEMO_CASES * 1e6, bare.wall_s / DEMO_CASES * 1e6, "us")
    table.add("peak RSS growth", product.growth_mib, bare.growth_mib, "MiB")
    table.add("process RSS, index held", product.held_mib, None, "MiB", "<= 300 MB")
    table.note(
        "product = CaseService(supervisor).summaries(); baseline opens ciphertexts of the same "
        "sizes, 2 per case (case key unwrap + summary); RSS from /proc (peak reset before each)"
    )
