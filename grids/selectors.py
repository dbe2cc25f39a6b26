"""Read queries of grids and assessments. Each page's queries stay constant whatever the data size."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from challenges.models import Challenge, Site, TeamMembership
from challenges.selectors.challenges import facilitates_a_site
from grids.models import (
    AccompanimentAction,
    AccompanimentPlan,
    Answer,
    Assessment,
    Criterion,
    Grid,
    GridStep,
    GridTrial,
    Project,
    TrialVote,
)
from innovation.home import HomeEntry, HomeSection, first_rows_and_count
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
    A project not yet a challenge (issue 15) is followed by whoever may read every project, to accompany it:
    site facilitators and staff (``project_scope``).
    """
    if not user.is_authenticated:
        return Assessment.objects.none()
    if user.is_staff:
        followed = Q(status=Assessment.Status.SUBMITTED)
    else:
        # The person's challenges and sites as two small ``IN`` lists rather than joins through every team and
        # facilitator: no duplicate rows to remove, quicker to build, and PostgreSQL plans it in a fraction of the
        # time (a results page's queries spent 18 ms in planning).
        followed = Q(status=Assessment.Status.SUBMITTED) & (
            Q(challenge_id__in=TeamMembership.objects.filter(person_id=user.pk).values("challenge_id"))
            | Q(challenge__site_id__in=Site.facilitators.through.objects.filter(user_id=user.pk).values("site_id"))
        )
        if facilitates_a_site(user=user):
            followed |= Q(status=Assessment.Status.SUBMITTED, challenge__isnull=True, project__isnull=False)
    return Assessment.objects.filter(Q(assessor=user) | followed).select_related(
        "challenge", "challenge__site", "project", "grid", "assessor"
    )


def _same_subject(assessment: Assessment) -> Q:
    """The assessments of the same challenge, or of the same project while it is not a challenge (issue 15)."""
    if assessment.challenge_id is not None:
        return Q(challenge_id=assessment.challenge_id)
    return Q(challenge__isnull=True, project_id=assessment.project_id)


def assessments_of_challenge(*, challenge: Challenge, user: User) -> list[Assessment]:
    return list(assessments_visible_to(user=user).filter(challenge=challenge).order_by("-created_at", "-id"))


