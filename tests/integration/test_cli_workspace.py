"""The command line as operators use it: real processes, JSON on stdout, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from screening_app.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "screening_app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("cli")
    password_file = base / "pw"
    password_file.write_text("field password 1\n")
    result = run(
        "--workspace",
        str(base / "ws"),
        "demo",
        "--cases",
        "12",
        "--password-file",
        str(password_file),
    )
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["cases"] == 12 and info["demo"] is True
    assert info["accounts"] == ["admin", "supervisor", "responder", "interpreter"]
    return base / "ws", password_file


def test_init_prints_the_recovery_key_once_and_it_works(tmp_path: Path) -> None:
    pw = tmp_path / "pw"
    pw.write_text("first admin password\n")
    result = run(
        "--workspace", str(tmp_path / "ws"), "--password-file", str(pw), "init", "--admin", "chief"
    )
    assert result.returncode == 0, result.stderr
    recovery = json.loads(result.stdout)["recovery_key"]
    assert "shown ONCE" in result.stderr
    assert recovery not in (tmp_path / "ws" / "screening.sqlite").read_bytes().decode("latin-1")
    key_file = tmp_path / "key"
    key_file.write_text(recovery + "\n")
    new_pw = tmp_path / "new"
    new_pw.write_text("a brand new password\n")
    reset = run(
        "--workspace",
        str(tmp_path / "ws"),
        "users",
        "recover",
        "chief",
        "--recovery-key-file",
        str(key_file),
        "--new-password-file",
        str(new_pw),
    )
    assert reset.returncode == 0, reset.stderr
    listing = run(
        "--workspace",
        str(tmp_path / "ws"),
        "--user",
        "chief",
        "--password-file",
        str(new_pw),
        "users",
        "list",
    )
    assert [u["username"] for u in json.loads(listing.stdout)] == ["chief"]


def test_cases_list_json_for_a_supervisor(demo_ws: tuple[Path, Path]) -> None:
    ws, pw = demo_ws
    result = run(
        "--workspace",
        str(ws),
        "--user",
        "supervisor",
        "--password-file",
        str(pw),
        "cases",
        "list",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 12
    for row in rows:
        assert {"id", "display_name", "status", "created"} <= row.keys()
        assert row["id"].startswith("C-") and row["demo"] is True


def test_environment_variables_stand_in_for_global_options(demo_ws: tuple[Path, Path]) -> None:
    ws, pw = demo_ws
    result = run(
        "cases",
        "list",
        "--json",
        env={
            "SCREENING_APP_WORKSPACE": str(ws),
            "SCREENING_APP_USER": "supervisor",
            "SCREENING_APP_PASSWORD_FILE": str(pw),
        },
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 12


def test_users_add_and_passwd(demo_ws: tuple[Path, Path], tmp_path: Path) -> None:
    ws, pw = demo_ws
    new = tmp_path / "new"
    new.write_text("mediator password\n")
    admin = ("--workspace", str(ws), "--user", "admin", "--password-file", str(pw))
    added = run(
        *admin,
        "users",
        "add",
        "mediator2",
        "--role",
        "interpreter",
        "--new-password-file",
        str(new),
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["role"] == "interpreter"
    again = tmp_path / "again"
    again.write_text("changed password\n")
    changed = run(
        "--workspace",
        str(ws),
        "--user",
        "mediator2",
        "--password-file",
        str(new),
        "users",
        "passwd",
        "--new-password-file",
        str(again),
    )
    assert changed.returncode == 0, changed.stderr
    refused = run(
        "--workspace",
        str(ws),
        "--user",
        "mediator2",
        "--password-file",
        str(again),
        "cases",
        "list",
        "--json",
    )
    assert refused.returncode == 1
    assert refused.stderr.strip().count("\n") == 0
    assert "interpreter role may not" in refused.stderr


def test_errors_are_one_line_on_stderr_with_non_zero_exit(
    demo_ws: tuple[Path, Path], tmp_path: Path
) -> None:
    ws, _pw = demo_ws
    bad = tmp_path / "bad"
    bad.write_text("wrong password\n")
    cases = [
        (
            (
                "--workspace",
                str(ws),
                "--user",
                "supervisor",
                "--password-file",
                str(bad),
                "cases",
                "list",
            ),
            "wrong account name or password",
        ),
        (("--workspace", str(tmp_path / "missing"), "audit", "verify"), "no workspace at"),
        (
            (
                "--workspace",
                str(ws),
                "--user",
                "supervisor",
                "--password-file",
                str(tmp_path / "nofile"),
                "cases",
                "list",
            ),
            "password file not found",
        ),
        (("--workspace", str(ws), "cases", "list"), "no account given"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.returncode != 0
        assert result.stdout == ""
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_passwords_are_never_accepted_on_the_command_line() -> None:
    parser = build_parser()
    options = {opt for action in parser._actions for opt in action.option_strings}
    assert "--password" not in options
    with pytest.raises(SystemExit):
        parser.parse_args(["--password", "x", "cases", "list"])


def test_demo_refuses_to_overwrite_an_existing_workspace(demo_ws: tuple[Path, Path]) -> None:
    ws, _pw = demo_ws
    result = run("--workspace", str(ws), "demo", "--cases", "1")
    assert result.returncode == 1
    assert "already exists" in result.stderr
