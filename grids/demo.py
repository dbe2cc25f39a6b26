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
from grids.models import AccompanimentAction, Answer, Assessment, Criterion, GridTrial
from grids.services import accompaniment as accompaniment_services
from grids.services import assessments as services
from grids.services import trials as trial_services
from grids.services.grids import default_grid_ensure
from innovation.models import User

OWNER_EMAIL = "porteur@demo.defis.fr"
OWNER_CHALLENGE_NUMBER = 3
FACILITATOR_EMAIL = "animateur@demo.defis.fr"

# Levels per step (1 to 5) and criterion, for the first self-assessment, the re-assessment and the review.
FIRST = [[1, 1, 0, 1], [1, 0, 0, 1], [2, 1, 1], [1, 0, 0, 0], [0, 0, 0, 1]]
AGAIN = [[3, 2, 2, 2], [2, 2, 1, 1], [2, 2, 2], [2, 2, 1, 1], [1, 1, 1, 1]]
REVIEW = [[1, 2, 1, 2], [2, 1, 0, 1], [1, 1, 1], [1, 0, 0, 0], [0, 0, 1, 0]]

# Issue 15. The grid's trial: tried on 8 of the site's challenges, digital and not (seed 000: « 8 des 15 défis »
# at its own site; the demo's Rennes site has 14), voted relevant, one criterion to revisit, then validated.
TRIAL_CHALLENGES = (1, 2, 3, 4, 6, 11, 13, 14)
TRIAL_REVISIT_COMMENT = "Dire explicitement que le projet associe ses usagers, sinon il ne peut pas être accompagné."
TRIAL_CONCLUSION = (
    "Les critères sont jugés pertinents. Ils valent pour tous les défis, numériques ou non. "
    "Un projet n’est accompagné au titre de l’action publique que s’il associe ses usagers : "
    "le critère correspondant sera précisé dans la prochaine version."
)


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
    if facilitator is not None:
        _trial(challenge=challenge, grid=grid, facilitator=facilitator)
        _plan(challenge=challenge, owner=owner, facilitator=facilitator)
    return challenge


def _trial(*, challenge: Challenge, grid, facilitator: User) -> None:
    """The default grid tried on 8 Rennes challenges, voted by their owners, validated (once)."""
    if GridTrial.objects.filter(grid=grid, site=challenge.site).exists():
        return
    tried = list(Challenge.objects.filter(site=challenge.site, number__in=TRIAL_CHALLENGES).order_by("number"))
    trial = trial_services.trial_start(grid=grid, site=challenge.site, challenges=tried, by=facilitator)
    testers = [facilitator] + [
        membership.person
        for membership in TeamMembership.objects.filter(challenge__in=tried, role=TeamMembership.Role.OWNER)
        .select_related("person")
        .order_by("challenge__number")[:3]
    ]
    criteria = list(
        Criterion.objects.filter(step__grid=grid).select_related("step").order_by("step__position", "position")
    )
    for index, tester in enumerate(testers):
        for criterion in criteria:
            revisit = index == 1 and criterion == criteria[0]
            trial_services.trial_vote(
                trial=trial,
                tester=tester,
                criterion=criterion,
                verdict="revisit" if revisit else "relevant",
                comment=TRIAL_REVISIT_COMMENT if revisit else "",
            )
    trial_services.trial_conclude(trial=trial, by=facilitator, conclusion=TRIAL_CONCLUSION, validated=True)


def _plan(*, challenge: Challenge, owner: User, facilitator: User) -> None:
    """An accompaniment plan in progress after the owner's first self-assessment (« à retravailler »)."""
    first = (
        Assessment.objects.filter(
            challenge=challenge, assessor=owner, status=Assessment.Status.SUBMITTED, verdict=Assessment.Verdict.REWORK
        )
        .order_by("submitted_at")
        .first()
    )
    if first is None or hasattr(first, "accompaniment_plan"):
        return
    plan = accompaniment_services.plan_start(assessment=first, by=facilitator)
    today = timezone.localdate()
    states = [AccompanimentAction.State.DONE, AccompanimentAction.State.DOING]
    for index, action in enumerate(plan.actions.order_by("step_position")):
        accompaniment_services.action_update(
            action=action,
            by=facilitator,
            text=action.text,
            assignee=owner,
            due_on=today + timedelta(days=3 if index == 1 else 14 * index),
            state=states[index] if index < len(states) else AccompanimentAction.State.PENDING,
        )
