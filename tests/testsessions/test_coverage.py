"""Two-way coverage (stands received, teams gave) and least-visited routing, on hand-built visits."""

from __future__ import annotations

import pytest
from django.utils import translation

from challenges.models import TeamMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import UserFactory
from tests.testsessions.factories import FeedbackFactory, SessionFactory, StandFactory
from testsessions import selectors
from testsessions.selectors import StandRef, Visit, coverage_compute, least_visited

# Four stands: challenges 11, 12, 13, 14 (their ids), and a team without a stand: challenge 15.
STANDS = [StandRef(1, 11, "Défi 1"), StandRef(2, 12, "Défi 2"), StandRef(3, 13, "Défi 3"), StandRef(4, 14, "Défi 4")]
TEAMS = {11: "Défi 1", 12: "Défi 2", 13: "Défi 3", 14: "Défi 4", 15: "Défi 5"}


def test_each_stand_counts_its_visits_and_the_distinct_teams_that_came():
    # Given stand 1 visited twice by team 12, once by team 13 and by two anonymous testers
    visits = [Visit(1, 12), Visit(1, 12), Visit(1, 13), Visit(1, None), Visit(1, None), Visit(2, 11)]

    coverage = coverage_compute(stands=STANDS, visits=visits, teams=TEAMS)

    by_stand = {stand.stand_id: stand for stand in coverage.stands}
    assert (by_stand[1].visits, by_stand[1].visiting_teams) == (5, 2)
    assert (by_stand[2].visits, by_stand[2].visiting_teams) == (1, 1)
    assert coverage.visits == 6
    # Most visited first; stands 3 and 4 nobody visited, in their order
    assert [stand.stand_id for stand in coverage.stands] == [1, 2, 3, 4]
    assert [stand.label for stand in coverage.unvisited] == ["Défi 3", "Défi 4"]


def test_each_team_visited_n_of_the_other_stands():
    # Given team 12 visited stands 1 and 3 (stand 1 twice: two members), team 15 (no stand) visited all four
    visits = [Visit(1, 12), Visit(1, 12), Visit(3, 12), *[Visit(stand, 15) for stand in (1, 2, 3, 4)]]

    coverage = coverage_compute(stands=STANDS, visits=visits, teams=TEAMS)

    teams = {team.challenge_id: (team.visited, team.of) for team in coverage.teams}
    # A team with a stand is measured against the three others; a team without one against all four
    assert teams == {11: (0, 3), 12: (2, 3), 13: (0, 3), 14: (0, 3), 15: (4, 4)}
    assert coverage.team(12).percent == 67


def test_a_visit_of_a_teams_own_stand_counts_as_a_visit_but_not_as_coverage():
    coverage = coverage_compute(stands=STANDS, visits=[Visit(2, 12, count=3)], teams=TEAMS)

    assert coverage.stands[0].visits == 3
    assert coverage.stands[0].visiting_teams == 0
    assert coverage.team(12).visited == 0


def test_counted_visits_add_up_like_single_ones():
    single = coverage_compute(stands=STANDS, visits=[Visit(3, 11)] * 4 + [Visit(3, None)] * 2, teams=TEAMS)
    counted = coverage_compute(stands=STANDS, visits=[Visit(3, 11, count=4), Visit(3, None, count=2)], teams=TEAMS)

    assert [(s.stand_id, s.visits, s.visiting_teams) for s in single.stands] == [
        (s.stand_id, s.visits, s.visiting_teams) for s in counted.stands
    ]
    assert single.team(11).visited == counted.team(11).visited == 1


def test_the_seed_000_figure_eight_of_fifteen():
    # Given 16 stands (the team's own and 15 others) and its members' visits of 8 others, some twice
    stands = [StandRef(n, 100 + n, f"Défi {n}") for n in range(1, 17)]
    visits = [Visit(n, 102) for n in (1, 3, 4, 5, 6, 7, 8, 9)] + [Visit(3, 102), Visit(4, 102)]

    coverage = coverage_compute(stands=stands, visits=visits, teams={102: "Défi 2"})

    assert (coverage.team(102).visited, coverage.team(102).of) == (8, 15)


