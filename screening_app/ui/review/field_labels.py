"""Words for the field ids of a referral (``services.recipient_fields``)."""

from __future__ import annotations

from screening_app.i18n.ui_text import N_

FIELD = {
    "person.name": N_("Name"),
    "person.birth_date": N_("Date of birth"),
    "person.age": N_("Age"),
    "person.nationality": N_("Nationality"),
    "person.gender": N_("Gender"),
    "person.languages": N_("Languages"),
    "assessment.reasons": N_("Grounds: indicators found"),
    "answers.interview": N_("Answers: starting the interview"),
    "answers.safety": N_("Answers: safety now"),
    "answers.health": N_("Answers: health"),
    "answers.family": N_("Answers: family and companions"),
    "answers.background": N_("Answers: life before leaving"),
    "answers.journey": N_("Answers: recruitment and journey"),
    "answers.money": N_("Answers: money and debts"),
    "answers.documents": N_("Answers: documents"),
    "answers.work": N_("Answers: work"),
    "answers.living": N_("Answers: living conditions and control"),
    "answers.wishes": N_("Answers: what the person wants next"),
    "answers.notes": N_("Answers: the person's closing words"),
    "answers.other": N_("Answers: other questions"),
}
