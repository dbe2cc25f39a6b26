"""The signed-in home page lists what is one's own, each section from its app, each a link with a count."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from challenges.models import Challenge, TeamMembership
from grids.models import Assessment
from labs.models import NetworkMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.grids.assessment_factories import AssessmentFactory, grid_build
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok
from tests.innovation.factories_exports import ExportFactory
from tests.labs.factories import NetworkFactory, NetworkMembershipFactory
from tests.testsessions.factories import SessionFactory, StandFactory
from testsessions.models import TestSession

pytestmark = pytest.mark.django_db


def give(person, *, size: int) -> dict:
    """``size`` of each of the things a home page shows, for ``person`` (a facilitator and team member)."""
    site = SiteFactory(place="Rennes", facilitators=[person])
    grid = grid_build()
    published = [ChallengeFactory(site=site) for _ in range(size)]
    drafts = [ChallengeFactory(site=site, status=Challenge.Status.DRAFT) for _ in range(size)]
    for challenge in published:
        TeamMembershipFactory(challenge=challenge, person=person, role=TeamMembership.Role.FACILITATOR)
        AssessmentFactory(challenge=challenge, grid=grid, assessor=person, kind=Assessment.Kind.PEER)
    for index, challenge in enumerate(published, start=1):
        StandFactory(challenge=challenge, session=SessionFactory(site=site, title=f"Exposition {index}"))
    SessionFactory(site=site, title="Exposition close", state=TestSession.State.CLOSED)
    for _ in range(size):
        ExportFactory(requested_by=person)
        NetworkMembershipFactory(network=NetworkFactory(), person=person, status=NetworkMembership.Status.ACTIVE)
    return {"published": published, "drafts": drafts}


def page_html(response) -> str:
    return response.content.decode()


def test_home_shows_each_section_with_its_count_and_links(client, facilitator):
    mine = give(facilitator, size=2)
    someone_elses = ChallengeFactory(question="Comment ne pas apparaître chez les autres ?")
    client.force_login(facilitator)

    html = page_html(client.get(reverse("home")))

    sections = (("challenges", 2), ("drafts", 2), ("reviews", 2), ("exports", 2), ("networks", 2), ("test-sessions", 2))
    for key, count in sections:
        assert f'data-testid="home-{key}-count">{count}<' in html, key
    assert reverse("challenges:challenge_detail", args=[mine["drafts"][0].pk]) in html
    assert reverse("challenges:challenge_detail", args=[mine["published"][0].pk]) in html
    assert reverse("grids:my_assessments") in html
    assert reverse("reports:export_list") in html
    assert reverse("labs:me") in html
    assert someone_elses.question not in html
    assert "Exposition 1" in html and "Exposition close" not in html


def test_counts_are_of_every_row_while_only_the_first_five_are_listed(client, facilitator):
    give(facilitator, size=7)
    client.force_login(facilitator)

    html = page_html(client.get(reverse("home")))

    for key in ("challenges", "drafts", "reviews", "exports", "networks", "test-sessions"):
        assert f'data-testid="home-{key}-count">7<' in html, key


def test_an_owner_sees_no_exports_section_but_an_empty_challenges_one(client, owner):
    client.force_login(owner)

    html = page_html(client.get(reverse("home")))

    assert 'data-testid="home-challenges-count">0<' in html
    assert 'data-testid="home-exports"' not in html
    assert 'data-testid="home-test-sessions"' not in html


def test_the_anonymous_home_page_has_no_personal_sections(client):
    html = page_html(client.get(reverse("home")))

    assert 'data-testid="home-' not in html


def test_home_queries_stay_constant(client, facilitator, outsider):
    give(facilitator, size=1)
    give(outsider, size=6)
    client.force_login(facilitator)
    small = count_queries(get_ok(client, reverse("home")))
    client.force_login(outsider)
    large = count_queries(get_ok(client, reverse("home")))

    assert_constant_queries(small, large, what="home page")


def test_each_list_section_reads_its_rows_and_count_in_one_query_without_the_long_texts(client, facilitator):
    give(facilitator, size=2)
    client.force_login(facilitator)

    statements = count_queries(get_ok(client, reverse("home"))).statements

    sessions = [sql for sql in statements if 'FROM "testsessions_testsession"' in sql]
    challenges = [sql for sql in statements if sql.split(" FROM ", 1)[-1].startswith('"challenges_challenge"')]
    assert len(sessions) == 1 and "OVER ()" in sessions[0]
    assert not any('"challenges_challenge"."stakes_html"' in sql for sql in challenges)


def test_my_challenges_and_my_drafts_are_read_in_one_query(client, facilitator):
    give(facilitator, size=2)
    client.force_login(facilitator)

    statements = count_queries(get_ok(client, reverse("home"))).statements

    challenges = [sql for sql in statements if '"challenges_challenge"' in sql.split(" FROM ", 1)[-1][:40]]
    assert len(challenges) == 1 and "PARTITION BY" in challenges[0]
    assert '"challenges_challenge"."stakes_html"' not in challenges[0]


def test_the_first_five_of_each_status_are_listed_newest_first(client, facilitator):
    mine = give(facilitator, size=7)
    client.force_login(facilitator)

    html = page_html(client.get(reverse("home")))

    for kind in ("published", "drafts"):
        listed = [c for c in mine[kind] if reverse("challenges:challenge_detail", args=[c.pk]) + '"' in html]
        assert len(listed) == 5, kind
    newest, oldest = mine["drafts"][-1], mine["drafts"][0]
    assert html.index(f">{escape(str(newest))}</a>") < html.index(f">{escape(str(mine['drafts'][-2]))}</a>")
    assert reverse("challenges:challenge_detail", args=[oldest.pk]) + '"' not in html


def test_who_facilitates_no_site_is_not_asked_about_sites_and_sees_their_stands_open_sessions(client, owner):
    site = SiteFactory()
    challenge = ChallengeFactory(site=site)
    TeamMembershipFactory(challenge=challenge, person=owner)
    StandFactory(challenge=challenge, session=SessionFactory(site=site, title="Ouverte", state=TestSession.State.OPEN))
    StandFactory(
        challenge=challenge, session=SessionFactory(site=site, title="Brouillon", state=TestSession.State.DRAFT)
    )
    StandFactory(challenge=challenge, session=SessionFactory(site=site, title="Fermée", state=TestSession.State.CLOSED))
    client.force_login(owner)

    log = count_queries(get_ok(client, reverse("home")))
    html = page_html(client.get(reverse("home")))

    assert not any("challenges_site_facilitators" in sql for sql in log.statements[1:])  # after the person's
    assert 'data-testid="home-test-sessions-count">1<' in html
    assert "Ouverte" in html and "Brouillon" not in html and "Fermée" not in html
    assert 'data-testid="home-challenges-count">1<' in html


def test_staff_still_see_the_draft_sessions_of_their_stands(client, staff):
    site = SiteFactory()
    challenge = ChallengeFactory(site=site)
    TeamMembershipFactory(challenge=challenge, person=staff)
    StandFactory(
        challenge=challenge, session=SessionFactory(site=site, title="Brouillon", state=TestSession.State.DRAFT)
    )
    client.force_login(staff)

    html = page_html(client.get(reverse("home")))

    assert 'data-testid="home-test-sessions-count">1<' in html and "Brouillon" in html


def test_a_network_line_shows_the_role_when_active_and_the_status_when_applied(client, owner):
    active = NetworkMembershipFactory(
        network=NetworkFactory(name="Réseau A"), person=owner, status=NetworkMembership.Status.ACTIVE
    )
    applied = NetworkMembershipFactory(
        network=NetworkFactory(name="Réseau B"), person=owner, status=NetworkMembership.Status.APPLIED
    )
    client.force_login(owner)

    html = page_html(client.get(reverse("home")))

    assert 'data-testid="home-networks-count">2<' in html
    assert f'Réseau A</a> <span class="text-body-secondary small">· {active.get_role_display()}</span>' in html
    assert f'Réseau B</a> <span class="text-body-secondary small">· {applied.get_status_display()}</span>' in html
    assert reverse("labs:network_detail", args=[applied.network_id]) in html


@pytest.mark.parametrize("facilitates_elsewhere", [False, True])
def test_a_team_members_test_session_links_to_a_page_they_may_open(client, owner, facilitator, facilitates_elsewhere):
    # The session's own page is for who runs it: a team member with a stand there gets the site's sessions instead.
    site = SiteFactory(facilitators=[facilitator])
    challenge = ChallengeFactory(site=site)
    TeamMembershipFactory(challenge=challenge, person=owner, role=TeamMembership.Role.OWNER)
    session = SessionFactory(site=site, title="Exposition des prototypes", state=TestSession.State.OPEN)
    StandFactory(session=session, challenge=challenge)
    if facilitates_elsewhere:
        SiteFactory(facilitators=[owner])

    for person, expected in (
        (owner, reverse("testsessions:site_sessions", args=[site.pk]) + f"#session-{session.pk}"),
        (facilitator, reverse("testsessions:session_detail", args=[session.pk])),
    ):
        client.force_login(person)
        html = page_html(client.get(reverse("home")))
        assert f'href="{expected}"' in html, person
        assert client.get(expected.partition("#")[0]).status_code == 200

    client.force_login(owner)
    assert f'id="session-{session.pk}"' in page_html(client.get(reverse("testsessions:site_sessions", args=[site.pk])))
