"""What a session report contains: its challenges, teams, question history, phase content and assessments.

Rows are read from the database in chunks (``.iterator(chunk_size=...)``) so
that a report of any size is written in constant memory. The assessment parts
are isolated in :func:`assessment_answers_sheet_rows` and
:func:`challenge_assessment_summaries`, the two places that know the grid and
assessment models.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge, Edition, PhaseContent, QuestionReformulation, Site, TeamMembership
from challenges.models.challenges import PHASE_ORDER, Phase
from grids.models import Answer, Assessment, Grid
from innovation.home import HomeEntry, HomeSection, first_rows_and_count
from innovation.models import User
from innovation.selectors import exports_visible_to

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: a whole edition, one site or one challenge."""

    kind: str  # "edition" | "site" | "challenge"
    pk: int

    KINDS = ("edition", "site", "challenge")

    def challenge_filter(self, prefix: str = "") -> Q:
        field = {"edition": "site__edition_id", "site": "site_id", "challenge": "pk"}[self.kind]
        if prefix and self.kind == "challenge":
            field = "id"
        return Q(**{f"{prefix}{field}": self.pk})

    def as_parameters(self) -> dict[str, Any]:
        return {"scope": self.kind, "scope_id": self.pk}

    @classmethod
    def from_parameters(cls, parameters: dict[str, Any]) -> ReportScope:
        return cls(kind=parameters["scope"], pk=int(parameters["scope_id"]))


def report_scope_object(*, scope: ReportScope) -> Edition | Site | Challenge:
    """The edition, site or challenge a report covers (raises DoesNotExist when it is gone)."""
    if scope.kind == "edition":
        return Edition.objects.get(pk=scope.pk)
    if scope.kind == "site":
        return Site.objects.select_related("edition").get(pk=scope.pk)
    return Challenge.objects.select_related("site__edition").get(pk=scope.pk)


def report_challenges(*, scope: ReportScope) -> QuerySet[Challenge]:
    return (
        Challenge.objects.filter(scope.challenge_filter())
        .select_related("site__edition", "organisation", "theme")
        .order_by("site__edition__starts_on", "site__place", "number")
    )


def _choice_labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


# --- Sheet: challenges ------------------------------------------------------

PHASE_COLUMNS = [
    (Phase.IDEATION, "text", _("Key ideas")),
    (Phase.SELECTED_IDEA, "text", _("Selected idea")),
    (Phase.PROTOTYPE, "text", _("Prototype")),
    (Phase.TEST, "text", _("Test")),
    (Phase.TEST, "learnings", _("What the test taught")),
    (Phase.DEBRIEF, "text", _("Conclusions")),
]

CHALLENGE_HEADERS = [
    _("Edition"),
    _("Site"),
    _("Number"),
    _("Working question"),
    _("Subject"),
    _("Owner organisation"),
    _("Theme"),
    _("Territory"),
    _("Number of communes"),
    _("Number of inhabitants"),
    _("Stakes"),
    _("Stakeholders"),
    _("Users"),
    _("Obstacles"),
    _("Levers"),
    _("Status"),
    _("Current phase"),
    *[label for _phase, _field, label in PHASE_COLUMNS],
    _("Created"),
    _("Updated"),
    _("Latest assessment"),
    _("Overall score"),
    _("Verdict"),
    _("Step scores"),
    _("Steps to rework"),
]


def challenge_sheet_count(*, scope: ReportScope) -> int:
    return Challenge.objects.filter(scope.challenge_filter()).count()


def challenge_sheet_rows(*, scope: ReportScope) -> Iterator[list[Any]]:
    statuses = _choice_labels(Challenge.Status.choices)
    phases = _choice_labels(Phase.choices)
    challenges = report_challenges(scope=scope).prefetch_related(
        Prefetch("phase_contents", queryset=PhaseContent.objects.order_by("id"))
    )
    summaries = challenge_assessment_summaries(
        challenge_ids=list(Challenge.objects.filter(scope.challenge_filter()).values_list("pk", flat=True))
    )
    for challenge in challenges.iterator(chunk_size=CHUNK_SIZE):
        contents = {content.phase: content for content in challenge.phase_contents.all()}
        summary = summaries.get(challenge.pk)
        yield [
            challenge.site.edition.title,
            challenge.site.place,
            challenge.number,
            challenge.question,
            challenge.subject,
            challenge.organisation.name,
            challenge.theme.title if challenge.theme else "",
            challenge.territory,
            challenge.territory_communes,
            challenge.territory_inhabitants,
            challenge.stakes,
            challenge.stakeholders,
            challenge.users,
            challenge.obstacles,
            challenge.levers,
            statuses.get(challenge.status, challenge.status),
            phases.get(challenge.phase, challenge.phase),
            *[getattr(contents.get(phase), field, "") for phase, field, _label in PHASE_COLUMNS],
            challenge.created_at,
            challenge.updated_at,
            *(_summary_cells(summary) if summary else [None, None, "", "", ""]),
        ]


