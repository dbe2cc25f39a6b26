"""The demo of issue 15: challenge 2's ideas (two retained), a grid trial on 8 of 15 challenges, a plan in progress,
a project not yet a challenge."""

from __future__ import annotations

import pytest

from challenges import demo as demo_challenges
from challenges import demo_idf
from challenges.models import AuditEntry, Idea, Site, SiteProgrammeItem
from grids import demo as demo_assessments
from grids.models import AccompanimentAction, AccompanimentPlan, GridTrial, Project, TrialVote
from grids.selectors import grid_trial_state, trial_summaries
from grids.services import trials as trial_services
from grids.services.grids import default_grid_ensure
from innovation.demo import load_people

pytestmark = pytest.mark.django_db


def test_the_demo_tells_the_method_loop_once():
    people = load_people()
    for _ in range(2):  # idempotent
        demo_challenges.load(people=people)
        demo_idf.load(people=people)
        demo_assessments.load(people=people)
    audit_count = AuditEntry.objects.count()
    demo_challenges.load(people=people)
    demo_idf.load(people=people)
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
    # Seed 000: « 8 des 15 défis », at the Île-de-France university where Défi 2's team wrote the grid
    assert (trial.site.place, len(summary.challenges), summary.site_challenge_count) == ("Île-de-France", 8, 15)
    assert summary.testers == 3
    assert summary.covers_both_kinds
    assert grid_trial_state(trials=[trial]) == "validated"
    assert TrialVote.objects.filter(verdict="revisit").count() == 1
    assert len(summary.to_revisit) == 1

    states = list(
        AccompanimentAction.objects.filter(plan__assessment__challenge__isnull=False)
        .order_by("step_position")
        .values_list("state", flat=True)
    )
    assert states[:2] == ["done", "doing"] and set(states[2:]) <= {"todo"}
    assert len(states) >= 3

    project = Project.objects.get(owner__email="porteur@demo.defis.fr")
    assessment = project.assessments.get()
    assert (project.challenge_id, assessment.status, assessment.verdict) == (None, "submitted", "rework")
    assert AccompanimentPlan.objects.filter(assessment=assessment).exists()


def test_an_older_demo_trial_on_the_rennes_site_moves_to_the_ile_de_france_one():
    people = load_people()
    demo_challenges.load(people=people)
    demo_idf.load(people=people)
    rennes = Site.objects.get(place="Rennes", edition__title=demo_challenges.EDITION_TITLE)
    grid = default_grid_ensure()
    facilitator = people["animateur@demo.defis.fr"]
    trial_services.trial_start(grid=grid, site=rennes, challenges=list(rennes.challenges.all()[:8]), by=facilitator)

    demo_assessments.load(people=people)

    assert list(GridTrial.objects.values_list("site__place", flat=True)) == ["Île-de-France"]
