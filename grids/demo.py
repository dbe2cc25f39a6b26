"""Demo assessments: the demo owner's challenge scored against the default grid (idempotent).

``load(people=...)`` runs after the demo challenges are created: on challenge 3 of the Rennes
site (the swimming-school registrations), which the owner demo login (porteur@demo.defis.fr)
owns, they get a self-assessment submitted a month ago and a draft re-assessment in progress,
and animateur@demo.defis.fr a submitted facilitator review. Without that challenge, or if the
demo owner does not own it, it does nothing. Issue 15: the default grid's trial on 8 of the 15
challenges of the Île-de-France university (``challenges/demo_idf.py``), an accompaniment plan in
progress, and the owner's project not yet a challenge, self-assessed once with its plan.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from challenges.demo import demo_rennes_challenge
from challenges.demo_idf import DEFI_2, DEFI_2_TEAM, IDF_TRIED, demo_idf_site
from challenges.models import Challenge, TeamMembership
from grids.models import AccompanimentAction, Answer, Assessment, Criterion, GridTrial, Project
from grids.services import accompaniment as accompaniment_services
from grids.services import assessments as services
from grids.services import projects as project_services
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

# Issue 15. The grid's trial, where seed 000 tells it: at the Île-de-France university (challenges/demo_idf.py),
# tried on 8 of its 15 challenges, digital and not, by Défi 2's team; one criterion to revisit, then validated.
TRIAL_REVISIT_COMMENT = "Dire explicitement que le projet associe ses usagers, sinon il ne peut pas être accompagné."
TRIAL_CONCLUSION = (
    "Les critères sont jugés pertinents. Ils valent pour tous les défis, numériques ou non. "
    "Un projet n’est accompagné au titre de l’action publique que s’il associe ses usagers : "
    "le critère correspondant sera précisé dans la prochaine version."
)


# Issue 15: a project assessed before it is a challenge (seed 000: the loop makes some project owners challenge
# owners). The owner's, of their city; the facilitator may turn it into a challenge of a site.
PROJECT_TITLE = "Un guichet unique pour les associations du quartier"
PROJECT_DESCRIPTION = (
    "Les associations du quartier font leurs demandes (salles, subventions, matériel) à trois services "
    "différents. Le projet veut un seul point d’entrée, en ligne et à la mairie de quartier."
)
PROJECT_LEVELS = [[2, 1, 1, 1], [1, 1, 0, 1], [1, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0]]


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
        _trial(grid=grid, facilitator=facilitator)
        _plan(challenge=challenge, owner=owner, facilitator=facilitator)
    _project(owner=owner, grid=grid)
    return challenge


def _trial(*, grid, facilitator: User) -> None:
    """The default grid tried on 8 of the 15 Île-de-France challenges, voted by Défi 2's team, validated (once)."""
    site = demo_idf_site()
    if site is None:
        return
    # An older demo had put the trial on the Rennes site, which has 14 challenges: it moves to its true site.
    GridTrial.objects.filter(grid=grid, started_by=facilitator).exclude(site=site).delete()
    if GridTrial.objects.filter(grid=grid, site=site).exists():
        return
    tried = list(Challenge.objects.filter(site=site, number__in=IDF_TRIED).order_by("number"))
    trial = trial_services.trial_start(grid=grid, site=site, challenges=tried, by=facilitator)
    team = {email: index for index, (email, *_rest) in enumerate(DEFI_2_TEAM)}
    testers = sorted(
        (
            membership.person
            for membership in TeamMembership.objects.filter(challenge__site=site, challenge__number=DEFI_2)
            .select_related("person")
            .filter(person__email__in=team)
        ),
        key=lambda person: team[person.email],
    )
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


def _project(*, owner: User, grid) -> Project:
    """The owner's project of their city, not a challenge yet: self-assessed once (« à retravailler »), with a plan."""
    project = Project.objects.filter(owner=owner, title=PROJECT_TITLE).first()
    if project is None:
        project = project_services.project_create(owner=owner, title=PROJECT_TITLE, description=PROJECT_DESCRIPTION)
    if not project.assessments.exists():
        assessment = services.project_assessment_start(project=project, by=owner, grid=grid)
        _answer(assessment=assessment, levels=PROJECT_LEVELS, text="Premier regard sur le projet, avant d’en parler.")
        assessment = services.assessment_submit(assessment=assessment, by=owner, at=timezone.now() - timedelta(days=10))
        if assessment.verdict == Assessment.Verdict.REWORK:
            accompaniment_services.plan_start(assessment=assessment, by=owner)
    return project


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
