"""Two tabs of the same assessment saving at once lose no answer (PostgreSQL, real transactions)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from grids.models import Answer
from grids.services import assessments as services
from grids.services.grids import default_grid_ensure
from tests.challenges.factories import ChallengeFactory, TeamMembershipFactory
from tests.factories import UserFactory
from tests.grids.assessment_factories import criteria_of

pytestmark = pytest.mark.django_db(transaction=True)


def _run_in_tabs(*actions):
    """Run each action in its own thread (its own database connection), all starting together."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action):
        try:
            barrier.wait(timeout=10)
            action()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_two_tabs_autosaving_different_answers_keep_them_all():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    # Given an owner's draft on the default grid (recreated: transactional tests flush the database)
    default_grid_ensure()
    owner = UserFactory()
    challenge = ChallengeFactory()
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    assessment = services.assessment_start(challenge=challenge, by=owner)
    criteria = criteria_of(assessment.grid)
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(owner)
    tab_b.force_login(owner)

    def save_all(client, chosen, level):
        def action():
            for criterion in chosen:
                response = client.post(
                    reverse("grids:answer_save", args=[assessment.pk, criterion.pk]),
                    {f"level-{criterion.pk}": level, f"justification-{criterion.pk}": f"onglet {level}"},
                    HTTP_HX_REQUEST="true",
                )
                assert response.status_code == 200, response.content

        return action

    # When two tabs save interleaved halves of the grid at the same moment (and both the first criterion)
    half_a = criteria[0::2]
    half_b = [criteria[0], *criteria[1::2]]
    _run_in_tabs(save_all(tab_a, half_a, "3"), save_all(tab_b, half_b, "1"))

    # Then every criterion has exactly one answer, and none is lost
    answers = {a.criterion_id: a for a in Answer.objects.filter(assessment=assessment)}
    assert set(answers) == {c.pk for c in criteria}
    assert Answer.objects.filter(assessment=assessment).count() == len(criteria)
    for criterion in criteria[2::2]:
        assert answers[criterion.pk].level == 3
    for criterion in criteria[1::2]:
        assert answers[criterion.pk].level == 1
    assert answers[criteria[0].pk].level in (1, 3)


def test_a_full_form_from_a_stale_tab_does_not_erase_answers_saved_meanwhile():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    default_grid_ensure()
    owner = UserFactory()
    challenge = ChallengeFactory()
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    assessment = services.assessment_start(challenge=challenge, by=owner)
    first, second = criteria_of(assessment.grid)[:2]
    autosave, stale = Client(), Client()
    autosave.force_login(owner)
    stale.force_login(owner)

    def save_first():
        autosave.post(
            reverse("grids:answer_save", args=[assessment.pk, first.pk]),
            {f"level-{first.pk}": "2", f"justification-{first.pk}": "onglet A"},
            HTTP_HX_REQUEST="true",
        )

    def post_stale_form():
        stale.post(
            reverse("grids:assessment_form", args=[assessment.pk]),
            {
                f"level-{first.pk}": "",
                f"justification-{first.pk}": "",
                f"level-{second.pk}": "3",
                f"justification-{second.pk}": "onglet B",
                "action": "save",
            },
        )

    _run_in_tabs(save_first, post_stale_form)

    levels = dict(Answer.objects.filter(assessment=assessment).values_list("criterion_id", "level"))
    assert levels == {first.pk: 2, second.pk: 3}
