"""The test section of the site and edition reports: each session that took place, its coverage and its
debriefs, read in a fixed number of queries (the wiring into reports/ is the report builders' part)."""

from __future__ import annotations

import pytest

from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.helpers.queries import assert_constant_queries, count_queries
from tests.testsessions.factories import DebriefFactory, FeedbackFactory, SessionFactory, StandFactory
from testsessions import selectors
from testsessions.models import Feedback, FeedbackQuestion, TestSession

pytestmark = pytest.mark.django_db


def _site_with_sessions(place: str, edition=None, sessions: int = 1):
    site = SiteFactory(place=place, **({"edition": edition} if edition else {}))
    for index in range(sessions):
        session = SessionFactory(site=site, title=f"Exposition {index + 1}")
        stands = [
            StandFactory(session=session, challenge=ChallengeFactory(site=site, number=index * 10 + n))
            for n in (1, 2, 3)
        ]
        FeedbackFactory(stand=stands[0], visiting_challenge=stands[1].challenge)
        FeedbackFactory(stand=stands[0])
        DebriefFactory(session=session, challenge=stands[0].challenge, outcome="validated")
        DebriefFactory(session=session, challenge=stands[1].challenge, outcome="to_rework")
    SessionFactory(site=site, state=TestSession.State.DRAFT, title="Brouillon")  # not in a report
    return site


def test_a_site_summary_has_each_session_s_coverage_and_debriefs():
    site = _site_with_sessions("Rennes")

    [summary] = selectors.site_test_summary(site=site)

    assert summary.session.title == "Exposition 1"
    assert summary.stand_count == 3 and summary.coverage.visits == 2
    assert [stand.label for stand in summary.coverage.unvisited] == ["Défi 2", "Défi 3"]
    assert [(team.label, team.visited, team.of) for team in summary.coverage.teams][:2] == [
        ("Défi 1", 0, 2),
        ("Défi 2", 1, 2),
    ]
    assert (summary.validated, summary.to_rework) == (1, 1)


def test_an_edition_summary_groups_the_sessions_by_site():
    rennes = _site_with_sessions("Rennes")
    _site_with_sessions("Cluny", edition=rennes.edition, sessions=2)

    grouped = selectors.edition_test_summary(edition=rennes.edition)

    assert [(site.place, [s.session.title for s in summaries]) for site, summaries in grouped] == [
        ("Cluny", ["Exposition 1", "Exposition 2"]),
        ("Rennes", ["Exposition 1"]),
    ]


def test_the_summaries_take_as_many_queries_for_many_sessions_as_for_one():
    small = _site_with_sessions("Rennes", sessions=1)
    large = _site_with_sessions("Cluny", sessions=8)

    logs = [count_queries(lambda site=site: selectors.site_test_summary(site=site)) for site in (small, large)]

    assert_constant_queries(*logs, what="a site's test summary")


def test_an_average_and_a_share_round_half_up_as_people_do():
    """5, 3, 1 and 4 average 3.25: people read 3,3 (Python's round gives 3.2); 1 of 8 is 12.5 %: 13 %."""
    scale = FeedbackQuestion(key="clarity", kind=FeedbackQuestion.Kind.SCALE, text="Claires ?", scale_max=5)
    choice = FeedbackQuestion(
        key="relevance",
        kind=FeedbackQuestion.Kind.CHOICE,
        text="Pertinent ?",
        choices=[{"value": "yes", "label": "Oui"}, {"value": "no", "label": "Non"}],
    )
    feedback = [Feedback(answers={"clarity": level}) for level in (5, 3, 1, 4)]
    feedback += [Feedback(answers={"relevance": "yes" if index else "no"}) for index in range(8)]

    clarity, relevance = selectors.feedback_summaries(questions=[scale, choice], feedback=feedback)

    assert clarity.average == 3.3
    assert [(bar.label, bar.percent) for bar in relevance.bars] == [("Oui", 88), ("Non", 13)]
