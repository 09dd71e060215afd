"""PDF referral reports: one report, for one recipient, in one or two languages."""

from screening_app.reports.labels import Translate
from screening_app.reports.model import (
    Alerts,
    AnsweredQuestion,
    ConsentScope,
    FormRef,
    Interpreter,
    Officer,
    PersonBlock,
    Recipient,
    ReferralReport,
    Text,
)
from screening_app.reports.render import render_report, render_report_bytes

__all__ = [
    "Alerts",
    "AnsweredQuestion",
    "ConsentScope",
    "FormRef",
    "Interpreter",
    "Officer",
    "PersonBlock",
    "Recipient",
    "ReferralReport",
    "Text",
    "Translate",
    "render_report",
    "render_report_bytes",
]
