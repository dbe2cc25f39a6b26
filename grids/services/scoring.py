"""Scoring of assessments: per-step scores, overall score, verdict, reasons and what to rework.

Public functions (stable names, used by reports and exports)
- ``assessment_result(*, assessment) -> AssessmentResult``: the result of one assessment
  (2 queries: the grid's steps and criteria, and the answers).
- ``assessment_results(*, assessments) -> dict[int, AssessmentResult]``: results of many
  assessments keyed by assessment id, in a constant number of queries.
- ``grid_spec(*, grid) -> GridSpec``: the scoring view of a grid version (one query).
- ``result_compute(*, grid, answers) -> AssessmentResult``: the pure computation, on a
  ``GridSpec`` and a mapping ``criterion_id -> AnswerValue`` (no database).

``AssessmentResult`` has
- ``steps``: one ``StepResult`` per step, in order: ``position``, ``title``, ``score``
  (0–100 float, or ``None`` when every criterion of the step is "not applicable"),
  ``weak`` (bool), ``guidance`` and ``shortfalls`` (the criteria that fell short, with their help);
- ``overall``: the mean of the step scores (0–100, ``None`` if no step has a score);
- ``verdict``: ``Assessment.Verdict.PUBLIC_ACTION`` ("relève de l'action publique") or
  ``Assessment.Verdict.REWORK`` ("à retravailler");
- ``reasons``: translated sentences explaining the verdict;
- ``weak_steps``: the steps to rework;
- ``as_stored()``: the JSON stored on ``Assessment.step_scores`` when submitted.

Rules
- A step's score is the weighted mean of its answered criteria's levels, normalised by the
  scale's top level: ``100 * Σ(weight × level / max_level) / Σ weight``. "Not applicable"
  criteria are left out; "don't know yet" and unanswered criteria count as the lowest level.
- Verdict "public action" when every mandatory criterion reaches the grid's ``pass_level``
  and every scored step reaches the grid's ``step_threshold``; otherwise "to rework".
- A criterion falls short when it is below ``pass_level`` (or unknown / unanswered).
  A step is weak when it is below the threshold or one of its mandatory criteria falls short.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from grids.models import Answer, Assessment, Criterion, Grid

NOT_APPLICABLE = Answer.Special.NOT_APPLICABLE.value
UNKNOWN = Answer.Special.UNKNOWN.value


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    text: str
    help: str
    weight: int
    mandatory: bool
    position: int = 0


@dataclass(frozen=True)
class StepSpec:
    id: int
    position: int
    title: str
    guidance: str
    criteria: tuple[CriterionSpec, ...]


@dataclass(frozen=True)
class GridSpec:
    id: int | None
    max_level: int
    pass_level: int
    step_threshold: int
    steps: tuple[StepSpec, ...]
    level_labels: tuple[str, ...] = ()

    def level_label(self, level: int | None) -> str:
        if level is None or not 0 <= level < len(self.level_labels):
            return ""
        return self.level_labels[level]


@dataclass(frozen=True)
class AnswerValue:
    level: int | None = None
    special: str = ""

    @property
    def is_answered(self) -> bool:
        return self.level is not None or self.special != ""


@dataclass(frozen=True)
class Shortfall:
    criterion_id: int
    text: str
    help: str
    mandatory: bool
    level: int | None
    special: str


@dataclass(frozen=True)
class StepResult:
    step_id: int
    position: int
    title: str
    score: float | None
    weak: bool
    guidance: str
    shortfalls: tuple[Shortfall, ...]


@dataclass(frozen=True)
class AssessmentResult:
    steps: tuple[StepResult, ...]
    overall: float | None
    verdict: str
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def weak_steps(self) -> tuple[StepResult, ...]:
        return tuple(step for step in self.steps if step.weak)

    @property
    def is_public_action(self) -> bool:
        return self.verdict == Assessment.Verdict.PUBLIC_ACTION

    def as_stored(self) -> list[dict[str, Any]]:
        return [{"position": s.position, "title": s.title, "score": s.score} for s in self.steps]


def _step_score(step: StepSpec, answers: Mapping[int, AnswerValue], max_level: int) -> float | None:
    total_weight = 0
    earned = 0.0
    for criterion in step.criteria:
        answer = answers.get(criterion.id, AnswerValue())
        if answer.special == NOT_APPLICABLE:
            continue
        total_weight += criterion.weight
        if answer.level is not None and max_level > 0:
            earned += criterion.weight * min(max(answer.level, 0), max_level) / max_level
    if total_weight == 0:
        return None
    return round(100 * earned / total_weight, 1)


def _falls_short(answer: AnswerValue, pass_level: int) -> bool:
    if answer.special == NOT_APPLICABLE:
        return False
    return answer.level is None or answer.level < pass_level


def result_compute(*, grid: GridSpec, answers: Mapping[int, AnswerValue]) -> AssessmentResult:
    """Score ``answers`` (criterion id → answer) against ``grid``. Pure: no database."""
    reasons: list[str] = []
    steps: list[StepResult] = []
    for step in grid.steps:
        score = _step_score(step, answers, grid.max_level)
        shortfalls = []
        mandatory_failed = False
        for criterion in step.criteria:
            answer = answers.get(criterion.id, AnswerValue())
            if criterion.mandatory and answer.special == NOT_APPLICABLE:
                mandatory_failed = True
                shortfalls.append(_shortfall(criterion, answer))
                reasons.append(
                    _("The mandatory criterion “%(criterion)s” cannot be “not applicable”.")
                    % {"criterion": criterion.text}
                )
            elif _falls_short(answer, grid.pass_level):
                shortfalls.append(_shortfall(criterion, answer))
                if criterion.mandatory:
                    mandatory_failed = True
                    reasons.append(
                        _("The mandatory criterion “%(criterion)s” is below “%(level)s”.")
                        % {"criterion": criterion.text, "level": grid.level_label(grid.pass_level) or grid.pass_level}
                    )
        below = score is not None and score < grid.step_threshold
        if below:
            reasons.append(
                _("Step %(position)s “%(title)s” scores %(score)s, below the threshold of %(threshold)s.")
                % {
                    "position": step.position,
                    "title": step.title,
                    "score": _number(score),
                    "threshold": grid.step_threshold,
                }
            )
        steps.append(
            StepResult(
                step_id=step.id,
                position=step.position,
                title=step.title,
                score=score,
                weak=below or mandatory_failed,
                guidance=step.guidance,
                shortfalls=tuple(shortfalls),
            )
        )
    scored = [step.score for step in steps if step.score is not None]
    overall = round(sum(scored) / len(scored), 1) if scored else None
    if reasons:
        verdict = Assessment.Verdict.REWORK.value
    else:
        verdict = Assessment.Verdict.PUBLIC_ACTION.value
        reasons.append(
            _("Every mandatory criterion reaches “%(level)s” and every step reaches %(threshold)s.")
            % {"level": grid.level_label(grid.pass_level) or grid.pass_level, "threshold": grid.step_threshold}
        )
    return AssessmentResult(steps=tuple(steps), overall=overall, verdict=verdict, reasons=tuple(reasons))


def _number(score: float) -> str:
    return formats.number_format(score, decimal_pos=0 if score == int(score) else 1, use_l10n=True)


def _shortfall(criterion: CriterionSpec, answer: AnswerValue) -> Shortfall:
    return Shortfall(
        criterion_id=criterion.id,
        text=criterion.text,
        help=criterion.help,
        mandatory=criterion.mandatory,
        level=answer.level,
        special=answer.special,
    )


def grid_spec(*, grid: Grid) -> GridSpec:
    """The scoring view of a grid version: one query for its criteria (with their steps)."""
    criteria = (
        Criterion.objects.filter(step__grid_id=grid.pk)
        .select_related("step")
        .order_by("step__position", "step_id", "position", "id")
    )
    return _spec_from_criteria(grid, list(criteria))


def _spec_from_criteria(grid: Grid, criteria: list[Criterion]) -> GridSpec:
    by_step: dict[int, list[Criterion]] = {}
    steps = {}
    for criterion in criteria:
        by_step.setdefault(criterion.step_id, []).append(criterion)
        steps[criterion.step_id] = criterion.step
    return GridSpec(
        id=grid.pk,
        max_level=grid.max_level,
        pass_level=grid.pass_level,
        step_threshold=grid.step_threshold,
        level_labels=tuple(str(level["label"]) for level in grid.levels),
        steps=tuple(
            StepSpec(
                id=step.pk,
                position=step.position,
                title=step.title,
                guidance=step.guidance,
                criteria=tuple(
                    CriterionSpec(
                        id=c.pk, text=c.text, help=c.help, weight=c.weight, mandatory=c.mandatory, position=c.position
                    )
                    for c in by_step[step.pk]
                ),
            )
            for step in steps.values()
        ),
    )


def answer_values(answers: Iterable[Answer]) -> dict[int, AnswerValue]:
    return {a.criterion_id: AnswerValue(level=a.level, special=a.special) for a in answers}


def assessment_result(
    *, assessment: Assessment, criteria: list[Criterion] | None = None, answers: Iterable[Answer] | None = None
) -> AssessmentResult:
    """The result of one assessment, computed on the grid version it was made on.

    ``criteria`` (of its grid, with their steps, in the grid's order) and ``answers`` (its own): when a page
    already read them; else two queries.
    """
    if answers is None:
        answers = Answer.objects.filter(assessment=assessment).only("criterion_id", "level", "special")
    return result_compute(
        grid=grid_spec(grid=assessment.grid) if criteria is None else _spec_from_criteria(assessment.grid, criteria),
        answers=answer_values(answers),
    )


def assessment_results(*, assessments: Iterable[Assessment]) -> dict[int, AssessmentResult]:
    """Results of many assessments (``select_related("grid")`` them), in two queries whatever their number."""
    assessments = list(assessments)
    if not assessments:
        return {}
    grids = {a.grid_id: a.grid for a in assessments}
    criteria_by_grid: dict[int, list[Criterion]] = {grid_id: [] for grid_id in grids}
    for criterion in (
        Criterion.objects.filter(step__grid_id__in=grids)
        .select_related("step")
        .order_by("step__grid_id", "step__position", "step_id", "position", "id")
    ):
        criteria_by_grid[criterion.step.grid_id].append(criterion)
    specs = {grid_id: _spec_from_criteria(grid, criteria_by_grid[grid_id]) for grid_id, grid in grids.items()}
    answers: dict[int, dict[int, AnswerValue]] = {a.pk: {} for a in assessments}
    for answer in Answer.objects.filter(assessment__in=[a.pk for a in assessments]).only(
        "assessment_id", "criterion_id", "level", "special"
    ):
        answers[answer.assessment_id][answer.criterion_id] = AnswerValue(level=answer.level, special=answer.special)
    return {a.pk: result_compute(grid=specs[a.grid_id], answers=answers[a.pk]) for a in assessments}