def my_assessments(*, user: User) -> list[Assessment]:
    return list(
        Assessment.objects.filter(assessor=user)
        .select_related("challenge", "challenge__site", "project", "grid", "assessor")
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


def assessment_for_results(*, user: User, assessment_id: int) -> Assessment:
    """An assessment ``user`` may see (else 404), for its results page, in one query.

    The same query reads the viewer's role on the challenge's team and whether they facilitate its site: they
    prime the per-object caches of the rules, so no permission of the page needs a query.
    """
    assessment = get_object_or_404(
        assessments_visible_to(user=user).annotate(
            viewer_role=Subquery(
                TeamMembership.objects.filter(challenge_id=OuterRef("challenge_id"), person_id=user.pk)
                .order_by("created_at", "id")
                .values("role")[:1]
            ),
            viewer_facilitates=Exists(
                Site.facilitators.through.objects.filter(site_id=OuterRef("challenge__site_id"), user_id=user.pk)
            ),
        ),
        pk=assessment_id,
    )
    assessment.__dict__["_visible_to"] = {user.pk: True}
    if assessment.challenge is not None:  # a project not yet a challenge has neither team nor site (issue 15)
        assessment.challenge.__dict__["_team_roles"] = {user.pk: assessment.viewer_role}
        assessment.challenge.site.__dict__["_facilitates"] = {user.pk: assessment.viewer_facilitates}
    return assessment


def subject_submitted_assessments(*, assessment: Assessment, user: User) -> list[Assessment]:
    """Every submitted assessment of the same subject (challenge, or project) as ``assessment`` that ``user``
    may see, oldest first: one query for a results page's progress and comparison (their ``submitted=``).

    Each holds its assessor only: they share ``assessment``'s subject, which the page has read already.
    """
    return list(
        assessments_visible_to(user=user)
        .filter(_same_subject(assessment), status=Assessment.Status.SUBMITTED)
        .select_related(None)
        .select_related("assessor")
        .order_by("submitted_at", "id")
    )


def challenge_progress(*, challenge: Challenge, user: User, kind: str = Assessment.Kind.SELF) -> list[Assessment]:
    """The submitted assessments of one kind on a challenge that ``user`` may see, oldest first (stored scores)."""
    return list(
        assessments_visible_to(user=user)
        .filter(challenge=challenge, kind=kind, status=Assessment.Status.SUBMITTED)
        .order_by("submitted_at", "id")
    )


def assessment_progress(
    *, assessment: Assessment, user: User, submitted: list[Assessment] | None = None
) -> list[Assessment]:
    """The submitted assessments of the same kind and subject (challenge, or project) as ``assessment``.

    ``submitted``: what subject_submitted_assessments answered for the same assessment and person, if read.
    """
    if submitted is not None:
        return [item for item in submitted if item.kind == assessment.kind]
    return list(
        assessments_visible_to(user=user)
        .filter(_same_subject(assessment), kind=assessment.kind, status=Assessment.Status.SUBMITTED)
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


def grid_criteria(*, grid_id: int) -> list[Criterion]:
    """The criteria of a grid version with their steps, in the grid's order (what grid_spec reads)."""
    return list(
        Criterion.objects.filter(step__grid_id=grid_id)
        .select_related("step")
        .order_by("step__position", "step_id", "position", "id")
    )


def assessments_answers(*, assessment_ids: Collection[int]) -> list[Answer]:
    """The answers of some assessments (level and special only), in one query."""
    return list(
        Answer.objects.filter(assessment_id__in=list(assessment_ids)).only(
            "assessment_id", "criterion_id", "level", "special"
        )
    )


def assessment_comparison(
    *,
    assessment: Assessment,
    user: User,
    submitted: list[Assessment] | None = None,
    criteria: list[Criterion] | None = None,
    answers: list[Answer] | None = None,
) -> tuple[list[Assessment], list[ComparisonRow]]:
    """Self, facilitator and peer results side by side on the same grid version.

    Columns: the latest submitted assessment of each assessor on this challenge and grid
    version that ``user`` may see. A criterion is flagged when two levels differ by 2 or more.
    What the results page already read is not read again: ``submitted`` (subject_submitted_assessments for
    the same assessment and person), ``criteria`` (grid_criteria of the grid) and ``answers`` (assessments_answers
    of at least the submitted assessments on this grid).
    """
    if submitted is not None:
        candidates = [item for item in reversed(submitted) if item.grid_id == assessment.grid_id]
    else:
        candidates = list(
            assessments_visible_to(user=user)
            .filter(_same_subject(assessment), grid_id=assessment.grid_id, status=Assessment.Status.SUBMITTED)
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
    if answers is None:
        answers = list(Answer.objects.filter(assessment__in=[c.pk for c in columns]))
    by_cell: dict[tuple[int, int], Answer] = {(a.assessment_id, a.criterion_id): a for a in answers}
    rows = []
    for criterion in criteria if criteria is not None else grid_criteria(grid_id=assessment.grid_id):
        cells = []
        levels = []
        for column in columns:
            answer = by_cell.get((column.pk, criterion.pk))
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
    shown, count = first_rows_and_count(
        pending.select_related("challenge")
        .only("kind", "challenge__number", "challenge__question")  # what a line shows
        .order_by("-updated_at", "-id")
    )
    return HomeSection(
        key="reviews",
        title=_("Reviews assigned to me"),
        count=count,
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


# --- Grid trials (issue 15) --------------------------------------------------


def trial_scope(*, user: User) -> QuerySet[GridTrial]:
    """Every trial, with its grid version and site: who may see or vote is ``grids.view_trial``."""
    return GridTrial.objects.select_related("grid", "site__edition")


@dataclass
class TrialCriterionRow:
    criterion: Criterion
    relevant: int = 0
    revisit: int = 0
    votes: list[TrialVote] = field(default_factory=list)
    mine: TrialVote | None = None

    @property
    def to_revisit(self) -> bool:
        """Marked for the next version: at least one tester asked to revisit it."""
        return self.revisit > 0


@dataclass
class TrialStepRows:
    step: GridStep
    rows: list[TrialCriterionRow] = field(default_factory=list)


@dataclass
class TrialSummary:
    trial: GridTrial
    challenges: list[Challenge]
    site_challenge_count: int
    steps: list[TrialStepRows]

    @property
    def natures(self) -> set[str]:
        return {challenge.nature for challenge in self.challenges if challenge.nature}

    @property
    def covers_both_kinds(self) -> bool:
        return {"digital", "non_digital"} <= self.natures

    @property
    def testers(self) -> int:
        return len({vote.tester_id for step in self.steps for row in step.rows for vote in row.votes})

    @property
    def to_revisit(self) -> list[Criterion]:
        return [row.criterion for step in self.steps for row in step.rows if row.to_revisit]


def _trial_steps(*, trial: GridTrial, user: User | None, criteria: list[Criterion], votes: list[TrialVote]):
    by_criterion: dict[int, list[TrialVote]] = {}
    for vote in votes:
        if vote.trial_id == trial.pk:
            by_criterion.setdefault(vote.criterion_id, []).append(vote)
    steps: dict[int, TrialStepRows] = {}
    for criterion in criteria:
        if criterion.step.grid_id != trial.grid_id:
            continue
        mine = by_criterion.get(criterion.pk, [])
        row = TrialCriterionRow(
            criterion=criterion,
            relevant=sum(1 for vote in mine if vote.verdict == TrialVote.Verdict.RELEVANT),
            revisit=sum(1 for vote in mine if vote.verdict == TrialVote.Verdict.REVISIT),
            votes=mine,
            mine=next((vote for vote in mine if user is not None and vote.tester_id == user.pk), None),
        )
        steps.setdefault(criterion.step_id, TrialStepRows(step=criterion.step)).rows.append(row)
    return list(steps.values())


def trial_summaries(*, trials: list[GridTrial], user: User | None = None) -> list[TrialSummary]:
    """Each trial with its challenges, its site's number of challenges and each criterion's votes.

    Five queries whatever the number of trials, challenges and votes.
    """
    if not trials:
        return []
    grid_ids = {trial.grid_id for trial in trials}
    criteria = list(
        Criterion.objects.filter(step__grid_id__in=grid_ids)
        .select_related("step")
        .order_by("step__position", "step_id", "position", "id")
    )
    votes = list(TrialVote.objects.filter(trial__in=trials).select_related("tester").order_by("criterion_id", "id"))
    tried = GridTrial.challenges.through.objects.filter(gridtrial_id__in=[trial.pk for trial in trials])
    challenges: dict[int, list[Challenge]] = {}
    for link in tried.select_related("challenge").order_by("challenge__number"):
        challenges.setdefault(link.gridtrial_id, []).append(link.challenge)
    site_counts = dict(
        Challenge.objects.filter(site_id__in={trial.site_id for trial in trials})
        .values("site_id")
        .annotate(n=Count("pk"))
        .values_list("site_id", "n")
    )
    return [
        TrialSummary(
            trial=trial,
            challenges=challenges.get(trial.pk, []),
            site_challenge_count=site_counts.get(trial.site_id, 0),
            steps=_trial_steps(trial=trial, user=user, criteria=criteria, votes=votes),
        )
        for trial in trials
    ]


def grid_trials(*, grid: Grid) -> list[GridTrial]:
    return list(
        GridTrial.objects.filter(grid=grid).select_related("site", "concluded_by").order_by("-started_at", "-id")
    )


def grid_trial_state(*, trials: list[GridTrial]) -> str:
    """``validated`` once a trial of the version concluded so, else ``on_trial``."""
    return "validated" if any(trial.outcome == GridTrial.Outcome.VALIDATED for trial in trials) else "on_trial"


def site_challenges_for_trial(*, site_id: int) -> list[Challenge]:
    return list(
        Challenge.objects.filter(site_id=site_id)
        .order_by("number")
        .only("pk", "number", "question", "nature", "site_id")
    )


# --- Accompaniment after « à retravailler » (issue 15) ----------------------


def plan_scope(*, user: User) -> QuerySet[AccompanimentPlan]:
    """The plans of the assessments ``user`` may see (else 404)."""
    return AccompanimentPlan.objects.filter(
        assessment__in=assessments_visible_to(user=user).values("pk")
    ).select_related(
        "assessment__challenge__site__edition", "assessment__project", "assessment__grid", "assessment__assessor"
    )


def plan_actions(*, plan: AccompanimentPlan) -> list[AccompanimentAction]:
    return list(plan.actions.select_related("assignee").order_by("step_position", "id"))


def plan_team(*, plan: AccompanimentPlan) -> list[User]:
    """Whom an action can be given to: the challenge's team, or a project's owner (issue 15)."""
    if plan.assessment.challenge_id is None:
        return list(User.objects.filter(pk=plan.assessment.project.owner_id))
    return list(
        User.objects.filter(memberships__challenge_id=plan.assessment.challenge_id).order_by("display_name", "email")
    )


@dataclass
class StepProgress:
    position: int
    title: str
    before: float | None
    after: float | None
    actions: list[AccompanimentAction]

    @property
    def moved(self) -> bool:
        return self.before is not None and self.after is not None and round(self.after) != round(self.before)

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class PlanProgress:
    plan: AccompanimentPlan
    steps: list[StepProgress]

    @property
    def done(self) -> int:
        return sum(
            1 for step in self.steps for action in step.actions if action.state == AccompanimentAction.State.DONE
        )

    @property
    def total(self) -> int:
        return sum(len(step.actions) for step in self.steps)


def results_plans(
    *, assessment: Assessment, user: User, submitted: list[Assessment] | None = None
) -> tuple[AccompanimentPlan | None, PlanProgress | None]:
    """A results page's accompaniment: (``assessment``'s own plan, the progress since the plan before it).

    The plan before it is that of the latest earlier submitted assessment of the same subject that ``user`` may see
    and that has one. Its assessment is among ``submitted`` (read here if not given): one query reads both plans
    by their assessments' keys, a second the earlier plan's actions if there is one.
    """
    if submitted is None:
        submitted = subject_submitted_assessments(assessment=assessment, user=user)
    earlier = {}
    if assessment.status == Assessment.Status.SUBMITTED:
        earlier = {item.pk: item for item in submitted if item.submitted_at < assessment.submitted_at}
    assessments = {**earlier, assessment.pk: assessment}
    plans = list(AccompanimentPlan.objects.filter(assessment_id__in=list(assessments)))
    for plan in plans:
        plan.assessment = assessments[plan.assessment_id]
    own = next((plan for plan in plans if plan.assessment_id == assessment.pk), None)
    before = max(
        (plan for plan in plans if plan.assessment_id in earlier),
        key=lambda plan: (plan.assessment.submitted_at, plan.pk),
        default=None,
    )
    if before is None:
        return own, None
    actions: dict[int, list[AccompanimentAction]] = {}
    for action in plan_actions(plan=before):
        actions.setdefault(action.step_position, []).append(action)
    scores_before = {int(step["position"]): step.get("score") for step in before.assessment.step_scores}
    steps = [
        StepProgress(
            position=int(step["position"]),
            title=str(step["title"]),
            before=scores_before.get(int(step["position"])),
            after=step.get("score"),
            actions=actions.get(int(step["position"]), []),
        )
        for step in assessment.step_scores
    ]
    return own, PlanProgress(plan=before, steps=steps)


def site_trials(*, site: Site) -> list[GridTrial]:
    """The trials of ``site``, each holding that very site object (so its permissions are answered once)."""
    trials = list(GridTrial.objects.filter(site=site).select_related("grid").order_by("-started_at", "-id"))
    for trial in trials:
        trial.site = site
    return trials


# --- Projects assessed before they are challenges (issue 15) ------------------


def project_scope(*, user: User) -> QuerySet[Project]:
    """The projects ``user`` may know of: their own; every project for staff and site facilitators (else 404)."""
    if not user.is_authenticated:
        return Project.objects.none()
    projects = Project.objects.select_related("owner", "organisation", "challenge__site__edition")
    if user.is_staff or facilitates_a_site(user=user):
        return projects
    return projects.filter(owner=user)


def project_rows(*, user: User) -> tuple[list[Project], list[Project]]:
    """(``user``'s own projects, the others they may see), each with its submitted assessments' count and latest
    verdict (``latest_verdict_label``). Two queries whatever the number of projects."""
    submitted = Q(assessments__status=Assessment.Status.SUBMITTED)
    latest = Assessment.objects.filter(project=OuterRef("pk"), status=Assessment.Status.SUBMITTED).order_by(
        "-submitted_at", "-id"
    )
    projects = list(
        project_scope(user=user)
        .annotate(
            submitted_count=Count("assessments", filter=submitted),
            latest_verdict=Subquery(latest.values("verdict")[:1]),
            latest_score=Subquery(latest.values("overall_score")[:1]),
        )
        .order_by("-created_at", "-id")
    )
    labels = dict(Assessment.Verdict.choices)
    for project in projects:
        project.latest_verdict_label = labels.get(project.latest_verdict, "")
    return [p for p in projects if p.owner_id == user.pk], [p for p in projects if p.owner_id != user.pk]


def project_target_sites(*, user: User) -> QuerySet[Site]:
    """The sites ``user`` may turn a project into a challenge of: the ones they facilitate (every site for staff);
    the service checks the chosen one again."""
    sites = Site.objects.select_related("edition").order_by("-edition__starts_on", "place")
    return sites if user.is_staff else sites.filter(facilitators=user)


def project_assessments(*, project: Project, user: User) -> list[Assessment]:
    """The project's assessments that ``user`` may see, newest first, with their plan if any."""
    return list(
        assessments_visible_to(user=user)
        .filter(project=project)
        .select_related("accompaniment_plan")
        .order_by("-created_at", "-id")
    )


ORIGIN_PROJECT = ("origin_project__owner", "origin_project__organisation")


def challenge_origin_load(challenges: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """``challenges`` reading, with each, the project it comes from and that project's owner and organisation."""
    return challenges.select_related(*ORIGIN_PROJECT)


def challenge_origin_project(*, challenge: Challenge) -> Project | None:
    """The project a challenge comes from (« Issu du projet … »), with its owner: none if the challenge's query
    read it (:func:`challenge_origin_load`), else one query."""
    relation = Challenge.origin_project.related
    if relation.is_cached(challenge):
        return relation.get_cached_value(challenge)
    return Project.objects.select_related("owner", "organisation").filter(challenge=challenge).first()
