"""Read queries of grids and assessments. Each page's queries stay constant whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from challenges.models import Challenge, Site
from grids.models import Answer, Assessment, Criterion, Grid, GridStep
from innovation.home import ENTRIES_SHOWN, HomeEntry, HomeSection
from innovation.models import User

# --- Grids ------------------------------------------------------------------


def grid_scope(*, user: User) -> QuerySet[Grid]:
    """Every grid version: who may read or change which is said by ``grids.rules``."""
    return Grid.objects.select_related("organisation", "lab")


def step_scope(*, user: User) -> QuerySet[GridStep]:
    return GridStep.objects.select_related("grid")


def criterion_scope(*, user: User) -> QuerySet[Criterion]:
    return Criterion.objects.select_related("step__grid")


def grids_current() -> QuerySet[Grid]:
    """The current version of every grid, with its number of steps and criteria and whether it was used."""
    return (
        Grid.objects.filter(is_current=True)
        .select_related("organisation", "lab")
        .annotate(
            step_count=Count("steps", distinct=True),
            criterion_count=Count("steps__criteria", distinct=True),
        )
    )


def grid_versions(*, grid: Grid) -> QuerySet[Grid]:
    return Grid.objects.filter(lineage=grid.lineage).annotate(use_count=Count("assessments")).order_by("-version")


def grid_steps_with_criteria(*, grid: Grid) -> list[GridStep]:
    return list(
        GridStep.objects.filter(grid=grid)
        .order_by("position", "id")
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position", "id")))
    )


# --- Assessments ------------------------------------------------------------


def assessments_visible_to(*, user: User) -> QuerySet[Assessment]:
    """One's own assessments, and the submitted assessments of the challenges one follows.

    Following a challenge: its team, its site's facilitators, staff. A draft is seen by its
    assessor only; a peer reviewer sees only what they were assigned. Outside: 404.
    """
    if not user.is_authenticated:
        return Assessment.objects.none()
    if user.is_staff:
        followed = Q(status=Assessment.Status.SUBMITTED)
    else:
        followed = Q(status=Assessment.Status.SUBMITTED) & (
            Q(challenge__team__person=user) | Q(challenge__site__facilitators=user)
        )
    return Assessment.objects.filter(
        pk__in=Assessment.objects.filter(Q(assessor=user) | followed).values("pk")
    ).select_related("challenge", "challenge__site", "grid", "assessor")


def assessments_of_challenge(*, challenge: Challenge, user: User) -> list[Assessment]:
    return list(assessments_visible_to(user=user).filter(challenge=challenge).order_by("-created_at", "-id"))


def my_assessments(*, user: User) -> list[Assessment]:
    return list(
        Assessment.objects.filter(assessor=user)
        .select_related("challenge", "challenge__site", "grid", "assessor")
        .order_by("status", "-updated_at", "-id")
    )


@dataclass
class CriterionRow:
    criterion: Criterion
    answer: Answer | None
    error: str = ""
    value: str = ""
    justification: str = ""


@dataclass
class StepRows:
    step: GridStep
    rows: list[CriterionRow] = field(default_factory=list)


def assessment_form_rows(
    *, assessment: Assessment, posted: dict[int, tuple[str, str]] | None = None, errors: dict[int, str] | None = None
) -> list[StepRows]:
    """The grid's steps and criteria with the saved answers (two queries), or the posted values on error."""
    answers = {a.criterion_id: a for a in Answer.objects.filter(assessment=assessment)}
    steps: dict[int, StepRows] = {}
    for criterion in (
        Criterion.objects.filter(step__grid_id=assessment.grid_id)
        .select_related("step")
        .order_by("step__position", "step_id", "position", "id")
    ):
        step_rows = steps.setdefault(criterion.step_id, StepRows(step=criterion.step))
        answer = answers.get(criterion.pk)
        if answer is not None:
            value = str(answer.level) if answer.level is not None else answer.special
            justification = answer.justification
        else:
            value, justification = "", ""
        if posted and criterion.pk in posted:
            value, justification = posted[criterion.pk]
        step_rows.rows.append(
            CriterionRow(
                criterion=criterion,
                answer=answer,
                error=(errors or {}).get(criterion.pk, ""),
                value=value,
                justification=justification,
            )
        )
    return list(steps.values())


def challenge_progress(*, challenge: Challenge, user: User, kind: str = Assessment.Kind.SELF) -> list[Assessment]:
    """The submitted assessments of one kind on a challenge that ``user`` may see, oldest first (stored scores)."""
    return list(
        assessments_visible_to(user=user)
        .filter(challenge=challenge, kind=kind, status=Assessment.Status.SUBMITTED)
        .order_by("submitted_at", "id")
    )


