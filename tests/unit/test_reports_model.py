"""The report model: checks at construction, and how texts pick their language."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest

from screening_app.core.errors import UsageError
from screening_app.reports import Alerts, ReferralReport, Text
from screening_app.reports.samples import sample_report


def report() -> ReferralReport:
    return sample_report("en")


def test_a_text_picks_the_requested_language_else_the_text_as_written() -> None:
    said = Text({"ti": "ኣይፋል", "en": "No"})
    assert said.pick("en") == ("en", "No")
    assert said.pick("ti") == ("ti", "ኣይፋል")
    assert said.pick("ar") == ("ti", "ኣይፋል")
    assert said.original_language == "ti"


def test_a_text_needs_a_version_and_cannot_be_changed_afterwards() -> None:
    with pytest.raises(UsageError):
        Text({})
    versions = {"en": "Yes"}
    text = Text(versions)
    versions["en"] = "changed"
    assert text.pick("en") == ("en", "Yes")
    with pytest.raises(TypeError):
        text.versions["en"] = "No"  # type: ignore[index]


def test_a_report_is_immutable() -> None:
    with pytest.raises(FrozenInstanceError):
        report().case_id = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"language": "xx"}, "Unknown report language: xx"),
        ({"second_language": "zz"}, "Unknown report language: zz"),
        ({"second_language": "en"}, "must differ"),
        ({"urgency": "soon"}, "Unknown urgency id in report: soon"),
        ({"outcome": "victim"}, "Unknown outcome id in report: victim"),
        ({"services": ("legal", "spa")}, "Unknown service id in report: spa"),
    ],
)
def test_ids_and_languages_are_checked_when_the_report_is_built(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        replace(report(), **changes)  # type: ignore[arg-type]


def test_the_languages_of_a_report_are_its_language_then_the_second() -> None:
    assert report().languages == ("en",)
    assert sample_report("ar", "en").languages == ("ar", "en")


def test_alerts_list_danger_and_medical_need_before_child_protection() -> None:
    alerts = Alerts(child=True, unaccompanied=True, immediate_danger=True, urgent_medical=True)
    assert alerts.raised() == ("immediate_danger", "urgent_medical", "child", "unaccompanied")
    assert Alerts().raised() == ()