def _summary_cells(summary: dict[str, Any]) -> list[Any]:
    steps = " ; ".join(
        f"{step['position']}. {step['title']} : {'—' if step['score'] is None else round(step['score'])} %"
        for step in summary["steps"]
    )
    overall = summary["overall"]
    return [
        summary["assessed_at"],
        None if overall is None else round(overall, 1),
        summary["verdict"],
        steps,
        " ; ".join(summary["weak_steps"]),
    ]


# --- Sheet: teams -----------------------------------------------------------

TEAM_HEADERS = [
    _("Site"),
    _("Challenge"),
    _("Working question"),
    _("Person"),
    _("Organisation"),
    _("Role"),
    _("Job title"),
]


def team_sheet_count(*, scope: ReportScope) -> int:
    return TeamMembership.objects.filter(scope.challenge_filter("challenge__")).count()


def team_sheet_rows(*, scope: ReportScope) -> Iterator[tuple[Any, ...]]:
    roles = _choice_labels(TeamMembership.Role.choices)
    rows = (
        TeamMembership.objects.filter(scope.challenge_filter("challenge__"))
        .order_by("challenge__site__place", "challenge__number", "role", "person__display_name", "id")
        .values_list(
            "challenge__site__place",
            "challenge__number",
            "challenge__question",
            "person__display_name",
            "person__email",
            "person__organisation__name",
            "role",
            "job_title",
            "person__job_title",
        )
    )
    for place, number, question, name, email, organisation, role, job_title, person_job in rows.iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield (
            place,
            number,
            question,
            name or email,
            organisation or "",
            roles.get(role, role),
            job_title or person_job,
        )


# --- Sheet: question history ------------------------------------------------

QUESTION_HISTORY_HEADERS = [
    _("Site"),
    _("Challenge"),
    pgettext_lazy("reformulation", "Date"),
    _("Previous question"),
    _("New question"),
    _("Reason"),
    _("Author"),
]


def question_history_sheet_count(*, scope: ReportScope) -> int:
    return QuestionReformulation.objects.filter(scope.challenge_filter("challenge__")).count()


def question_history_sheet_rows(*, scope: ReportScope) -> Iterator[tuple[Any, ...]]:
    rows = (
        QuestionReformulation.objects.filter(scope.challenge_filter("challenge__"))
        .order_by("challenge__site__place", "challenge__number", "created_at", "id")
        .values_list(
            "challenge__site__place",
            "challenge__number",
            "created_at",
            "previous_question",
            "new_question",
            "reason",
            "author__display_name",
            "author__email",
        )
    )
    for place, number, date, previous, new, reason, author, email in rows.iterator(chunk_size=CHUNK_SIZE):
        yield (place, number, date, previous, new, reason, author or email or "")


# --- Sheet: assessments (one row per criterion answer, long form) -----------
# Only submitted assessments: a draft is its author's work in progress.

ASSESSMENT_HEADERS = [
    _("Site"),
    _("Challenge"),
    _("Assessment"),
    _("Assessed by"),
    _("Kind of assessment"),
    _("Grid"),
    _("Submitted"),
    _("Step number"),
    _("Step"),
    _("Criterion number"),
    _("Criterion"),
    _("Mandatory"),
    _("Weight"),
    _("Level"),
    _("Level value"),
    _("Justification"),
    _("Step score"),
    _("Verdict"),
]


def _submitted_answers(scope: ReportScope) -> QuerySet[Answer]:
    return Answer.objects.filter(
        scope.challenge_filter("assessment__challenge__"), assessment__status=Assessment.Status.SUBMITTED
    )


def assessment_answers_sheet_count(*, scope: ReportScope) -> int:
    return _submitted_answers(scope).count()


