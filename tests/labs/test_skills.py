"""Skills and appetences: each member rates themselves per method phase; the coordinators record the
follow-up interview (seen by the member and them only); the matrix is a real table, filterable."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from labs.models import AuditEntry, SkillInterview, SkillRating
from tests.labs.factories import SkillRatingFactory

pytestmark = pytest.mark.django_db


def _skills_data(lab, **levels):
    data = {"brings_commission": "", "commission_idea": ""}
    for phase in lab.phases.all():
        competence, appetence = levels.get(phase.name, (0, 0))
        data |= {f"competence_{phase.pk}": competence, f"appetence_{phase.pk}": appetence, f"comment_{phase.pk}": ""}
    return data


def test_a_member_rates_their_skills_and_a_level_out_of_range_is_refused(client, world, owner):
    client.force_login(owner)
    url = reverse("labs:skills_edit", args=[world["membership"].pk])

    response = client.post(url, _skills_data(world["lab"], Idéation=(2, 4)))
    assert response.status_code == 200 and response.context["form"].errors
    assert not SkillRating.objects.exists()

    response = client.post(url, _skills_data(world["lab"], Idéation=(2, 3), Test=(1, 0)))

    assert response["Location"] == reverse("labs:me")
    ratings = dict(SkillRating.objects.filter(membership=world["membership"]).values_list("phase__name", "appetence"))
    assert ratings["Idéation"] == 3 and len(ratings) == 5


def test_the_coordinator_records_an_interview_that_the_member_reads_and_others_do_not(
    client, world, facilitator, owner, contributor
):
    url = reverse("labs:interviews", args=[world["membership"].pk])
    client.force_login(facilitator)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(url, {"held_on": tomorrow.isoformat(), "notes": "Envie d’apprendre l’enquête."})
    assert "une fois qu’il a eu lieu" in response.context["form"].errors["held_on"][0]
    client.post(url, {"held_on": "2018-02-12", "notes": "Envie d’apprendre l’enquête."})

    interview = SkillInterview.objects.get(membership=world["membership"])
    assert interview.interviewer == facilitator
    entry = AuditEntry.objects.get(action=AuditEntry.Action.INTERVIEW_RECORDED)
    assert "enquête" not in str(entry.changes) and entry.subject == str(owner)
    client.force_login(owner)
    page = client.get(url)
    assert "Envie d’apprendre l’enquête." in page.content.decode() and page.context["form"] is None
    assert client.post(url, {"held_on": "2018-02-12", "notes": "Moi-même"}).status_code == 403
    client.force_login(contributor)
    assert client.get(url).status_code == 403


def test_the_matrix_is_a_table_with_a_caption_and_scoped_headers(client, world, facilitator):
    SkillRatingFactory(membership=world["membership"], phase=world["lab"].phases.get(name="Test"), competence=3)
    client.force_login(facilitator)

    page = client.get(reverse("labs:skills_matrix", args=[world["network"].pk])).content.decode()

    assert "<caption>Compétence (C) et appétence (A) des membres de Réseau des ambassadeurs" in page
    assert page.count('<th scope="col">') == 5 + 2  # member, five phases, commission
    assert page.count('<th scope="row"') == 3
    assert "compétence 3, appétence 3" in page  # the cell's words for screen readers


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phase={test}&min_competence=2", ["Sophie (owner)"]),
        ("phase={test}&min_appetence=3&min_competence=3", []),
        ("role=coordinator", ["Yann (facilitator)"]),
        ("query=karim", ["Karim (contributor)"]),
        ("brings_commission=on", ["Karim (contributor)"]),
    ],
)
def test_the_matrix_filters_by_phase_levels_role_name_and_commission(client, world, facilitator, query, expected):
    test = world["lab"].phases.get(name="Test")
    SkillRatingFactory(membership=world["membership"], phase=test, competence=2, appetence=2)
    SkillRatingFactory(membership=world["memberships"][1], phase=test, competence=1, appetence=3)
    world["memberships"][1].brings_commission = True
    world["memberships"][1].save()
    client.force_login(facilitator)

    response = client.get(reverse("labs:skills_matrix", args=[world["network"].pk]) + "?" + query.format(test=test.pk))

    assert [str(row.membership.person) for row in response.context["matrix"].rows] == expected
    assert response.context["matrix"].total == 3
