"""Factories and builders for grids and assessments (issue 4)."""

from __future__ import annotations

from collections.abc import Sequence

import factory
from django.utils import timezone

from grids.models import Answer, Assessment, Criterion, Grid, GridStep
from tests.challenges.factories import ChallengeFactory
from tests.factories import UserFactory


class GridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grid

    title = factory.Sequence(lambda n: f"Grille {n}")
    pass_level = 2
    step_threshold = 50


class GridStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GridStep

    grid = factory.SubFactory(GridFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Étape {n}")
    purpose = "Comprendre."
    guidance = "Retravaillez cette étape."


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    step = factory.SubFactory(GridStepFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Critère {n}")
    help = factory.Sequence(lambda n: f"Aide du critère {n}")
    weight = 1
    mandatory = False


def grid_build(criteria_per_step: Sequence[int] = (2, 2, 2, 2, 2), *, mandatory_first: bool = True, **fields) -> Grid:
    """A grid with ``len(criteria_per_step)`` steps; the first criterion of step 1 is mandatory."""
    grid = GridFactory(**fields)
    for step_position, count in enumerate(criteria_per_step, start=1):
        step = GridStepFactory(grid=grid, position=step_position, title=f"Étape {step_position}")
        for position in range(1, count + 1):
            CriterionFactory(
                step=step,
                position=position,
                text=f"Critère {step_position}.{position}",
                mandatory=mandatory_first and step_position == 1 and position == 1,
            )
    return grid


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    challenge = factory.SubFactory(ChallengeFactory)
    grid = factory.SubFactory(GridFactory)
    assessor = factory.SubFactory(UserFactory)
    kind = Assessment.Kind.SELF


def criteria_of(grid: Grid) -> list[Criterion]:
    return list(Criterion.objects.filter(step__grid=grid).order_by("step__position", "position"))


def answer_all(assessment: Assessment, level: int = 3, justification: str = "Parce que.") -> None:
    Answer.objects.bulk_create(
        Answer(assessment=assessment, criterion=c, level=level, justification=justification)
        for c in criteria_of(assessment.grid)
    )


def submitted(assessment: Assessment, *, level: int = 3) -> Assessment:
    """Answer every criterion at ``level`` and submit through the service."""
    from grids.services.assessments import assessment_submit

    answer_all(assessment, level=level)
    return assessment_submit(assessment=assessment, by=assessment.assessor, at=timezone.now())