def assessment_answers_sheet_rows(*, scope: ReportScope) -> Iterator[tuple[Any, ...]]:
    kinds = _choice_labels(Assessment.Kind.choices)
    verdicts = _choice_labels(Assessment.Verdict.choices)
    specials = _choice_labels(Answer.Special.choices)
    grid_ids = _submitted_answers(scope).values("assessment__grid_id")
    grids = {grid.pk: grid for grid in Grid.objects.filter(pk__in=grid_ids)}
    level_labels = {
        pk: {int(level["value"]): str(level["label"]) for level in grid.levels} for pk, grid in grids.items()
    }
    yes, no = gettext("yes"), gettext("no")
    # Each assessment's step scores once, not parsed again on each of its answers' rows.
    step_scores = {
        pk: {int(item.get("position", 0)): item.get("score") for item in (scores or [])}
        for pk, scores in Assessment.objects.filter(
            pk__in=_submitted_answers(scope).values("assessment_id")
        ).values_list("pk", "step_scores")
    }
    rows = (
        _submitted_answers(scope)
        .order_by(
            "assessment__challenge__site__place",
            "assessment__challenge__number",
            "assessment__submitted_at",
            "assessment_id",
            "criterion__step__position",
            "criterion__position",
            "id",
        )
        .values_list(
            "assessment__challenge__site__place",
            "assessment__challenge__number",
            "assessment_id",
            "assessment__assessor__display_name",
            "assessment__assessor__email",
            "assessment__kind",
            "assessment__grid_id",
            "assessment__submitted_at",
            "criterion__step__position",
            "criterion__step__title",
            "criterion__position",
            "criterion__text",
            "criterion__mandatory",
            "criterion__weight",
            "level",
            "special",
            "justification",
            "assessment__verdict",
        )
    )
    for (
        place, number, assessment_id, assessor, email, kind, grid_id, submitted_at, step_position, step_title,
        criterion_position, criterion, mandatory, weight, level, special, justification, verdict,
    ) in rows.iterator(chunk_size=CHUNK_SIZE):  # fmt: skip
        grid = grids.get(grid_id)
        score = step_scores.get(assessment_id, {}).get(step_position)
        yield (
            place,
            number,
            assessment_id,
            assessor or email,
            kinds.get(kind, kind),
            str(grid) if grid else "",
            submitted_at,
            step_position,
            step_title,
            f"{step_position}.{criterion_position}",
            criterion,
            yes if mandatory else no,
            weight,
            specials.get(special, special) if special else level_labels.get(grid_id, {}).get(level, ""),
            level,
            justification,
            round(score, 1) if isinstance(score, int | float) else None,
            verdicts.get(verdict, verdict),
        )


def challenge_assessment_summaries(*, challenge_ids: list[int]) -> dict[int, dict[str, Any]]:
    """For each challenge, its latest submitted assessment, scored by the grids' scoring service.

    ``{challenge_id: {"steps": [{"title", "score", "weak"}], "overall", "verdict", "reasons",
    "assessed_at", "by", "kind"}}``, in a constant number of queries.
    """
    from grids.services.scoring import assessment_results

    latest: dict[int, Assessment] = {}
    submitted = (
        Assessment.objects.filter(challenge_id__in=challenge_ids, status=Assessment.Status.SUBMITTED)
        .select_related("grid", "assessor")
        .order_by("challenge_id", "-submitted_at", "-id")
    )
    for assessment in submitted:
        latest.setdefault(assessment.challenge_id, assessment)
    results = assessment_results(assessments=latest.values())
    summaries = {}
    for challenge_id, assessment in latest.items():
        result = results[assessment.pk]
        summaries[challenge_id] = {
            "steps": [
                {"position": step.position, "title": step.title, "score": step.score, "weak": step.weak}
                for step in result.steps
            ],
            "overall": result.overall,
            "verdict": str(Assessment.Verdict(result.verdict).label),
            "is_public_action": result.is_public_action,
            "reasons": list(result.reasons),
            "weak_steps": [step.title for step in result.weak_steps],
            "assessed_at": assessment.submitted_at,
            "by": str(assessment.assessor),
            "kind": assessment.get_kind_display(),
        }
    return summaries


# --- The PDF report ---------------------------------------------------------
# Built in parts (see reports.services.report_pdf_write): an overview up front, then the challenges of one
# site at a time, at most PART_SIZE per part. Drafts are left out of the counts and listed on their own.

PART_SIZE = 40


def report_published(*, scope: ReportScope) -> QuerySet[Challenge]:
    return report_challenges(scope=scope).filter(status=Challenge.Status.PUBLISHED)


