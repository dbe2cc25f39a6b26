"""The main pages make as many queries with 1,000 challenges on the site as with 10, and at most 10 signed in.

Home, site, challenge, assessment results and the notification centre, plus the three floor views of the
served benchmark (tests/perf/urls_served.py), anonymous and signed in (a challenge owner).
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from challenges.models import Challenge
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import NotificationFactory, OrganisationFactory, UserFactory
from tests.grids.assessment_factories import AssessmentFactory, grid_build, submitted
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok

pytestmark = pytest.mark.django_db

SIGNED_IN_BUDGET = 10
PAGES = [
    "floor bare",
    "floor layout",
    "floor one challenge",
    "home",
    "site",
    "challenge",
    "assessment results",
    "notification centre",
]
PRIVATE = {"assessment results", "notification centre"}
# Exact counts where a page's queries were cut (1,000 challenges, the site's challenge owner when signed in): the
# person; then the home page's sections (my challenges and drafts together, reviews, test sessions, exports,
# networks); the site, its edition's themes, its organisations, a page of its challenges (and its grid trials).
# The third floor reads its challenge, and nothing else (signed in: the person first).
EXACT = {
    ("floor one challenge", "anonymous"): 1,
    ("floor one challenge", "signed in"): 2,
    ("home", "signed in"): 6,
    ("site", "anonymous"): 4,
    ("site", "signed in"): 6,
}


def _world(size: int) -> dict:
    """A site of ``size`` published challenges; its first has an owner with a submitted self-assessment."""
    site = SiteFactory(facilitators=[UserFactory()])
    organisation = OrganisationFactory()
    Challenge.objects.bulk_create(
        [
            ChallengeFactory.build(site=site, number=n, organisation=organisation, stakes_html="<p>Enjeux</p>")
            for n in range(2, size + 1)
        ]
    )
    challenge = ChallengeFactory(site=site, number=1)
    owner = UserFactory()
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    assessment = submitted(AssessmentFactory(challenge=challenge, grid=grid_build((2, 2, 2, 2, 2)), assessor=owner))
    for n in range(5):
        NotificationFactory(recipient=owner, kind="some_future_kind", context={"title": f"N{n}", "url": "/x/"})
    return {
        "owner": owner,
        "urls": {
            "floor bare": "/_floor/bare/",
            "floor layout": "/_floor/layout/",
            "floor one challenge": f"/_floor/challenge/{challenge.pk}/",
            "home": reverse("home"),
            "site": reverse("challenges:site_detail", args=[site.pk]),
            "challenge": reverse("challenges:challenge_detail", args=[challenge.pk]),
            "assessment results": reverse("grids:assessment_results", args=[assessment.pk]),
            "notification centre": reverse("notifications"),
        },
    }


@pytest.fixture
def served_urls(settings):
    settings.ROOT_URLCONF = "tests.perf.urls_served"


def _counts(page: str, visitor: str, *, cold: bool = False) -> list:
    """The queries of a second GET of ``page`` at 10 and 1,000 challenges; ``cold``: its cached fragments gone."""
    logs = []
    for size in (10, 1000):
        world = _world(size)
        client = Client()
        if visitor == "signed in":
            client.force_login(world["owner"])
        url = world["urls"][page]
        get_ok(client, url)()  # warm the session and the template cache
        if cold:
            cache.clear()
            if visitor == "signed in":
                client.force_login(world["owner"])  # the session, read from the cache, is gone too
        logs.append(count_queries(get_ok(client, url)))
    return logs


@pytest.mark.parametrize(
    ("page", "visitor"),
    # A private page sends the anonymous visitor to the login page: only its signed-in row is counted.
    [
        (page, visitor)
        for page in PAGES
        for visitor in ("anonymous", "signed in")
        if not (visitor == "anonymous" and page in PRIVATE)
    ],
)
def test_constant_queries_from_10_to_1000_challenges(served_urls, page, visitor):
    assert_constant_queries(*_counts(page, visitor), what=f"{page}, {visitor}")


@pytest.mark.parametrize(("page", "visitor"), sorted(EXACT))
def test_pages_make_exactly_their_expected_queries(served_urls, page, visitor):
    large = _counts(page, visitor)[1]

    assert large.count == EXACT[(page, visitor)], large.explain()


@pytest.mark.parametrize("page", PAGES)
def test_signed_in_pages_make_at_most_10_queries(served_urls, page):
    large = _counts(page, "signed in")[1]

    assert large.count <= SIGNED_IN_BUDGET, large.explain()


# The challenge page, exactly: the challenge (with its origin project), its team and reformulations; signed in,
# the person and the challenge's stands too (none here). Its phases, key ideas, links and files come from the
# cache; when the cache does not hold them (first reader after a change), four more queries read them.
CHALLENGE_PAGE_QUERIES = {"anonymous": 3, "signed in": 5}
CHALLENGE_CONTENT_QUERIES = 4


@pytest.mark.parametrize("visitor", sorted(CHALLENGE_PAGE_QUERIES))
def test_the_challenge_page_makes_its_known_number_of_queries(served_urls, visitor):
    large = _counts("challenge", visitor)[1]

    assert large.count == CHALLENGE_PAGE_QUERIES[visitor], large.explain()


@pytest.mark.parametrize("visitor", sorted(CHALLENGE_PAGE_QUERIES))
def test_the_challenge_page_rendered_afresh_reads_its_content_in_a_constant_number_of_queries(served_urls, visitor):
    logs = _counts("challenge", visitor, cold=True)

    assert_constant_queries(*logs, what=f"challenge, {visitor}, its fragments not cached")
    assert logs[1].count == CHALLENGE_PAGE_QUERIES[visitor] + CHALLENGE_CONTENT_QUERIES, logs[1].explain()
