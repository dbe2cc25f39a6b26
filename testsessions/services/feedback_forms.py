"""Feedback forms, versioned like the criteria grids: a version that collected feedback is never edited again.

- ``feedback_form_default_ensure(*, apps=None)``: the current version of the default French form, created
  when missing (also the builder of the data migration, with the historical models).
- ``feedback_form_is_used(*, form)``: has a feedback been given under this version?
- ``feedback_form_revise(*, form, by, title, questions)``: change the questions; a used version is left as
  it is and a new current version of the same lineage is written instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from innovation.models import User
from testsessions.models import Feedback, FeedbackForm, FeedbackQuestion

DEFAULT_LINEAGE = uuid.UUID("7e57f0a1-5e55-4d0c-9a1b-defa0170f0a1")
TEXT_MAX_LENGTH = 500


@dataclass(frozen=True)
class QuestionInput:
    key: str
    kind: str
    text: str
    help: str = ""
    choices: Sequence[dict[str, str]] = field(default_factory=tuple)
    scale_max: int = 5
    scale_low_label: str = ""
    scale_high_label: str = ""


# What seed 000's team asked its testers: were the explanations clear, is the prototype relevant
# (validated / in part / no), would it be useful and for what, what should change.
DEFAULT_FORM: dict[str, Any] = {
    "title": "Retour de test d’un prototype",
    "questions": [
        QuestionInput(
            key="clarity",
            kind=FeedbackQuestion.Kind.SCALE,
            text="Les explications sont-elles claires\u00a0?",
            scale_max=5,
            scale_low_label="Pas du tout",
            scale_high_label="Tout à fait",
        ),
        QuestionInput(
            key="relevance",
            kind=FeedbackQuestion.Kind.CHOICE,
            text="Le prototype vous semble-t-il pertinent\u00a0?",
            choices=(
                {"value": "validated", "label": "Validé"},
                {"value": "partly", "label": "En partie"},
                {"value": "no", "label": "Non"},
            ),
        ),
        QuestionInput(
            key="useful",
            kind=FeedbackQuestion.Kind.TEXT,
            text="Vous serait-il utile\u00a0? Pour quoi faire\u00a0?",
            help="Dans votre service, pour vos usagers, pour votre collectivité…",
        ),
        QuestionInput(
            key="change",
            kind=FeedbackQuestion.Kind.TEXT,
            text="Que faudrait-il changer\u00a0?",
        ),
    ],
}


def _question_fields(item: QuestionInput, position: int) -> dict[str, Any]:
    return {
        "position": position,
        "key": item.key,
        "kind": item.kind,
        "text": item.text,
        "help": item.help,
        "choices": [dict(choice) for choice in item.choices],
        "scale_max": item.scale_max,
        "scale_low_label": item.scale_low_label,
        "scale_high_label": item.scale_high_label,
    }


def feedback_form_default_ensure(*, apps: Any = None) -> FeedbackForm:
    """The current default form; written (version 1 of its lineage) when there is none."""
    form_model = apps.get_model("testsessions", "FeedbackForm") if apps else FeedbackForm
    question_model = apps.get_model("testsessions", "FeedbackQuestion") if apps else FeedbackQuestion
    with transaction.atomic():
        current = form_model.objects.filter(lineage=DEFAULT_LINEAGE, is_current=True).first()
        if current is not None:
            return current
        form = form_model.objects.create(
            lineage=DEFAULT_LINEAGE, version=1, is_current=True, is_default=True, title=DEFAULT_FORM["title"]
        )
        question_model.objects.bulk_create(
            [
                question_model(form=form, **_question_fields(item, position))
                for position, item in enumerate(DEFAULT_FORM["questions"], start=1)
            ]
        )
    return form


def feedback_form_is_used(*, form: FeedbackForm) -> bool:
    return Feedback.objects.filter(stand__session__form=form).exists()


def feedback_questions_validate(*, questions: Sequence[QuestionInput]) -> None:
    errors: list[ValidationError] = []
    keys: set[str] = set()
    if not questions:
        errors.append(ValidationError(_("A feedback form needs at least one question."), code="empty"))
    for item in questions:
        if not item.text.strip():
            errors.append(ValidationError(_("Every question needs its text."), code="text"))
        if not item.key or slugify(item.key) != item.key or item.key in keys:
            errors.append(
                ValidationError(_("Question keys must be distinct short words (%(key)s)."), params={"key": item.key})
            )
        keys.add(item.key)
        if item.kind not in FeedbackQuestion.Kind.values:
            errors.append(ValidationError(_("Unknown kind of question."), code="kind"))
        if item.kind == FeedbackQuestion.Kind.CHOICE and len(item.choices) < 2:
            errors.append(ValidationError(_("A choice needs at least two options."), code="choices"))
        if item.kind == FeedbackQuestion.Kind.SCALE and not 2 <= item.scale_max <= 10:
            errors.append(ValidationError(_("A scale goes from 1 to between 2 and 10."), code="scale"))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def feedback_form_revise(
    *, form: FeedbackForm, by: User | None, title: str, questions: Sequence[QuestionInput]
) -> FeedbackForm:
    """Replace the questions of ``form``; if feedback was given under it, write the next version instead."""
    feedback_questions_validate(questions=questions)
    form = FeedbackForm.objects.select_for_update().get(pk=form.pk)
    if feedback_form_is_used(form=form):
        FeedbackForm.objects.filter(lineage=form.lineage, is_current=True).update(is_current=False)
        last = FeedbackForm.objects.filter(lineage=form.lineage).order_by("-version").values_list("version", flat=True)
        form = FeedbackForm.objects.create(
            lineage=form.lineage,
            version=last.first() + 1,
            is_current=True,
            is_default=form.is_default,
            title=title.strip() or form.title,
            created_by=by,
        )
    else:
        form.title = title.strip() or form.title
        form.save(update_fields=["title"])
        form.questions.all().delete()
    FeedbackQuestion.objects.bulk_create(
        [FeedbackQuestion(form=form, **_question_fields(item, position)) for position, item in enumerate(questions, 1)]
    )
    return form
