"""Words for the statistics' dimensions and categories (stored as ids)."""

from __future__ import annotations

from screening_app.i18n.ui_text import N_, _
from screening_app.services.statistics import PENDING, UNKNOWN
from screening_app.ui.labels import OUTCOME_SHORT, URGENCY, label
from screening_app.ui.review.names import country_name
from screening_app.ui.review.rich_text import is_rtl

LEFT_TO_RIGHT_MARK = "\u200e"

DIMENSION = {
    "week": N_("Week the case was opened"),
    "outcome": N_("Recommended next step"),
    "urgency": N_("Urgency"),
    "nationality": N_("Nationality"),
    "age_band": N_("Age band"),
    "exploitation": N_("Form of exploitation"),
}

EXPLOITATION = {
    "labour": N_("Forced labour"),
    "sexual": N_("Sexual exploitation"),
    "criminality": N_("Forced criminality"),
    "begging": N_("Forced begging"),
    "domestic_servitude": N_("Domestic servitude"),
    "forced_marriage": N_("Forced marriage"),
    "illegal_adoption": N_("Illegal adoption"),
    "surrogacy": N_("Forced surrogacy"),
    "organ_removal": N_("Organ removal"),
    "none_indicated": N_("None indicated"),
    "not_assessed": N_("Not assessed"),
}

SUPPRESSION = {
    "primary": N_("suppressed: 1 to 4 cases"),
    "secondary": N_("suppressed: would give away a small count"),
}


def category_label(dimension: str, category: str) -> str:
    if category == PENDING:
        return _("Not decided yet")
    if category == UNKNOWN:
        return _("Unknown")
    if dimension == "outcome":
        return label(OUTCOME_SHORT, category)
    if dimension == "urgency":
        return label(URGENCY, category)
    if dimension == "nationality":
        return country_name(category)
    if dimension == "exploitation":
        return label(EXPLOITATION, category)
    return category


def shown_mark(shown: str) -> str:
    """A count as printed. In right-to-left text a leading mark keeps ``<5`` from being
    drawn as ``5>``."""
    return LEFT_TO_RIGHT_MARK + shown if is_rtl() else shown
