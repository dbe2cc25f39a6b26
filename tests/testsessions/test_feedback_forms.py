"""Feedback forms are versioned like the grids: a feedback keeps the meaning of the questions it answered."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.testsessions.factories import FeedbackFactory, SessionFactory, StandFactory
from testsessions.models import FeedbackForm, FeedbackQuestion
from testsessions.services.feedback_forms import (
    DEFAULT_FORM,
    QuestionInput,
    feedback_form_default_ensure,
    feedback_form_revise,
)

pytestmark = pytest.mark.django_db

NEW_QUESTIONS = [
    QuestionInput(key="clarity", kind="scale", text="Avez-vous compris le prototype ?", scale_max=4),
    QuestionInput(
        key="again",
        kind="choice",
        text="Le recommanderiez-vous ?",
        choices=[{"value": "y", "label": "Oui"}, {"value": "n", "label": "Non"}],
    ),
]


def test_the_default_form_asks_what_seed_000_s_testers_were_asked():
    form = feedback_form_default_ensure()

    questions = list(form.questions.order_by("position"))
    assert [(q.key, q.kind) for q in questions] == [
        ("clarity", "scale"),
        ("relevance", "choice"),
        ("useful", "text"),
        ("change", "text"),
    ]
    assert [choice["label"] for choice in questions[1].choices] == ["Validé", "En partie", "Non"]
    assert feedback_form_default_ensure() == form  # once only
    assert form.title == DEFAULT_FORM["title"]


def test_an_unused_form_is_edited_in_place(staff):
    form = FeedbackForm.objects.create(title="Brouillon")

    revised = feedback_form_revise(form=form, by=staff, title="Formulaire court", questions=NEW_QUESTIONS)

    assert revised.pk == form.pk and revised.version == 1
    assert [q.key for q in revised.questions.all()] == ["clarity", "again"]


def test_a_used_form_gets_a_new_version_and_old_feedback_keeps_its_questions(staff):
    form = feedback_form_default_ensure()
    feedback = FeedbackFactory(stand=StandFactory(session=SessionFactory(form=form)), answers={"clarity": 5})

    revised = feedback_form_revise(form=form, by=staff, title="", questions=NEW_QUESTIONS)

    assert (revised.lineage, revised.version, revised.is_current) == (form.lineage, 2, True)
    form.refresh_from_db()
    assert not form.is_current
    # The feedback still reads against version 1: "clarity" was a 1-to-5 scale about the explanations
    old = FeedbackQuestion.objects.get(form=feedback.stand.session.form, key="clarity")
    assert (old.text, old.scale_max) == ("Les explications sont-elles claires\xa0?", 5)
    assert feedback_form_default_ensure() == revised


def test_a_form_s_questions_are_checked(staff):
    with pytest.raises(ValidationError):
        feedback_form_revise(
            form=FeedbackForm.objects.create(title="X"),
            by=staff,
            title="X",
            questions=[
                QuestionInput(key="a", kind="choice", text="?", choices=[{"value": "1", "label": "Un"}]),
                QuestionInput(key="a", kind="text", text=""),
            ],
        )
