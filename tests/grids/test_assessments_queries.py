"""Query budgets: the assessment pages make as many queries with 5 or 30 criteria, 1 or 20 earlier assessments."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from grids.models import Assessment
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import UserFactory
from tests.grids.assessment_factories import AssessmentFactory, answer_all, grid_build, submitted
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok

pytestmark = pytest.mark.django_db

FIVE = (1, 1, 1, 1, 1)
THIRTY = (6, 6, 6, 6, 6)


def _setting(criteria_per_step, earlier: int):
    """A challenge with ``earlier`` submitted self-assessments, a facilitator review and peer reviews, and a draft."""
    facilitator = UserFactory()
    site = SiteFactory(facilitators=[facilitator])
    owner = UserFactory()
    challenge = ChallengeFactory(site=site, number=1)
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    grid = grid_build(criteria_per_step)
    for index in range(earlier):
        submitted(AssessmentFactory(challenge=challenge, grid=grid, assessor=owner), level=index % 4)
    for reviewer in (facilitator, UserFactory(), UserFactory()):
        kind = Assessment.Kind.FACILITATOR if reviewer == facilitator else Assessment.Kind.PEER
        submitted(AssessmentFactory(challenge=challenge, grid=grid, assessor=reviewer, kind=kind), level=1)
    draft = AssessmentFactory(challenge=challenge, grid=grid, assessor=owner)
    answer_all(draft, level=2)
    latest = Assessment.objects.filter(challenge=challenge, kind="self", status="submitted").last()
    for extra in range(earlier):
        other = ChallengeFactory(site=site, number=100 + extra)
        submitted(AssessmentFactory(challenge=other, grid=grid, assessor=owner), level=2)
    return {
        "owner": owner,
        "facilitator": facilitator,
        "challenge": challenge,
        "draft": draft,
        "latest": latest,
        "site": site,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("url_name", "who", "target"),
    [
        ("grids:assessment_form", "owner", "draft"),
        ("grids:assessment_results", "owner", "latest"),
        ("grids:assessment_results", "facilitator", "latest"),
        ("grids:challenge_assessments", "owner", "challenge"),
        ("grids:site_assessments", "facilitator", "site"),
        ("grids:my_assessments", "owner", None),
    ],
)
def test_assessment_pages_make_constant_queries(url_name, who, target):
    small = _setting(FIVE, earlier=1)
    large = _setting(THIRTY, earlier=20)

    def measure(setting):
        client = _client(setting[who])
        url = reverse(url_name, args=[setting[target].pk] if target else None)
        client.get(url)  # warm the session
        return count_queries(get_ok(client, url))

    assert_constant_queries(measure(small), measure(large), what=f"{url_name} as {who}")


def test_grid_editor_pages_make_constant_queries(staff):
    client = _client(staff)
    small, large = grid_build(FIVE), grid_build(THIRTY)

    for name in ("grids:grid_detail", "grids:grid_export"):
        assert_constant_queries(
            count_queries(get_ok(client, reverse(name, args=[small.pk]))),
            count_queries(get_ok(client, reverse(name, args=[large.pk]))),
            what=name,
        )
    few = count_queries(get_ok(client, reverse("grids:grid_list")))
    for _ in range(20):
        grid_build((2, 3))
    many = count_queries(get_ok(client, reverse("grids:grid_list")))
    assert_constant_queries(few, many, what="grid_list")


def test_the_results_page_reads_the_criteria_and_the_answers_once_for_the_result_and_the_comparison():
    setting = _setting(FIVE, earlier=2)
    url = reverse("grids:assessment_results", args=[setting["latest"].pk])

    log = count_queries(get_ok(_client(setting["owner"]), url))

    reading = [sql.split(" FROM ", 1)[-1].split(" ", 1)[0] for sql in log.statements]
    assert (reading.count('"grids_criterion"'), reading.count('"grids_answer"')) == (1, 1), log.explain()
