"""``screening-app assess``: JSON in, compact JSON lines out, exit 2 naming any bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from screening_app.cli import main

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
    "flags": ["medical_urgent"],
    "consent": {"law_enforcement": False},
    "requests": ["vocational_training"],
    "interview_language": "ti",
    "local_language": "it",
    "evidence": {"EX.excessive_hours": ["work_hours"], "medical_urgent": ["needs_doctor"]},
}
CHILD = {"profile": None, "possible_minor": True, "indicators": ["CR.violence"]}
EMPTY: dict[str, Any] = {}
OUTPUT_KEYS = {
    "rules_version",
    "profile",
    "exploitation",
    "dimensions",
    "outcome",
    "urgency",
    "services",
    "reasons",
}
EXECUTABLE = Path(sys.executable).with_name("screening-app")


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def results(out: str) -> list[dict[str, Any]]:
    lines = out.splitlines()
    for line in lines:
        parsed = json.loads(line)
        compact = json.dumps(parsed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert line == compact
    return [json.loads(line) for line in lines]


def test_single_object_spanning_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "one.json"
    source.write_text(json.dumps(REFERRAL, indent=2), encoding="utf-8")
    code, out, err = run_main(["assess", str(source)], capsys)
    assert (code, err) == (0, "")
    (result,) = results(out)
    assert set(result) >= OUTPUT_KEYS
    assert result["rules_version"] == "ilo-2009/1.0.0"
    assert result["profile"] == "adult" and result["exploitation"] == "labour"
    assert result["outcome"] == "refer_nrm" and result["urgency"] == "immediate"
    assert result["services"] == [
        "health_screening",
        "information",
        "interpreter",
        "legal",
        "medical",
        "psychological",
        "reflection_period",
        "shelter",
        "vocational_training",
    ]
    assert result["dimensions"]["EX"] == {
        "positive": True,
        "indicators": ["EX.excessive_hours", "EX.low_no_salary"],
    }
    assert list(result["dimensions"]) == sorted(["DR", "CR", "VR", "EX", "CD", "VD"])
    assert all({"rule", "text"} <= set(reason) for reason in result["reasons"])
    ex_reason = next(r for r in result["reasons"] if r["dimension"] == "EX")
    assert ex_reason["questions"] == ["work_hours"]


def test_json_lines_give_one_result_per_line_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "many.jsonl"
    records = [REFERRAL, CHILD, EMPTY]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    code, out, _ = run_main(["assess", str(source)], capsys)
    assert code == 0
    outcomes = [(r["profile"], r["outcome"]) for r in results(out)]
    assert outcomes == [
        ("adult", "refer_nrm"),
        ("child", "in_depth_interview"),
        ("adult", "no_indicators"),
    ]


@pytest.mark.parametrize("argv", [["assess"], ["assess", "-"]])
def test_reads_stdin_without_file_or_with_dash(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(CHILD) + "\n" + json.dumps(EMPTY)))
    code, out, _ = run_main(argv, capsys)
    assert code == 0
    assert [r["outcome"] for r in results(out)] == ["in_depth_interview", "no_indicators"]


# One of each kind of error: these also run through the installed command.
ERROR_KINDS = [
    ('{"indicators": ["EX.overtime"]}', "unknown indicator id: EX.overtime"),
    ('{"flags": ["lost_passport"]}', "unknown flag: lost_passport"),
    ('{"requests": ["cash"]}', "unknown request: cash"),
    ('{"indicator": []}', 'unknown key: "indicator"'),
    ('{"age": "sixteen"}', "age must be a number"),
    ('{}\n{"age": 20,', "line 2: not valid JSON"),
]
BAD_INPUTS = [
    *ERROR_KINDS,
    ('{"consent": {"police": true}}', 'unknown key in consent: "police"'),
    ('{"consent": {"law_enforcement": "yes"}}', "law_enforcement must be true or false"),
    ('{"age": true}', "age must be a number"),
    ('{"age": 250}', "age out of range"),
    ('{"indicators": "CR.violence"}', "indicators must be a list of strings"),
    ('{"possible_minor": "maybe"}', "possible_minor must be true or false"),
    ('{"profile": "elder"}', 'profile must be one of adult, child, not "elder"'),
    ('{"exploitation": "begging"}', "exploitation must be one of labour, sexual"),
    ('{"evidence": {"CR.violence": ["q1"]}}', "evidence names an id that was not raised"),
    ('{"evidence": {"CR.violence": "q1"}, "indicators": ["CR.violence"]}', "evidence for CR"),
    ('{"interview_language": 7}', "interview_language must be a language code"),
    ("[1, 2]", "expected a JSON object"),
    ("", "no input"),
]


@pytest.mark.parametrize("text, message", BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_naming_it(
    text: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code, out, err = run_main(["assess"], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err


def test_bad_record_in_json_lines_is_located_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "{}\n{}\n" + '{"flags": ["unaccompanied", "shipwreck"]}\n'
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code, out, err = run_main(["assess"], capsys)
    assert (code, out) == (2, "")
    assert err == "screening-app: record 3 (line 3): unknown flag: shipwreck\n"


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(["assess", str(tmp_path / "absent.json")], capsys)
    assert (code, out) == (2, "")
    assert "input file not found" in err


def test_custom_rules_directory_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("{}"))
    code, _, err = run_main(["assess", "--rules", str(tmp_path)], capsys)
    assert code == 1 and "rules.yaml: file not found" in err


# --- the installed command, in a real process ------------------------------------------------


def run_command(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXECUTABLE), "assess", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_installed_command_reads_a_file_and_stdin(tmp_path: Path) -> None:
    source = tmp_path / "one.json"
    source.write_text(json.dumps(REFERRAL, indent=1), encoding="utf-8")
    from_file = run_command(str(source))
    assert from_file.returncode == 0 and from_file.stderr == ""
    assert [r["outcome"] for r in results(from_file.stdout)] == ["refer_nrm"]
    lines = "\n".join(json.dumps(r) for r in (CHILD, EMPTY, REFERRAL))
    from_stdin = run_command("-", stdin=lines)
    assert from_stdin.returncode == 0
    assert [r["outcome"] for r in results(from_stdin.stdout)] == [
        "in_depth_interview",
        "no_indicators",
        "refer_nrm",
    ]


@pytest.mark.parametrize("text, message", ERROR_KINDS)
def test_installed_command_exits_2_naming_bad_input(text: str, message: str) -> None:
    done = run_command(stdin=text)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("screening-app: ") and done.stderr.count("\n") == 1
    assert message in done.stderr


def test_example_in_the_documentation_is_what_the_command_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "assessment.md"
    blocks = doc.read_text(encoding="utf-8").split("```json\n")[1:3]
    example_input, shown = (json.loads(block.split("```")[0]) for block in blocks)
    source = tmp_path / "example.json"
    source.write_text(json.dumps(example_input), encoding="utf-8")
    code, out, _ = run_main(["assess", str(source)], capsys)
    (actual,) = results(out)
    assert code == 0
    assert {k: v for k, v in actual.items() if k != "reasons"} == {
        k: v for k, v in shown.items() if k != "reasons"
    }
    assert all(reason in actual["reasons"] for reason in shown["reasons"])