def reviewer_progress(*, challenge: Challenge) -> dict[str, int]:
    """How many reviews (facilitator and peer) of the challenge were submitted, out of how many."""
    counts = (
        Assessment.objects.filter(challenge=challenge)
        .exclude(kind=Assessment.Kind.SELF)
        .aggregate(total=Count("id"), submitted=Count("id", filter=Q(status=Assessment.Status.SUBMITTED)))
    )
    return {"submitted": counts["submitted"] or 0, "total": counts["total"] or 0}


@dataclass
class ComparisonRow:
    criterion: Criterion
    cells: list[dict[str, Any]]
    flagged: bool


def assessment_comparison(*, assessment: Assessment, user: User) -> tuple[list[Assessment], list[ComparisonRow]]:
    """Self, facilitator and peer results side by side on the same grid version.

    Columns: the latest submitted assessment of each assessor on this challenge and grid
    version that ``user`` may see. A criterion is flagged when two levels differ by 2 or more.
    """
    candidates = list(
        assessments_visible_to(user=user)
        .filter(challenge_id=assessment.challenge_id, grid_id=assessment.grid_id, status=Assessment.Status.SUBMITTED)
        .order_by("-submitted_at", "-id")
    )
    columns: list[Assessment] = []
    seen: set[int] = set()
    for candidate in candidates:
        if candidate.assessor_id not in seen:
            seen.add(candidate.assessor_id)
            columns.append(candidate)
    order = {Assessment.Kind.SELF: 0, Assessment.Kind.FACILITATOR: 1, Assessment.Kind.PEER: 2}
    columns.sort(key=lambda a: (order.get(a.kind, 3), a.pk))
    if len(columns) < 2:
        return columns, []
    answers: dict[tuple[int, int], Answer] = {
        (a.assessment_id, a.criterion_id): a for a in Answer.objects.filter(assessment__in=[c.pk for c in columns])
    }
    rows = []
    for criterion in (
        Criterion.objects.filter(step__grid_id=assessment.grid_id)
        .select_related("step")
        .order_by("step__position", "position", "id")
    ):
        cells = []
        levels = []
        for column in columns:
            answer = answers.get((column.pk, criterion.pk))
            level = answer.level if answer else None
            if level is not None:
                levels.append(level)
            cells.append({"assessment": column, "answer": answer, "level": level})
        rows.append(
            ComparisonRow(criterion=criterion, cells=cells, flagged=bool(levels) and max(levels) - min(levels) >= 2)
        )
    return columns, rows


@dataclass
class OverviewRow:
    challenge: Challenge
    latest: Assessment | None
    scores: list[float | None]


def site_overview(*, site: Site) -> tuple[list[str], list[OverviewRow]]:
    """Every challenge of the site with its latest submitted assessment (stored verdict and step scores)."""
    challenges = list(Challenge.objects.filter(site=site).select_related("organisation").order_by("number"))
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.filter(challenge__site=site, status=Assessment.Status.SUBMITTED)
        .select_related("assessor")
        .order_by("challenge_id", "-submitted_at", "-id")
    ):
        latest.setdefault(assessment.challenge_id, assessment)
    width = max((len(a.step_scores) for a in latest.values()), default=0)
    titles: list[str] = [""] * width
    for assessment in latest.values():
        for index, step in enumerate(assessment.step_scores):
            titles[index] = titles[index] or str(step.get("title", ""))
    rows = []
    for challenge in challenges:
        assessment = latest.get(challenge.pk)
        scores: list[float | None] = [None] * width
        if assessment is not None:
            for index, step in enumerate(assessment.step_scores):
                scores[index] = step.get("score")
        rows.append(OverviewRow(challenge=challenge, latest=assessment, scores=scores))
    return titles, rows


# --- Home page ----------------------------------------------------------------


def home_reviews_assigned(user: User) -> HomeSection:
    """The reviews (peer or facilitator) this person has still to submit, for the home page."""
    pending = Assessment.objects.filter(
        assessor_id=user.pk,
        status=Assessment.Status.DRAFT,
        kind__in=[Assessment.Kind.PEER, Assessment.Kind.FACILITATOR],
    )
    shown = pending.select_related("challenge").order_by("-updated_at", "-id")[:ENTRIES_SHOWN]
    return HomeSection(
        key="reviews",
        title=_("Reviews assigned to me"),
        count=pending.count(),
        url=reverse("grids:my_assessments"),
        link_label=_("All my assessments"),
        empty=_("No review waiting for you."),
        entries=[
            HomeEntry(
                label=str(assessment.challenge),
                url=reverse("grids:assessment_form", args=[assessment.pk]),
                detail=assessment.get_kind_display(),
            )
            for assessment in shown
        ],
    )
