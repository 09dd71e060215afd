"""How stored answers read in a report or on the review screen, language by language."""

from __future__ import annotations

from screening_app.core.records import AnswerRecord, AnswerStatus
from screening_app.services.answer_texts import AnswerTexts, shipped_form


def test_several_chosen_answers_are_separated_by_each_language_s_semicolon() -> None:
    form = shipped_form("first-line-screening")
    assert form is not None
    question = form.question("was_promised")
    assert question is not None
    first, second = (choice for choice in question.choices if choice.id in ("job", "good_pay"))
    record = AnswerRecord("was_promised", AnswerStatus.ANSWERED, ["job", "good_pay"], "ar", "ar")
    text = AnswerTexts(form, ["ar", "fr"]).answer_text(question, record)
    assert text is not None
    assert text.versions["en"] == f"{first.text}; {second.text}"
    assert "؛ " in text.versions["ar"]
    assert "\u00a0; " in text.versions["fr"]
