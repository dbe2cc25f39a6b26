"""A project assessed before it is a challenge (issue 15): its owner self-assesses it, a plan starts from a
« to rework » verdict, a facilitator turns it into a challenge of a site, and the owner's progress carries over."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from challenges.models import AuditEntry, TeamMembership
from grids.models import AccompanimentPlan, Assessment, Project
from grids.services import assessments as assessment_services
from grids.services import projects as services
from innovation.privacy import personal_data_of
from innovation.services import privacy
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import PASSWORD, UserFactory
from tests.grids.assessment_factories import answer_all, grid_build
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _assessed(project, *, level: int, grid) -> Assessment:
    assessment = assessment_services.project_assessment_start(project=project, by=project.owner, grid=grid)
    answer_all(assessment, level=level)
    return assessment_services.assessment_submit(assessment=assessment, by=project.owner)


@pytest.fixture
def grid(db):
    return grid_build((2, 1))


def test_the_owner_assesses_the_project_reads_the_verdict_and_starts_a_plan(grid, owner):
    project = services.project_create(owner=owner, title="  Tiers-lieu   de la médiathèque ", description="Un lieu")
    elsewhere = services.project_create(owner=owner, title="Un autre projet")
    _assessed(elsewhere, level=3, grid=grid)
    client = _client(owner)

    response = client.post(reverse("grids:project_assess", args=[project.pk]), {"grid": grid.pk})
    assessment = Assessment.objects.get(project=project)
    assert response.status_code == 302 and response["Location"] == reverse(
        "grids:assessment_form", args=[assessment.pk]
    )
    assert (assessment.challenge_id, assessment.kind, project.title) == (None, "self", "Tiers-lieu de la médiathèque")
    answer_all(assessment, level=0)
    assessment_services.assessment_submit(assessment=assessment, by=owner)

    results = client.get(reverse("grids:assessment_results", args=[assessment.pk]))
    assert results.status_code == 200
    assert reverse("grids:project_detail", args=[project.pk]) in results.content.decode()
    assert [a.pk for a in results.context["progress"]] == [assessment.pk]  # not the other project's
    assert [c.pk for c in results.context["columns"]] == [assessment.pk]
    assert client.post(reverse("grids:plan_start", args=[assessment.pk])).status_code == 302
    plan = AccompanimentPlan.objects.get(assessment=assessment)
    assert {action.assignee_id for action in plan.actions.all()} == {owner.pk}
    assert client.get(reverse("grids:plan_detail", args=[plan.pk])).status_code == 200
    page = client.get(reverse("grids:project_detail", args=[project.pk])).content.decode()
    assert reverse("grids:plan_detail", args=[plan.pk]) in page


def test_who_may_read_every_project_reads_its_submitted_assessments_not_its_drafts(grid, owner, facilitator):
    # The projects page shows a facilitator each project's latest verdict: its page shows them the same assessments.
    SiteFactory(facilitators=[facilitator])
    project = services.project_create(owner=owner, title="Tiers-lieu")
    done = _assessed(project, level=0, grid=grid)
    draft = assessment_services.project_assessment_start(project=project, by=owner, grid=grid)
    client = _client(facilitator)

    listed = client.get(reverse("grids:project_list")).content.decode()
    page = client.get(reverse("grids:project_detail", args=[project.pk]))

    assert "À retravailler" in listed
    assert [a.pk for a in page.context["assessments"]] == [done.pk]
    assert client.get(reverse("grids:assessment_results", args=[done.pk])).status_code == 200
    assert client.get(reverse("grids:assessment_results", args=[draft.pk])).status_code == 404
    assert _client(UserFactory()).get(reverse("grids:assessment_results", args=[done.pk])).status_code == 404


def test_a_project_belongs_to_its_owners_organisation(db):
    nobody = UserFactory(organisation=None)
    with pytest.raises(ValidationError) as error:
        services.project_create(owner=nobody, title="Sans organisation")
    assert "__all__" in error.value.error_dict

    response = _client(UserFactory()).post(reverse("grids:project_create"), {"title": " "})
    assert response.status_code == 400
    assert response.context["form"].errors["title"]


def test_a_facilitator_turns_the_project_into_a_challenge_and_the_progress_carries_over(grid, owner, facilitator):
    site = SiteFactory(facilitators=[facilitator])
    project = services.project_create(owner=owner, title="Tiers-lieu de la médiathèque")
    first = _assessed(project, level=0, grid=grid)
    second = _assessed(project, level=3, grid=grid)
    question = "Comment faire de la médiathèque un tiers-lieu ouvert à tous ?"

    response = _client(facilitator).post(
        reverse("grids:project_to_challenge", args=[project.pk]), {"site": site.pk, "number": 7, "question": question}
    )

    project.refresh_from_db()
    challenge = project.challenge
    assert response.status_code == 302 and response["Location"] == reverse(
        "challenges:challenge_detail", args=[challenge.pk]
    )
    assert (challenge.site_id, challenge.number, challenge.question, challenge.subject) == (
        site.pk,
        7,
        question,
        project.title,
    )
    assert challenge.organisation_id == project.organisation_id
    assert TeamMembership.objects.filter(challenge=challenge, person=owner, role="owner").exists()
    entry = AuditEntry.objects.get(challenge=challenge, action=AuditEntry.Action.FROM_PROJECT)
    assert entry.changes["project"] == [None, project.title] and entry.actor == facilitator
    history = _client(owner).get(reverse("challenges:challenge_history", args=[challenge.pk])).content.decode()
    assert "Créé à partir d’un projet" in history and "Évaluations reprises" in history
    # The owner's progress carries over: the challenge's assessments are the project's
    assert set(Assessment.objects.filter(challenge=challenge).values_list("pk", flat=True)) == {first.pk, second.pk}
    owners_page = _client(owner).get(reverse("grids:challenge_assessments", args=[challenge.pk]))
    assert [a.pk for a in owners_page.context["progress"]] == [first.pk, second.pk]
    page = _client(owner).get(reverse("challenges:challenge_detail", args=[challenge.pk])).content.decode()
    origin = page.split('data-testid="origin-project"')[1].split("</section>")[0]
    assert project.title in origin and reverse("grids:project_detail", args=[project.pk]) in origin
    # A project is a challenge once; then its challenge is assessed, not the project
    with pytest.raises(ValidationError):
        services.project_to_challenge(project=project, site=site, by=facilitator, number=8, question=question)
    with pytest.raises(ValidationError):
        assessment_services.project_assessment_start(project=project, by=owner)
    again = assessment_services.assessment_start(challenge=challenge, by=owner, grid=grid, from_previous=True)
    assert again.answers.count() == 3


def test_a_number_taken_on_the_site_comes_back_next_to_the_field(owner, facilitator):
    site = SiteFactory(facilitators=[facilitator])
    ChallengeFactory(site=site, number=7)
    project = services.project_create(owner=owner, title="Tiers-lieu")

    response = _client(facilitator).post(
        reverse("grids:project_to_challenge", args=[project.pk]),
        {"site": site.pk, "number": 7, "question": "Comment ?"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["number"]
    project.refresh_from_db()
    assert project.challenge_id is None


def test_a_facilitator_picks_only_a_site_they_facilitate(owner, facilitator):
    SiteFactory(facilitators=[facilitator])
    other = SiteFactory()
    project = services.project_create(owner=owner, title="Tiers-lieu")

    response = _client(facilitator).post(
        reverse("grids:project_to_challenge", args=[project.pk]),
        {"site": other.pk, "number": 1, "question": "Comment ?"},
    )

    assert response.status_code == 400 and response.context["form"].errors["site"]


def test_the_projects_page_makes_constant_queries(grid, facilitator):
    SiteFactory(facilitators=[facilitator])

    def projects(count):
        for index in range(count):
            project = services.project_create(owner=UserFactory(), title=f"Projet {index}")
            _assessed(project, level=index % 4, grid=grid)
        mine = services.project_create(owner=facilitator, title=f"Le mien {count}")
        _assessed(mine, level=1, grid=grid)
        return count_queries(get_ok(client, reverse("grids:project_list")))

    client = _client(facilitator)
    client.get(reverse("grids:project_list"))  # warm the session
    assert_constant_queries(projects(2), projects(12), what="grids:project_list")


def test_the_owners_data_hold_their_projects_and_the_erasure_removes_those_not_yet_challenges(grid, owner, facilitator):
    site = SiteFactory(facilitators=[facilitator])
    alone = services.project_create(owner=owner, title="Projet resté projet")
    _assessed(alone, level=0, grid=grid)
    became = services.project_create(owner=owner, title="Projet devenu défi")
    kept = _assessed(became, level=3, grid=grid)
    services.project_to_challenge(project=became, site=site, by=facilitator, number=1, question="Comment ?")

    data = personal_data_of(person=owner)
    assert {row["title"] for row in data["projects"]} == {"Projet resté projet", "Projet devenu défi"}
    assert {row["project"] for row in data["assessments"]} == {"Projet resté projet", "Projet devenu défi"}
    privacy.person_erase(person=owner, password=PASSWORD)

    assert list(Project.objects.values_list("title", flat=True)) == ["Projet devenu défi"]
    assert list(Assessment.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_challenge_page_reads_its_origin_project_in_the_challenges_own_query(owner):
    site = SiteFactory()
    challenge = ChallengeFactory(site=site, number=3)
    project = services.project_create(owner=owner, title="Tiers-lieu")
    Project.objects.filter(pk=project.pk).update(challenge=challenge)
    bare = ChallengeFactory(site=site, number=4)
    client = _client(owner)
    pages = {}
    for shown in (challenge, bare):
        url = reverse("challenges:challenge_detail", args=[shown.pk])
        pages[shown.pk] = get_ok(client, url)().content.decode()
        statements = count_queries(get_ok(client, url)).statements
        assert not [sql for sql in statements if sql.split(" FROM ", 1)[-1].startswith('"grids_project"')]

    origin = pages[challenge.pk].split('data-testid="origin-project"')[1].split("</section>")[0]
    assert "Tiers-lieu" in origin and str(owner) in origin
    assert reverse("grids:project_detail", args=[project.pk]) in origin
    assert 'data-testid="origin-project"' not in pages[bare.pk]
