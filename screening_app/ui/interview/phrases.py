"""Words said to the person that no form holds: yes / no / not sure, "prefers not to
answer", "does not know", and the consent texts.

They are looked up like form texts, in the catalog
``translations/forms/interview-common/<lang>.po`` (context = the key below, msgid = the
English text), so translators add them with the form catalogs; until a catalog exists the
English text is shown and the screen says the translation is missing.
"""

from __future__ import annotations

from functools import cache

from screening_app.i18n.form_texts import FormTexts

CATALOG = "interview-common"

PHRASES: dict[str, str] = {
    "answer.yes": "Yes",
    "answer.no": "No",
    "answer.unsure": "Not sure",
    "answer.declined": "I prefer not to answer",
    "answer.unknown": "I do not know",
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
    "consent.child_note": ("For a child, this referral is made in any case, to protect the child."),
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


@cache
def _texts(lang: str) -> FormTexts:
    return FormTexts(CATALOG, lang)


def phrase(key: str, lang: str) -> str:
    """The phrase in ``lang``, English if no translation exists yet."""
    return _texts(lang).text(key, PHRASES[key])


def has_phrases(lang: str) -> bool:
    """Whether the person's language has its own phrases (else English is shown)."""
    return lang == "en" or _texts(lang).available
