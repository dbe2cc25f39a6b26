"""Every test-session page makes as many queries with 10 stands (or rows) as with 200."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from challenges.models import Challenge, TeamMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok
from tests.testsessions.factories import SessionFactory
from testsessions.models import Feedback, Stand, TestSession

pytestmark = pytest.mark.django_db


def _session_with(count: int, facilitator, owner) -> TestSession:
    """A site with ``count`` challenges, each with a stand, one visit per stand from the next team and one
    anonymous visit; ``owner`` owns challenge 1."""
    site = SiteFactory(facilitators=[facilitator])
    organisation = ChallengeFactory(site=site, number=count + 1).organisation
    challenges = Challenge.objects.bulk_create(
        [ChallengeFactory.build(site=site, number=n, organisation=organisation) for n in range(1, count + 1)]
    )
    TeamMembership.objects.create(challenge=challenges[0], person=owner, role="owner")
    session = SessionFactory(site=site)
    stands = Stand.objects.bulk_create(
        [
            Stand(
                session=session,
                challenge=c,
                position=c.number,
                token=f"t{count}x{c.number:05d}",
            )
            for c in challenges
        ]
    )
    Feedback.objects.bulk_create(
        [
            Feedback(
                stand=stand,
                browser_key=f"k{count}-{index}",
                answers={"clarity": 1 + index % 5, "relevance": "validated", "change": "Plus clair"},
                visiting_challenge=challenges[(index + 1) % count] if index % 2 else None,
                profile="agent",
            )
            for index, stand in enumerate(stands)
        ]
    )
    return session


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "page",
    [
        "session_detail",
        "session_board",
        "session_board_fragment",
        "session_feedback",
        "site_sessions",
        "stand",
        "stand_thanks",
        "challenge",
    ],
)
def test_pages_with_10_and_200_stands(page, facilitator, owner):
    logs = []
    for count in (10, 200):
        session = _session_with(count, facilitator, owner)
        stand = session.stands.order_by("position").first()
        user = {"stand": None, "stand_thanks": None, "challenge": owner}.get(page, facilitator)
        client = _client(user)
        headers = {}
        url = {
            "session_detail": reverse("testsessions:session_detail", args=[session.pk]),
            "session_board": reverse("testsessions:session_board", args=[session.pk]),
            "session_board_fragment": reverse("testsessions:session_board", args=[session.pk]),
            "session_feedback": reverse("testsessions:session_feedback", args=[session.pk]),
            "site_sessions": reverse("testsessions:site_sessions", args=[session.site_id]),
            "stand": reverse("testsessions:stand", args=[stand.token]),
            "stand_thanks": reverse("testsessions:stand_thanks", args=[stand.token]),
            "challenge": reverse("challenges:challenge_detail", args=[stand.challenge_id]),
        }[page]
        if page == "session_board_fragment":
            headers = {"HX-Request": "true"}

        def action(client=client, url=url, headers=headers):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, f"GET {url} answered {response.status_code}"

        action()  # warm the session and caches
        logs.append(count_queries(action))
    if page == "challenge":
        assert "Notre équipe a visité" in _client(owner).get(url).content.decode()

    assert_constant_queries(*logs, what=f"{page} with 10 and 200 stands")


def test_a_feedback_is_recorded_in_the_same_queries_whatever_the_session_s_size(facilitator, owner):
    logs = []
    for count in (10, 200):
        session = _session_with(count, facilitator, owner)
        stand = session.stands.order_by("position").last()
        client = _client()
        url = reverse("testsessions:stand", args=[stand.token])
        get_ok(client, url)()

        def action(client=client, url=url):
            response = client.post(url, {"q_clarity": "4", "q_relevance": "partly"})
            assert response.status_code == 302

        logs.append(count_queries(action))

    assert_constant_queries(*logs, what="a feedback submission")
    assert logs[0].count <= 16, logs[0].explain()


def test_the_close_confirmation_reads_as_much_with_10_as_with_200_stands(facilitator, owner):
    def confirmation(count: int):
        session = _session_with(count, facilitator, owner)
        client = _client(facilitator)
        url = reverse("testsessions:session_close", args=[session.pk])

        def action():
            response = client.post(url)
            assert response.status_code == 200 and 'data-testid="confirm-close"' in response.content.decode()

        return count_queries(action), session

    (small, _), (large, session) = confirmation(10), confirmation(200)

    assert_constant_queries(small, large, what="test session close confirmation")
    session.refresh_from_db()
    assert session.state == TestSession.State.OPEN
