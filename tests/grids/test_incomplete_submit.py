"""One click no longer locks an incomplete assessment; a re-assessment may start from the last answers (issue 10)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grids.models import Answer, Assessment, Criterion
from grids.services import assessments as services
from tests.grids.assessment_factories import criteria_of, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, owner):
    return services.assessment_start(challenge=world["challenge"], by=owner)


def _answer_mandatory_and(draft, owner, count: int) -> None:
    """Answer the mandatory criteria and ``count`` others (so that the rest stays unanswered)."""
    criteria = criteria_of(draft.grid)
    mandatory = [c for c in criteria if c.mandatory]
    others = [c for c in criteria if not c.mandatory][:count]
    for criterion in mandatory + others:
        services.answer_save(assessment=draft, by=owner, criterion_id=criterion.pk, value="2", justification="Oui")


def test_the_form_says_how_many_criteria_have_no_answer(client, draft, owner):
    _answer_mandatory_and(draft, owner, 5)
    total = Criterion.objects.filter(step__grid=draft.grid).count()
    answered = Answer.objects.filter(assessment=draft).count()
    client.force_login(owner)

    html = client.get(reverse("grids:assessment_form", args=[draft.pk])).content.decode()

    assert f'<span data-answered-count="">{answered}</span> critères renseignés sur {total}.' in html
    assert f'<span data-unanswered-count="">{total - answered}</span> critères sans réponse sur {total}' in html
    assert "grids/assessment_form.js" in html


def test_submitting_with_unanswered_criteria_without_confirming_keeps_the_draft(client, draft, owner):
    _answer_mandatory_and(draft, owner, 5)
    total = Criterion.objects.filter(step__grid=draft.grid).count()
    unanswered = total - Answer.objects.filter(assessment=draft).count()
    client.force_login(owner)

    response = client.post(reverse("grids:assessment_form", args=[draft.pk]), {"action": "submit"})

    assert response.status_code == 400
    html = response.content.decode()
    assert f"{unanswered} critères sans réponse sur {total}. Un critère sans réponse compte pour 0" in html
    assert 'id="confirm-unanswered-error"' in html
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_submitting_with_unanswered_criteria_and_the_confirmation_locks_it(client, draft, owner):
    _answer_mandatory_and(draft, owner, 5)
    client.force_login(owner)

    response = client.post(
        reverse("grids:assessment_form", args=[draft.pk]), {"action": "submit", "confirm_unanswered": "1"}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED


def test_the_separate_submit_address_also_needs_the_confirmation(client, draft, owner):
    _answer_mandatory_and(draft, owner, 0)
    client.force_login(owner)

    refused = client.post(reverse("grids:assessment_submit", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT
    assert "critères sans réponse sur" in refused.content.decode()

    client.post(reverse("grids:assessment_submit", args=[draft.pk]), {"confirm_unanswered": "on"})
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED


def test_a_complete_assessment_needs_no_confirmation(client, draft, owner):
    for criterion in criteria_of(draft.grid):
        services.answer_save(assessment=draft, by=owner, criterion_id=criterion.pk, value="na", justification="x")
    mandatory = [c for c in criteria_of(draft.grid) if c.mandatory]
    for criterion in mandatory:
        services.answer_save(assessment=draft, by=owner, criterion_id=criterion.pk, value="3", justification="x")
    client.force_login(owner)

    response = client.post(reverse("grids:assessment_form", args=[draft.pk]), {"action": "submit"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED


# --- A re-assessment from the previous answers ------------------------------


def test_a_reassessment_may_start_from_the_previous_submitted_answers(world, owner):
    first = services.assessment_start(challenge=world["challenge"], by=owner)
    submitted(first, level=2)
    previous = {a.criterion_id: (a.level, a.justification) for a in Answer.objects.filter(assessment=first)}

    second = services.assessment_start(challenge=world["challenge"], by=owner, from_previous=True)

    assert second.pk != first.pk and second.is_draft
    copied = {a.criterion_id: (a.level, a.justification) for a in Answer.objects.filter(assessment=second)}
    assert copied == previous
    assert Answer.objects.filter(assessment=first).count() == len(previous)  # the submitted one is untouched


def test_a_reassessment_starts_empty_unless_asked(world, owner):
    submitted(services.assessment_start(challenge=world["challenge"], by=owner))

    second = services.assessment_start(challenge=world["challenge"], by=owner)

    assert not Answer.objects.filter(assessment=second).exists()


def test_the_option_on_the_page_starts_from_the_previous_answers(client, world, owner):
    submitted(services.assessment_start(challenge=world["challenge"], by=owner), level=1)
    client.force_login(owner)
    page = client.get(reverse("grids:challenge_assessments", args=[world["challenge"].pk])).content.decode()
    assert 'name="from_previous"' in page
    assert "Repartir de mes réponses de la dernière évaluation rendue" in page

    response = client.post(reverse("grids:assessment_start", args=[world["challenge"].pk]), {"from_previous": "1"})

    draft = Assessment.objects.get(status=Assessment.Status.DRAFT)
    assert response.url == reverse("grids:assessment_form", args=[draft.pk])
    assert set(Answer.objects.filter(assessment=draft).values_list("level", flat=True)) == {1}


def test_a_facilitator_review_may_also_start_from_the_previous_review(world, facilitator):
    first = services.review_start(challenge=world["challenge"], by=facilitator)
    submitted(first, level=3)

    second = services.review_start(challenge=world["challenge"], by=facilitator, from_previous=True)

    assert Answer.objects.filter(assessment=second).count() == Answer.objects.filter(assessment=first).count()
    assert second.assigned_by == facilitator