def test_least_visited_leaves_out_what_is_excluded_and_takes_the_emptiest():
    counts = {1: 5, 2: 0, 3: 2, 4: 0, 5: 1}

    chosen = least_visited(counts=counts, exclude={4}, seed="tester-a", limit=3)

    assert chosen == [2, 5, 3]


def test_testers_leaving_the_same_stand_are_spread_over_equally_empty_stands():
    counts = dict.fromkeys(range(1, 11), 0)

    firsts = {least_visited(counts=counts, seed=f"browser-{n}", limit=1)[0] for n in range(40)}

    # Every tester is sent to an unvisited stand, but not all to the same one; and a tester's order is stable
    assert len(firsts) > 3
    assert least_visited(counts=counts, seed="x", limit=4) == least_visited(counts=counts, seed="x", limit=4)


@pytest.mark.django_db
def test_session_coverage_reads_the_visits_from_the_feedback_rows():
    # Given a session with stands for challenges 1, 2, 3 and hand-built feedback
    site = SiteFactory()
    session = SessionFactory(site=site)
    stands = [StandFactory(session=session, challenge=ChallengeFactory(site=site, number=n)) for n in (1, 2, 3)]
    team4 = ChallengeFactory(site=site, number=4)  # a team without a stand
    FeedbackFactory(stand=stands[0], visiting_challenge=stands[1].challenge)
    FeedbackFactory(stand=stands[0], visiting_challenge=stands[1].challenge)
    FeedbackFactory(stand=stands[0], visiting_challenge=team4)
    FeedbackFactory(stand=stands[1])
    FeedbackFactory(stand=stands[1], hidden=True)  # hidden by a facilitator: out of every count

    coverage = selectors.session_coverage(session=session)

    assert [(s.label, s.visits, s.visiting_teams) for s in coverage.stands] == [
        ("Défi 1", 3, 2),
        ("Défi 2", 1, 0),
        ("Défi 3", 0, 0),
    ]
    assert [(t.label, t.visited, t.of) for t in coverage.teams] == [
        ("Défi 1", 0, 2),
        ("Défi 2", 1, 2),
        ("Défi 3", 0, 2),
        ("Défi 4", 1, 3),
    ]
    with translation.override("en"):  # a team is named in the page's language
        assert [t.label for t in selectors.session_coverage(session=session).teams][-1] == "Challenge 4"


@pytest.mark.django_db
def test_the_thank_you_page_suggests_the_least_visited_stands_the_tester_has_not_done():
    # Given five stands with 3, 0, 1, 0, 2 visits, and a tester on challenge 4's team
    site = SiteFactory()
    session = SessionFactory(site=site)
    stands = [StandFactory(session=session, challenge=ChallengeFactory(site=site, number=n)) for n in range(1, 6)]
    for stand, visits in zip(stands, (3, 0, 1, 0, 2), strict=True):
        for _ in range(visits):
            FeedbackFactory(stand=stand)
    tester = UserFactory()
    TeamMembershipFactory(challenge=stands[3].challenge, person=tester, role=TeamMembership.Role.CONTRIBUTOR)
    FeedbackFactory(stand=stands[0], tester=tester, browser_key="")  # they just answered on stand 1

    suggested = selectors.stands_to_visit_next(stand=stands[0], tester=tester, browser_key="")

    # Not stand 1 (done), nor stand 4 (their own team's): the emptiest others first
    assert [stand.label for stand in suggested] == ["Défi 2", "Défi 3", "Défi 5"]


@pytest.mark.django_db
def test_an_anonymous_tester_is_not_sent_back_to_stands_they_answered():
    site = SiteFactory()
    session = SessionFactory(site=site)
    stands = [StandFactory(session=session, challenge=ChallengeFactory(site=site, number=n)) for n in range(1, 5)]
    FeedbackFactory(stand=stands[1], browser_key="my-browser-key-0001")
    FeedbackFactory(stand=stands[2], browser_key="my-browser-key-0001")

    suggested = selectors.stands_to_visit_next(stand=stands[1], tester=None, browser_key="my-browser-key-0001")

    # Stands 1 and 4, both unvisited: their order depends on the tester's key
    assert sorted(stand.label for stand in suggested) == ["Défi 1", "Défi 4"]