def report_parts(*, scope: ReportScope, size: int = PART_SIZE) -> list[list[int]]:
    """The published challenges' ids in report order, cut per site and in batches of ``size``."""
    parts: list[list[int]] = []
    current_site = None
    for pk, site_id in report_published(scope=scope).values_list("pk", "site_id"):
        if not parts or site_id != current_site or len(parts[-1]) >= size:
            parts.append([])
            current_site = site_id
        parts[-1].append(pk)
    return parts


def report_overview(*, scope: ReportScope) -> dict[str, Any]:
    """What the report shows up front, in a constant number of queries.

    One row per published challenge (site, number, question, theme, phase, latest verdict, score), counts
    per site (with its dates and facilitators) and per theme, the verdict split and the average score,
    the phase counts, the drafts on their own, and the test sessions of the site or edition.
    """
    from testsessions.selectors import edition_test_summary, site_test_summary

    subject = report_scope_object(scope=scope)
    phase_labels = _choice_labels(Phase.choices)
    challenges = list(report_published(scope=scope).defer(*_LONG_TEXT_FIELDS))
    summaries = challenge_assessment_summaries(challenge_ids=[challenge.pk for challenge in challenges])
    no_theme = gettext("No theme")
    not_assessed = gettext("Not assessed yet")
    rows, sites, themes, verdicts, scores = [], {}, {}, {}, []
    for challenge in challenges:
        summary = summaries.get(challenge.pk)
        overall = summary["overall"] if summary else None
        verdict = summary["verdict"] if summary else not_assessed
        theme = challenge.theme.title if challenge.theme else no_theme
        rows.append(
            {
                "challenge": challenge,
                "theme": theme if challenge.theme else "",
                "phase": phase_labels.get(challenge.phase, challenge.phase),
                "verdict": verdict if summary else "",
                "score": overall,
            }
        )
        group = sites.setdefault(challenge.site_id, {"site": challenge.site, "count": 0, "scores": []})
        group["count"] += 1
        themes[theme] = themes.get(theme, 0) + 1
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
        if overall is not None:
            scores.append(overall)
            group["scores"].append(overall)
    facilitators: dict[int, list[str]] = {}
    for site in Site.objects.filter(pk__in=list(sites)).prefetch_related("facilitators"):
        facilitators[site.pk] = sorted(person.display_name for person in site.facilitators.all() if person.display_name)
    for site_id, group in sites.items():
        group["facilitators"] = facilitators.get(site_id, [])
        group["average"] = sum(group["scores"]) / len(group["scores"]) if group["scores"] else None
    by_phase: dict[str, int] = {}
    for challenge in challenges:
        by_phase[challenge.phase] = by_phase.get(challenge.phase, 0) + 1
    published = Challenge.objects.filter(scope.challenge_filter(), status=Challenge.Status.PUBLISHED)
    drafts = list(
        Challenge.objects.filter(scope.challenge_filter(), status=Challenge.Status.DRAFT)
        .select_related("site")
        .only("number", "question", "site__place")
        .order_by("site__place", "number")
    )
    tests: list[tuple[Site, list[Any]]] = []
    if scope.kind == "edition":
        tests = edition_test_summary(edition=subject)
    elif scope.kind == "site":
        tests = [(subject, site_test_summary(site=subject))]
    tests = [(site, sessions) for site, sessions in tests if sessions]
    return {
        "scope": scope,
        "subject": subject,
        "rows": rows,
        "sites": list(sites.values()),
        "themes": sorted(themes.items()),
        "verdicts": sorted(verdicts.items(), key=lambda item: (item[0] == not_assessed, -item[1], item[0])),
        "average": sum(scores) / len(scores) if scores else None,
        "assessed": len(scores),
        "challenge_count": len(challenges),
        "phase_counts": [(phase_labels[phase], by_phase.get(phase, 0)) for phase in PHASE_ORDER],
        "team_size": TeamMembership.objects.filter(challenge__in=published).count(),
        "reformulation_count": QuestionReformulation.objects.filter(challenge__in=published).count(),
        "drafts": drafts,
        "tests": tests,
        "participant_counts": _participant_counts(scope=scope),
    }


_LONG_TEXT_FIELDS = ("stakes", "stakeholders", "users", "obstacles", "levers")


