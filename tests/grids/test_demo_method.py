"""The demo of issue 15: challenge 2's ideas (two retained), a grid trial on 8 challenges, a plan in progress."""

from __future__ import annotations

import pytest

from challenges import demo as demo_challenges
from challenges.models import AuditEntry, Idea, Site, SiteProgrammeItem
from grids import demo as demo_assessments
from grids.models import AccompanimentAction, GridTrial, TrialVote
from grids.selectors import grid_trial_state, trial_summaries
from innovation.demo import load_people

pytestmark = pytest.mark.django_db


def test_the_demo_tells_the_method_loop_once():
    people = load_people()
    for _ in range(2):  # idempotent
        demo_challenges.load(people=people)
        demo_assessments.load(people=people)
    audit_count = AuditEntry.objects.count()
    demo_challenges.load(people=people)
    demo_assessments.load(people=people)

    assert AuditEntry.objects.count() == audit_count
    rennes = Site.objects.get(place="Rennes", edition__title=demo_challenges.EDITION_TITLE)
    assert rennes.participant_count == 200
    assert set(SiteProgrammeItem.objects.filter(site=rennes).values_list("kind", flat=True)) == {
        "talk",
        "mini_talk",
        "feedback",
        "exhibition",
    }
    ideas = list(Idea.objects.filter(challenge__site=rennes, challenge__number=2).order_by("position"))
    assert [idea.retained for idea in ideas] == [True, True, False]
    assert not any(idea.confirmed_at for idea in ideas)

    trial = GridTrial.objects.get()
    summary = trial_summaries(trials=[trial])[0]
    assert (len(summary.challenges), summary.site_challenge_count) == (8, 14)
    assert summary.covers_both_kinds
    assert grid_trial_state(trials=[trial]) == "validated"
    assert TrialVote.objects.filter(verdict="revisit").count() == 1
    assert len(summary.to_revisit) == 1

    states = list(AccompanimentAction.objects.order_by("step_position").values_list("state", flat=True))
    assert states[:2] == ["done", "doing"] and set(states[2:]) <= {"todo"}
    assert len(states) >= 3
