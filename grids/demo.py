"""Demo assessments: the demo owner's challenge scored against the default grid (idempotent).

``load(people=...)`` runs after the demo challenges are created: on challenge 3 of the Rennes
site (the swimming-school registrations), which the owner demo login (porteur@demo.defis.fr)
owns, they get a self-assessment submitted a month ago and a draft re-assessment in progress,
and animateur@demo.defis.fr a submitted facilitator review. Without that challenge, or if the
demo owner does not own it, it does nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from challenges.demo import demo_rennes_challenge
from challenges.models import Challenge, TeamMembership
from grids.models import Answer, Assessment, Criterion
from grids.services import assessments as services
from grids.services.grids import default_grid_ensure
from innovation.models import User

OWNER_EMAIL = "porteur@demo.defis.fr"
OWNER_CHALLENGE_NUMBER = 3
FACILITATOR_EMAIL = "animateur@demo.defis.fr"

# Levels per step (1 to 5) and criterion, for the first self-assessment, the re-assessment and the review.
FIRST = [[1, 1, 0, 1], [1, 0, 0, 1], [2, 1, 1], [1, 0, 0, 0], [0, 0, 0, 1]]
AGAIN = [[3, 2, 2, 2], [2, 2, 1, 1], [2, 2, 2], [2, 2, 1, 1], [1, 1, 1, 1]]
REVIEW = [[1, 2, 1, 2], [2, 1, 0, 1], [1, 1, 1], [1, 0, 0, 0], [0, 0, 1, 0]]


def _answer(*, assessment: Assessment, levels: list[list[int]], text: str, limit: int | None = None) -> None:
    criteria = list(Criterion.objects.filter(step__grid=assessment.grid).select_related("step"))
    criteria.sort(key=lambda c: (c.step.position, c.position))
    for index, criterion in enumerate(criteria):
        if limit is not None and index >= limit:
            break
        row = levels[criterion.step.position - 1] if criterion.step.position <= len(levels) else []
        level = row[criterion.position - 1] if criterion.position <= len(row) else 1
        Answer.objects.update_or_create(
            assessment=assessment,
            criterion=criterion,
            defaults={"level": level, "special": "", "justification": text},
        )


@transaction.atomic
def load(*, people: dict[str, User]) -> Challenge | None:
    owner = people.get(OWNER_EMAIL)
    if owner is None:
        return None
    challenge = demo_rennes_challenge(number=OWNER_CHALLENGE_NUMBER)
    if (
        challenge is None
        or not TeamMembership.objects.filter(challenge=challenge, person=owner, role=TeamMembership.Role.OWNER).exists()
    ):
        return None
    grid = default_grid_ensure()
    mine = Assessment.objects.filter(challenge=challenge, assessor=owner, kind=Assessment.Kind.SELF)
    if not mine.filter(status=Assessment.Status.SUBMITTED).exists():
        first = Assessment.objects.create(challenge=challenge, grid=grid, assessor=owner, kind=Assessment.Kind.SELF)
        _answer(
            assessment=first,
            levels=FIRST,
            text="Premier regard de l’équipe, avant l’université d’été.",
        )
        services.assessment_submit(assessment=first, by=owner, at=timezone.now() - timedelta(days=30))
    if not mine.filter(status=Assessment.Status.DRAFT).exists():
        again = services.assessment_start(challenge=challenge, by=owner, grid=grid)
        _answer(
            assessment=again,
            levels=AGAIN,
            text="Après les entretiens avec les familles et le test du prototype.",
            limit=10,
        )
    facilitator = people.get(FACILITATOR_EMAIL)
    if (
        facilitator is not None
        and not Assessment.objects.filter(
            challenge=challenge, assessor=facilitator, kind=Assessment.Kind.FACILITATOR
        ).exists()
    ):
        review = services.review_start(challenge=challenge, by=facilitator, grid=grid)
        _answer(assessment=review, levels=REVIEW, text="Relecture du facilitateur après la séance de test.")
        services.assessment_submit(assessment=review, by=facilitator, at=timezone.now() - timedelta(days=20))
    return challenge
