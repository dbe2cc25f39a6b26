"""The personas' world of test sessions, on top of the challenges' one (tests/challenges/conftest.py).

``sessions`` adds to ``world``:
- ``session``: open, on ``site``; ``stand`` shows ``challenge`` (owner, contributor), ``stand2`` challenge 3
  (no team), which already has one anonymous ``feedback``; ``debrief``: the team's debrief of ``stand``;
- ``draft_session``: a draft on ``site`` with ``draft_stand`` (challenge 4); challenge 6, in the test phase,
  has no stand yet;
- ``other_session``: open, on ``other_site`` (not the facilitator's), with ``other_stand``.
"""

import pytest

from challenges.models import Challenge
from tests.challenges.conftest import world  # noqa: F401
from tests.challenges.factories import ChallengeFactory
from tests.testsessions.factories import DebriefFactory, FeedbackFactory, SessionFactory, StandFactory
from testsessions.models import TestSession


@pytest.fixture
def sessions(world):  # noqa: F811 - the fixture imported above
    site = world["site"]
    session = SessionFactory(site=site)
    stand = StandFactory(session=session, challenge=world["challenge"])
    stand2 = StandFactory(session=session, challenge=ChallengeFactory(site=site, number=3))
    feedback = FeedbackFactory(stand=stand2)
    debrief = DebriefFactory(session=session, challenge=world["challenge"])
    draft_session = SessionFactory(site=site, state=TestSession.State.DRAFT, title="Répétition")
    draft_stand = StandFactory(
        session=draft_session, challenge=ChallengeFactory(site=site, number=4, phase=Challenge.Phase.PROTOTYPE)
    )
    # In the test phase and without a stand: what opening stands in bulk picks up.
    ChallengeFactory(site=site, number=6, phase=Challenge.Phase.TEST)
    other_site = world["other_site"]
    other_session = SessionFactory(site=other_site)
    other_stand = StandFactory(session=other_session, challenge=ChallengeFactory(site=other_site, number=2))
    return {
        **world,
        "session": session,
        "stand": stand,
        "stand2": stand2,
        "feedback": feedback,
        "debrief": debrief,
        "draft_session": draft_session,
        "draft_stand": draft_stand,
        "other_session": other_session,
        "other_stand": other_stand,
    }
