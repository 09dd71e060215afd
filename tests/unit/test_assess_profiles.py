"""The profile files: complete, canonical, equal to the domain table, version-pinned."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from screening_app.assess.indicators import INDICATOR_IDS
from screening_app.assess.model import Strength
from screening_app.assess.rules import (
    RULES_VERSION,
    SHIPPED_RULES_DIR,
    RulesFileError,
    content_digest,
    default_rules,
    load_rules,
)

# The labour pair as DOMAIN.md ("ILO/EC operational indicators") gives it: id, adults, children.
DOMAIN_LABOUR_TABLE = """
DR.job_nature S S | DR.wages M M | DR.work_conditions M M | DR.contract M M | DR.housing M M
DR.documents M M | DR.travel M M | DR.family_reunification M M | DR.marriage_adoption M M
DR.education W S | CR.violence S S | CR.threats_violence M S | CR.abduction_sale M S
CR.debt_bondage M S | CR.documents_confiscated M M | CR.isolation M M
CR.threat_denunciation M M | CR.threat_inform_family M M | CR.violence_family M M
CR.withholding_money M M | VR.family_difficulty M M | VR.irregular_status M M
VR.lack_education M M | VR.lack_information M M | VR.control_exploiters M M | VR.economic M M
VR.false_info_migration M M | VR.false_info_law M - | VR.family_situation M M
VR.personal_situation M M | VR.emotional_dependency M M | VR.authorities_status M M
VR.past_difficulties M M | VR.travel_organisation M M | VR.cultural_beliefs W M
VR.general_context W M | EX.excessive_hours S S | EX.low_no_salary M M
EX.wage_manipulation M M | EX.bad_living M M | EX.bad_working M M | EX.hazardous M M
EX.labour_law M M | EX.no_social_protection M - | EX.no_education W M
CD.documents_confiscated S S | CD.debt_bondage S S | CD.isolation S S | CD.violence S S
CD.threats_violence M S | CD.forced_illicit M S | CD.forced_tasks M S | CD.strong_influence M S
CD.against_peers M M | CD.forced_lie M M | CD.threat_denunciation M M
CD.threat_worse_conditions M M | CD.violence_family M M | CD.withholding_wages M M
CD.threat_inform_family W M | VD.dependency M M | VD.unknown_area M M | VD.economic M M
VD.family_situation M M | VD.authorities_status M M | VD.past_difficulties W M
VD.personal_characteristics W M
"""
LETTER = {"S": Strength.STRONG, "M": Strength.MEDIUM, "W": Strength.WEAK, "-": None}

# Each shipped rules version and the digest of its content. Changing a profile or a setting
# changes the digest; this table makes sure the version changes with it.
PINNED_DIGESTS = {
    "ilo-2009/1.0.0": "8e84ef063c38e72f491a4355a1ff4d1063468020c6b193dc3dd6007816a9c548",
}


def domain_table() -> dict[str, tuple[Strength | None, Strength | None]]:
    rows = [row.split() for row in DOMAIN_LABOUR_TABLE.replace("\n", " | ").split("|")]
    table = {ident: (LETTER[a], LETTER[c]) for ident, a, c in (row for row in rows if row)}
    assert len(table) == 67
    return table


@pytest.mark.parametrize("column, population", [(0, "adult"), (1, "child")])
def test_labour_profiles_equal_the_domain_table(column: int, population: str) -> None:
    profile = default_rules().profile(population, "labour")  # type: ignore[arg-type]
    for ident, strengths in domain_table().items():
        assert profile.strength_of(ident) == strengths[column], ident


def test_domain_table_covers_every_canonical_id() -> None:
    assert set(domain_table()) == INDICATOR_IDS


def test_forced_tasks_or_clients_is_strong_in_both_sexual_sets() -> None:
    rules = default_rules()
    for population in ("adult", "child"):
        assert rules.profile(population, "sexual").strength_of("CD.forced_tasks") is Strength.STRONG
    assert rules.profile("adult", "sexual").differs_from_labour == {"CD.forced_tasks"}


def test_sexual_sets_list_every_strength_taken_over_from_labour_as_unverified() -> None:
    rules = default_rules()
    for population in ("adult", "child"):
        profile = rules.profile(population, "sexual")
        assert profile.unverified == INDICATOR_IDS - {"CD.forced_tasks"}
        labour = rules.profile(population, "labour")
        assert not labour.unverified


def test_indicators_absent_from_the_child_labour_set_are_not_rated() -> None:
    child = default_rules().profile("child", "labour")
    assert child.strength_of("VR.false_info_law") is None
    assert child.strength_of("EX.no_social_protection") is None
    assert len(child.strengths) == 65


def test_shipped_rules_version_is_pinned_to_its_content() -> None:
    rules = default_rules()
    assert rules.version == RULES_VERSION
    assert PINNED_DIGESTS[RULES_VERSION] == rules.content_sha256


def test_profiles_record_version_and_source() -> None:
    for profile in default_rules().profiles.values():
        assert profile.version == "1.0.0"
        assert "WCMS_105023" in profile.source


def test_no_shipped_rules_file_uses_the_word_victim() -> None:
    for path in SHIPPED_RULES_DIR.glob("*.yaml"):
        assert "victim" not in path.read_text(encoding="utf-8").lower(), path.name


# --- the loader refuses broken directories -------------------------------------------------


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(SHIPPED_RULES_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reseal(directory: Path) -> None:
    """Record the digest of the edited content, as a maintainer bumping the version would."""
    settings = yaml.safe_load((directory / "rules.yaml").read_text(encoding="utf-8"))
    profiles = {
        name: yaml.safe_load((directory / name).read_text(encoding="utf-8"))
        for name in settings["profiles"]
    }
    edit(directory / "rules.yaml", settings["content_sha256"], content_digest(settings, profiles))


def test_a_copy_of_the_shipped_rules_loads(rules_dir: Path) -> None:
    assert load_rules(rules_dir) == default_rules()


def test_changed_strength_without_new_digest_is_refused(rules_dir: Path) -> None:
    edit(rules_dir / "adult-labour.yaml", "DR.wages: medium", "DR.wages: strong")
    edit(rules_dir / "adult-sexual.yaml", "DR.wages: medium", "DR.wages: strong")
    with pytest.raises(RulesFileError, match=r"record content_sha256: [0-9a-f]{64}"):
        load_rules(rules_dir)


def test_changed_setting_without_new_digest_is_refused(rules_dir: Path) -> None:
    edit(rules_dir / "rules.yaml", "reflection_period_days: 30", "reflection_period_days: 60")
    with pytest.raises(RulesFileError, match="rules changed"):
        load_rules(rules_dir)


def test_country_settings_load_once_resealed_under_a_new_version(rules_dir: Path) -> None:
    edit(rules_dir / "rules.yaml", "reflection_period_days: 30", "reflection_period_days: 90")
    edit(
        rules_dir / "rules.yaml",
        "child_law_enforcement_mandatory: false",
        "child_law_enforcement_mandatory: true",
    )
    edit(rules_dir / "rules.yaml", "version: ilo-2009/1.0.0", "version: it-2026/1.0.0")
    reseal(rules_dir)
    rules = load_rules(rules_dir)
    assert rules.version == "it-2026/1.0.0"
    assert rules.reflection_period_days == 90 and rules.child_law_enforcement_mandatory


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (
            "adult-labour.yaml",
            "DR.wages: medium",
            "DR.wagez: medium",
            "unknown indicator id 'DR.wagez'",
        ),
        ("adult-labour.yaml", "DR.wages: medium", "DR.wages: high", "DR.wages: strength must be"),
        ("adult-labour.yaml", "  DR.wages: medium\n", "", "no strength for DR.wages"),
        ("child-labour.yaml", "  - VR.false_info_law\n", "", "no strength for VR.false_info_law"),
        (
            "adult-labour.yaml",
            "absent: []",
            "absent: [DR.wages]",
            "DR.wages is both rated and absent",
        ),
        (
            "adult-sexual.yaml",
            "  - VD.past_difficulties\n",
            "  - VD.nope\n",
            "'unverified' names an unknown",
        ),
        (
            "adult-sexual.yaml",
            "differs_from_labour:\n  - CD.forced_tasks",
            "differs_from_labour: []",
            "disagrees",
        ),
        ("adult-labour.yaml", "version: 1.0.0", "version: one", "'version' must look like 1.0.0"),
        ("adult-labour.yaml", "population: adult", "population: elder", "population/exploitation"),
        ("adult-labour.yaml", "profile: adult-labour", "profile: child-labour", "must agree"),
        ("adult-labour.yaml", "strengths:", "extra: 1\nstrengths:", "unknown key 'extra'"),
        (
            "rules.yaml",
            "reflection_period_days: 30",
            "reflection_period_days: soon",
            "whole number",
        ),
        (
            "rules.yaml",
            "child_law_enforcement_mandatory: false",
            "child_law_enforcement_mandatory: 1",
            "true or false",
        ),
        ("rules.yaml", "  - child-sexual.yaml\n", "", "'profiles' must list"),
        ("rules.yaml", "version: ilo-2009/1.0.0", "version: 1.0", "ilo-2009/1.0.0"),
        ("adult-labour.yaml", "strengths:", "strengths: [", "not valid YAML"),
    ],
)
def test_loader_names_the_problem_in_a_broken_file(
    rules_dir: Path, file: str, old: str, new: str, message: str
) -> None:
    edit(rules_dir / file, old, new)
    with pytest.raises(RulesFileError, match=re.escape(message)) as caught:
        load_rules(rules_dir)
    assert file in caught.value.message


def test_missing_profile_file_is_named(rules_dir: Path) -> None:
    (rules_dir / "child-sexual.yaml").unlink()
    with pytest.raises(RulesFileError, match=r"child-sexual\.yaml: file not found"):
        load_rules(rules_dir)
