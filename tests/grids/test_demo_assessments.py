"""The demo assessments on Rennes challenge 3: a submitted self-assessment, a draft re-assessment, a review."""

from __future__ import annotations

import pytest

from challenges import demo as demo_challenges
from grids import demo as demo_assessments
from grids.models import Answer, Assessment
from innovation.demo import load_people
from tests.challenges.factories import ChallengeFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


def test_without_the_demo_challenges_nothing_is_created():
    people = load_people()
    elsewhere = ChallengeFactory(number=3)  # the demo owner's, but not on the demo's Rennes site
    TeamMembershipFactory(challenge=elsewhere, person=people["porteur@demo.defis.fr"], role="owner")

    assert demo_assessments.load(people=people) is None
    assert not Assessment.objects.exists()


def test_the_demo_owner_scores_rennes_challenge_3_and_the_facilitator_reviews_it_idempotently():
    people = load_people()
    demo_challenges.load(people=people)

    first = demo_assessments.load(people=people)
    again = demo_assessments.load(people=people)

    challenge = demo_challenges.demo_rennes_challenge(number=3)
    assert first == again == challenge
    assert challenge.organisation.name == "Ville de Rennes" and "natation" in challenge.question
    owner = people["porteur@demo.defis.fr"]
    on_challenges = Assessment.objects.filter(challenge__isnull=False)  # the demo project's is apart
    kinds = sorted(on_challenges.values_list("challenge__number", "kind", "status", "assessor__email"))
    assert kinds == [
        (3, "facilitator", "submitted", "animateur@demo.defis.fr"),
        (3, "self", "draft", owner.email),
        (3, "self", "submitted", owner.email),
    ]
    first_self = Assessment.objects.get(challenge__isnull=False, kind="self", status="submitted")
    assert first_self.verdict == Assessment.Verdict.REWORK and first_self.step_scores
    assert Answer.objects.filter(assessment__status="draft").count() == 10


def test_nothing_is_scored_when_the_demo_owner_no_longer_owns_challenge_3():
    people = load_people()
    demo_challenges.load(people=people)
    challenge = demo_challenges.demo_rennes_challenge(number=3)
    challenge.team.filter(person=people["porteur@demo.defis.fr"]).update(role="contributor")

    assert demo_assessments.load(people=people) is None
    assert not Assessment.objects.exists()
