"""Assessments: start, save as you go, bad input, submit (locks), reviews and notifications."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from grids.models import Answer, Assessment, Criterion
from grids.services import assessments as services
from grids.services.grids import default_grid_ensure
from innovation.models import Notification
from tests.factories import UserFactory
from tests.grids.assessment_factories import AssessmentFactory, answer_all, criteria_of, grid_build, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, owner):
    return services.assessment_start(challenge=world["challenge"], by=owner)


def _mandatory(assessment):
    return Criterion.objects.get(step__grid=assessment.grid, mandatory=True)


def test_the_owner_starts_a_self_assessment_on_the_default_grid_and_gets_the_same_draft_back(world, owner):
    first = services.assessment_start(challenge=world["challenge"], by=owner)

    again = services.assessment_start(challenge=world["challenge"], by=owner)

    assert first.pk == again.pk
    assert first.grid == default_grid_ensure()
    assert (first.kind, first.status) == (Assessment.Kind.SELF, Assessment.Status.DRAFT)


def test_saving_the_same_answer_twice_keeps_one_row(draft, owner):
    criterion = criteria_of(draft.grid)[3]

    services.answer_save(assessment=draft, by=owner, criterion_id=criterion.pk, value="1", justification="a")
    services.answer_save(assessment=draft, by=owner, criterion_id=criterion.pk, value="na", justification="b")

    answer = Answer.objects.get(assessment=draft)
    assert (answer.level, answer.special, answer.justification) == (None, "na", "b")


@pytest.mark.parametrize("value", ["4", "-1", "deux", "3.0"])
def test_a_level_outside_the_scale_is_refused_in_french_and_saves_nothing(draft, owner, value):
    criterion = criteria_of(draft.grid)[0]

    with translation.override("fr"), pytest.raises(ValidationError) as error:
        services.answer_save(assessment=draft, by=owner, criterion_id=criterion.pk, value=value)

    assert "Choisissez un niveau de l’échelle (0 à 3)" in error.value.messages[0]
    assert not Answer.objects.exists()


def test_a_criterion_from_another_grid_is_refused_and_saves_nothing(draft, owner):
    foreign = criteria_of(grid_build((1,)))[0]

    with translation.override("fr"), pytest.raises(ValidationError) as error:
        services.answer_save(assessment=draft, by=owner, criterion_id=foreign.pk, value="2")

    assert error.value.messages == ["Ce critère ne fait pas partie de la grille de cette évaluation."]
    assert not Answer.objects.exists()


def test_the_full_form_saves_all_or_nothing(draft, owner):
    first, second, third = criteria_of(draft.grid)[:3]

    with pytest.raises(ValidationError):
        services.answers_save(
            assessment=draft, by=owner, entries={first.pk: ("2", "ok"), second.pk: ("9", ""), third.pk: ("1", "")}
        )
    assert not Answer.objects.exists()

    saved = services.answers_save(
        assessment=draft, by=owner, entries={first.pk: ("2", "ok"), second.pk: ("", ""), third.pk: ("1", "")}
    )
    assert saved == 2
    assert Answer.objects.count() == 2


def test_a_blank_entry_of_the_full_form_never_erases_an_answer_saved_from_another_tab(draft, owner):
    criterion = criteria_of(draft.grid)[0]
    services.answer_save(assessment=draft, by=owner, criterion_id=criterion.pk, value="3", justification="vu")

    services.answers_save(assessment=draft, by=owner, entries={criterion.pk: ("", "")})

    assert Answer.objects.get(assessment=draft).level == 3


def test_submitting_with_the_mandatory_criterion_unanswered_is_refused_and_keeps_the_draft(draft, owner):
    for criterion in criteria_of(draft.grid):
        if not criterion.mandatory:
            services.answer_save(assessment=draft, by=owner, criterion_id=criterion.pk, value="3")

    with translation.override("fr"), pytest.raises(ValidationError) as error:
        services.assessment_submit(assessment=draft, by=owner)

    assert error.value.message_dict == {
        str(_mandatory(draft).pk): ["Ce critère est obligatoire\u00a0: choisissez un niveau."]
    }
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT and draft.verdict == "" and draft.submitted_at is None


def test_the_mandatory_criterion_needs_a_justification(draft, owner):
    services.answer_save(assessment=draft, by=owner, criterion_id=_mandatory(draft).pk, value="3", justification=" ")

    with pytest.raises(ValidationError):
        services.assessment_submit(assessment=draft, by=owner)


def test_submitting_stores_the_result_and_locks_the_assessment(draft, owner, world, facilitator):
    answer_all(draft, level=3)

    services.assessment_submit(assessment=draft, by=owner)

    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED
    assert draft.verdict == Assessment.Verdict.PUBLIC_ACTION and draft.overall_score == 100.0
    assert [s["position"] for s in draft.step_scores] == [1, 2, 3, 4, 5]
    with pytest.raises(ValidationError):
        services.answer_save(assessment=draft, by=owner, criterion_id=criteria_of(draft.grid)[0].pk, value="0")
    assert Answer.objects.filter(assessment=draft, level=3).count() == len(criteria_of(draft.grid))
    # The site's facilitator is told, once
    notification = Notification.objects.get(kind="assessment_submitted")
    assert notification.recipient == facilitator


def test_assigning_a_peer_review_notifies_the_reviewer_and_its_submission_notifies_the_owner(world, facilitator, owner):
    peer = UserFactory(email="pair@example.org")

    review = services.peer_review_assign(challenge=world["challenge"], reviewer=peer, by=facilitator)
    submitted(review)

    assigned = Notification.objects.get(kind="assessment_review_assigned")
    assert assigned.recipient == peer and assigned.context["url"].endswith(f"/assessments/{review.pk}/")
    recipients = set(
        Notification.objects.filter(kind="assessment_review_submitted").values_list("recipient__email", flat=True)
    )
    assert recipients == {owner.email, facilitator.email}


def test_a_team_member_cannot_be_a_peer_reviewer(world, facilitator, contributor):
    with pytest.raises(ValidationError):
        services.peer_review_assign(challenge=world["challenge"], reviewer=contributor, by=facilitator)


def test_only_the_assessor_may_save(draft, contributor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.answer_save(assessment=draft, by=contributor, criterion_id=criteria_of(draft.grid)[0].pk, value="1")


# --- Through the pages ------------------------------------------------------


def test_autosave_answers_with_a_fragment_and_reload_shows_the_answer(client, draft, owner):
    client.force_login(owner)
    criterion = criteria_of(draft.grid)[2]

    response = client.post(
        reverse("grids:answer_save", args=[draft.pk, criterion.pk]),
        {f"level-{criterion.pk}": "2", f"justification-{criterion.pk}": "Nous avons rencontré 12 usagers"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200 and "Enregistré" in response.content.decode()
    page = client.get(reverse("grids:assessment_form", args=[draft.pk])).content.decode()
    assert f'id="level-{criterion.pk}-2" value="2" checked' in page
    assert "Nous avons rencontré 12 usagers" in page


def test_the_full_form_without_javascript_saves_and_submits(client, draft, owner):
    client.force_login(owner)
    data = {"action": "submit"}
    for criterion in criteria_of(draft.grid):
        data[f"level-{criterion.pk}"] = "3"
        data[f"justification-{criterion.pk}"] = "Justifié"

    response = client.post(reverse("grids:assessment_form", args=[draft.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("grids:assessment_results", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "relève de l’action publique" in page


def test_the_full_form_with_a_bad_level_rerenders_with_a_french_message_and_saves_nothing(client, draft, owner):
    client.force_login(owner)
    first, second = criteria_of(draft.grid)[:2]

    response = client.post(
        reverse("grids:assessment_form", args=[draft.pk]),
        {f"level-{first.pk}": "2", f"justification-{first.pk}": "gardé", f"level-{second.pk}": "7", "action": "save"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Choisissez un niveau de l’échelle" in page
    assert "gardé" in page  # nothing typed is lost
    assert not Answer.objects.exists()


def test_the_full_form_with_a_criterion_of_another_grid_is_refused(client, draft, owner):
    client.force_login(owner)
    foreign = criteria_of(grid_build((1,)))[0]

    response = client.post(
        reverse("grids:assessment_form", args=[draft.pk]), {f"level-{foreign.pk}": "2", "action": "save"}
    )

    assert response.status_code == 400
    assert "ne fait pas partie de la grille" in response.content.decode()
    assert not Answer.objects.exists()


def test_submitting_the_form_with_the_mandatory_criterion_missing_shows_the_message_next_to_it(client, draft, owner):
    client.force_login(owner)
    mandatory = _mandatory(draft)

    response = client.post(
        reverse("grids:assessment_form", args=[draft.pk]), {f"level-{mandatory.pk}": "", "action": "submit"}
    )

    assert response.status_code == 400
    assert (
        f'id="error-{mandatory.pk}">Ce critère est obligatoire\u00a0: choisissez un niveau.'
        in response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_results_show_the_verdict_chart_rework_and_side_by_side_with_flags(client, world, owner, facilitator):
    grid = default_grid_ensure()
    own = AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner)
    submitted(own, level=3)
    review = services.review_start(challenge=world["challenge"], by=facilitator)
    answer_all(review, level=1)
    services.assessment_submit(assessment=review, by=facilitator)
    client.force_login(owner)

    page = client.get(reverse("grids:assessment_results", args=[review.pk])).content.decode()

    assert "à retravailler" in page
    assert 'data-testid="radar-chart"' in page
    assert "Ce qu’il faut retravailler" in page
    assert "Retournez sur le terrain" in page  # the guidance of a weak step
    assert page.count("écart de 2 niveaux ou plus") == len(criteria_of(grid))
    assert "1 relecture rendue sur 1" in page


def test_progress_across_successive_self_assessments(client, world, owner):
    grid = default_grid_ensure()
    for level in (1, 2, 3):
        submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=level)
    latest = Assessment.objects.filter(status="submitted").last()
    client.force_login(owner)

    page = client.get(reverse("grids:assessment_results", args=[latest.pk])).content.decode()

    assert 'data-testid="progress-table"' in page
    assert "<polyline" in page
    assert page.count("<td>33</td>") >= 5 and page.count("<td>100</td>") >= 5


def test_site_overview_sorts_by_a_step_score(client, world, owner, facilitator):
    grid = default_grid_ensure()
    submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=3)
    submitted(AssessmentFactory(challenge=world["draft"], grid=grid, assessor=owner), level=1)
    client.force_login(facilitator)

    page = client.get(reverse("grids:site_assessments", args=[world["site"].pk]), {"sort": "step0"}).content.decode()

    assert page.index(world["draft"].question) < page.index(world["challenge"].question)
    assert 'aria-sort="ascending"' in page


def test_the_owner_may_start_on_a_duplicated_grid(client, world, owner, staff):
    from grids.services.grids import grid_duplicate

    adapted = grid_duplicate(grid=default_grid_ensure(), by=staff, title="Durabilité d’un bâtiment patrimonial")
    client.force_login(owner)

    page = client.get(reverse("grids:challenge_assessments", args=[world["challenge"].pk])).content.decode()
    response = client.post(reverse("grids:assessment_start", args=[world["challenge"].pk]), {"grid": adapted.pk})

    assert "Durabilité d’un bâtiment patrimonial" in page
    assert response.status_code == 302
    assert Assessment.objects.get(assessor=owner).grid == adapted


def test_autosave_of_a_level_outside_the_scale_answers_a_french_message_and_saves_nothing(client, draft, owner):
    client.force_login(owner)
    criterion = criteria_of(draft.grid)[0]

    response = client.post(
        reverse("grids:answer_save", args=[draft.pk, criterion.pk]),
        {f"level-{criterion.pk}": "12"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert 'role="alert">Choisissez un niveau de l’échelle (0 à 3)' in response.content.decode()
    assert not Answer.objects.exists()


def test_autosave_of_a_criterion_from_another_grid_is_refused(client, draft, owner):
    client.force_login(owner)
    foreign = criteria_of(grid_build((1,)))[0]

    response = client.post(
        reverse("grids:answer_save", args=[draft.pk, foreign.pk]),
        {f"level-{foreign.pk}": "1"},
        HTTP_HX_REQUEST="true",
    )

    assert "ne fait pas partie de la grille" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_peer_review_for_an_address_with_no_account_is_refused_next_to_the_email(world, facilitator):
    with pytest.raises(ValidationError) as refused:
        services.peer_review_assign_by_email(challenge=world["challenge"], email="personne@example.org", by=facilitator)

    assert list(refused.value.error_dict) == ["email"]
    assert not Assessment.objects.filter(kind=Assessment.Kind.PEER).exists()


def test_the_step_table_shows_the_score_the_verdict_names(client, world, owner):
    grid = default_grid_ensure()
    own = submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=1)
    client.force_login(owner)

    page = client.get(reverse("grids:assessment_results", args=[own.pk])).content.decode()

    table = page.split('data-testid="step-scores"')[1].split("</table>")[0]
    assert "obtient 33,3" in page and table.count("<td>33,3</td>") == 5