def report_document(*, scope: ReportScope, challenge_ids: list[int] | None = None) -> dict[str, Any]:
    """The challenges of one part of the PDF (default: every published one), in a constant number of queries."""
    challenges = report_published(scope=scope)
    if challenge_ids is not None:
        challenges = challenges.filter(pk__in=challenge_ids)
    challenges = list(
        challenges.prefetch_related(
            Prefetch(
                "team",
                queryset=TeamMembership.objects.select_related("person__organisation").order_by(
                    "role", "person__display_name", "id"
                ),
            ),
            Prefetch("reformulations", queryset=QuestionReformulation.objects.select_related("author")),
            Prefetch("phase_contents", queryset=PhaseContent.objects.order_by("id")),
        )
    )
    summaries = challenge_assessment_summaries(challenge_ids=[challenge.pk for challenge in challenges])
    phase_labels = _choice_labels(Phase.choices)
    order = {phase: index for index, phase in enumerate(PHASE_ORDER)}
    for challenge in challenges:
        challenge.report_phases = [
            {"label": phase_labels.get(content.phase, content.phase), "content": content}
            for content in sorted(challenge.phase_contents.all(), key=lambda c: order.get(c.phase, 99))
            if content.text or content.learnings
        ]
        challenge.report_assessment = summaries.get(challenge.pk)
    sites: list[dict[str, Any]] = []
    for challenge in challenges:
        if not sites or sites[-1]["site"].pk != challenge.site_id:
            sites.append({"site": challenge.site, "challenges": []})
        sites[-1]["challenges"].append(challenge)
    return {
        "scope": scope,
        "sites": sites,
        "challenges": challenges,
    }


def site_label(place: str) -> str:
    """The site named in a sentence: « site de Rennes », « site d’Aix-en-Provence » (French elides « de »
    before a vowel; place names with an h are left whole, most of theirs being aspirated: « site de Haguenau »),
    "the Rennes site" in English."""
    language = translation.get_language() or ""
    if language.startswith("fr"):
        first = place[:1].lower()
        if first and first in "aeiouyàâäéèêëîïôöùûüœæ":
            return f"site d’{place}"
        return f"site de {place}"
    return f"the {place} site"


def _participant_counts(*, scope: ReportScope) -> list[tuple[str, int]]:
    """Issue 15: about how many people took part at each site of an edition (or at the site), one query."""
    if scope.kind == "challenge":
        return []
    sites = Site.objects.filter(edition_id=scope.pk) if scope.kind == "edition" else Site.objects.filter(pk=scope.pk)
    return list(
        sites.filter(participant_count__isnull=False).order_by("place").values_list("place", "participant_count")
    )


def report_subject_label(*, scope: ReportScope, subject: Edition | Site | Challenge) -> str:
    if scope.kind == "edition":
        return gettext("Edition report: %(edition)s") % {"edition": subject}
    if scope.kind == "site":
        return gettext("Site report: %(place)s, %(edition)s") % {"place": subject.place, "edition": subject.edition}
    return gettext("Challenge sheet: %(place)s, challenge %(number)s") % {
        "place": subject.site.place,
        "number": subject.number,
    }


def report_targets_for(*, user) -> list[dict[str, Any]]:
    """The editions (staff) and sites (staff, their facilitators) a person may request reports on."""
    if not user.is_authenticated:
        return []
    sites = Site.objects.select_related("edition").order_by("-edition__starts_on", "edition__title", "place")
    if not user.is_staff:
        sites = sites.filter(facilitators=user)
    targets: list[dict[str, Any]] = []
    for site in sites:
        site.report_label = site_label(site.place)
        if not targets or targets[-1]["edition"].pk != site.edition_id:
            targets.append({"edition": site.edition, "sites": [], "may_export_edition": user.is_staff})
        targets[-1]["sites"].append(site)
    if user.is_staff:
        listed = {target["edition"].pk for target in targets}
        for edition in Edition.objects.exclude(pk__in=listed):
            targets.append({"edition": edition, "sites": [], "may_export_edition": True})
    return targets


def home_my_exports(user: User) -> HomeSection | None:
    """The exports this person asked for, for the home page (for those who may ask, or who have some)."""
    shown, count = first_rows_and_count(
        exports_visible_to(user=user).only("title", "format", "state").order_by("-created_at", "-id")
    )
    if not count and not user.has_perm("reports.request_reports"):
        return None
    return HomeSection(
        key="exports",
        title=gettext("My exports"),
        count=count,
        url=reverse("reports:export_list"),
        link_label=gettext("Reports and exports"),
        empty=gettext("No export yet."),
        entries=[
            HomeEntry(
                label=export.title,
                url=reverse("export_detail", args=[export.pk]),
                detail=f"{export.get_format_display()} · {export.get_state_display()}",
            )
            for export in shown
        ],
    )
