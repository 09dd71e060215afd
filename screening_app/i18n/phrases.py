"""Words said to the person that no form holds, as key -> English source text.

Yes / no / not sure, "I prefer not to answer", "I do not know", the consent texts and the
descriptions of who may receive the person's information. They are translated in the
catalog ``translations/forms/interview-common/<lang>.po``: ``msgctxt`` is the key,
``msgid`` the English text, as in a form catalog. This table is the single source: the
interview screens, the answer texts of reports, the template script and
``screening-app forms check`` all read it. No Qt here.

The ``answer.*`` words are the person's own reply, in the first person; the
``report.answer.*`` words describe an answer to a reader, in the third person.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

CATALOG = "interview-common"

_PHRASES: dict[str, str] = {
    "answer.yes": "Yes",
    "answer.no": "No",
    "answer.unsure": "Not sure",
    "answer.declined": "I prefer not to answer",
    "answer.unknown": "I do not know",
    "report.answer.answered": "Answered",
    "report.answer.declined": "Prefers not to answer",
    "report.answer.unknown": "Does not know",
    "consent.title": "Who may receive your information?",
    "consent.intro": (
        "You decide who may receive what you told us. You can say yes or no for each one. "
        "Saying no does not change the help you can get here."
    ),
    "consent.law_title": "Police and prosecutors",
    "consent.law_question": (
        "May we share what you told us with the police or prosecutors, so they can act "
        "against the people who harmed you?"
    ),
    "consent.law_no_change": (
        "If you say no, nothing changes in the help offered to you: shelter, health care, "
        "legal aid and every other service stay the same."
    ),
    "consent.child_note": "For a child, this referral is made in any case, to protect the child.",
    "consent.agree": "Yes, they may receive it",
    "consent.refuse": "No",
    "recipient.nrm_coordinator": (
        "The national office that coordinates help for people who may have been exploited"
    ),
    "recipient.child_protection": "The authority that protects children",
    "recipient.guardian": "A guardian who acts for a child without parents here",
    "recipient.shelter_ngo": "A safe place to stay, and organisations that help",
    "recipient.health": "Doctors and health services",
    "recipient.legal_aid": "A lawyer or legal advice service, free of charge",
    "recipient.iom": "IOM, which helps people return home safely if they want to",
    "recipient.law_enforcement": "Police and prosecutors",
}

PHRASES: Mapping[str, str] = MappingProxyType(_PHRASES)
"""Every phrase key and its English text, in the order translators see them."""

ANSWER_STATUS_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "answered": "report.answer.answered",
        "declined": "report.answer.declined",
        "unknown": "report.answer.unknown",
        "unsure": "answer.unsure",
    }
)
"""The phrase key that names each kind of answer for a reader (reports, case views)."""
