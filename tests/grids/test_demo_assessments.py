"""The demo assessments: a submitted self-assessment, a draft re-assessment and a facilitator review."""

from __future__ import annotations

import pytest

from grids import demo as demo_assessments
from grids.models import Answer, Assessment
from innovation.demo import load_people
from tests.challenges.factories import ChallengeFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


def test_without_a_demo_challenge_nothing_is_created():
    people = load_people()

    assert demo_assessments.load(people=people) is None
    assert not Assessment.objects.exists()


def test_the_demo_owner_gets_a_submitted_self_assessment_a_draft_and_a_facilitator_review_idempotently():
    people = load_people()
    challenge = ChallengeFactory()
    TeamMembershipFactory(challenge=challenge, person=people["porteur@demo.defis.fr"], role="owner")

    demo_assessments.load(people=people)
    demo_assessments.load(people=people)

    owner = people["porteur@demo.defis.fr"]
    kinds = sorted(Assessment.objects.filter(challenge=challenge).values_list("kind", "status", "assessor__email"))
    assert kinds == [
        ("facilitator", "submitted", "animateur@demo.defis.fr"),
        ("self", "draft", owner.email),
        ("self", "submitted", owner.email),
    ]
    first = Assessment.objects.get(kind="self", status="submitted")
    assert first.verdict == Assessment.Verdict.REWORK and first.step_scores
    assert Answer.objects.filter(assessment__status="draft").count() == 10
