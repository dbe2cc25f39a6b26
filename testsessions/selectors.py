"""Read queries of test sessions: sessions, stands, two-way coverage, least-visited stands, feedback summaries.

Coverage goes both ways (seed 000: "8 des 15 défis ont été visités" and "les testeurs des autres défis"):
- **received**, per stand: its visits (feedback not hidden) and how many other teams' testers came;
- **given**, per team: how many of the other stands its members visited ("visited N of M").

:func:`coverage_compute` and :func:`least_visited` are pure functions of the visits, so they are tested on
hand-built data; the selectors around them load the rows in a fixed number of queries.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from challenges.models import Challenge, Edition, Site, TeamMembership
from challenges.selectors.challenges import FACILITATES_A_SITE
from innovation.backends import signed_in_fact
from innovation.calendars import CalendarEvent
from innovation.home import HomeEntry, HomeSection, first_rows_and_count
from innovation.models import User
from testsessions.models import Debrief, Feedback, FeedbackQuestion, Profile, Stand, TestSession, team_label

RECENT_FEEDBACK = 8
SUGGESTIONS = 3

# --- Sessions ------------------------------------------------------------------


def _runs_site_ids(user: User) -> QuerySet | None:
    """None for staff (every site); else the ids of the sites ``user`` facilitates."""
    if user.is_authenticated and user.is_staff:
        return None
    return Site.facilitators.through.objects.filter(user_id=user.pk).values("site_id")


def sessions_visible_to(*, user: User) -> QuerySet[TestSession]:
    """Open and closed sessions for everybody; drafts for their site's facilitators and staff."""
    sessions = TestSession.objects.select_related("site__edition", "form")
    if user.is_authenticated and user.is_staff:
        return sessions
    visible = ~Q(state=TestSession.State.DRAFT)
    if user.is_authenticated:
        visible |= Q(site_id__in=_runs_site_ids(user))
    return sessions.filter(visible)


def site_sessions(*, site: Site, user: User) -> list[TestSession]:
    return list(
        sessions_visible_to(user=user)
        .filter(site=site)
        .annotate(stand_count=Count("stands", distinct=True))
        .order_by("-starts_at", "id")
    )


def open_sessions_stands(*, sessions: Sequence[TestSession], user: User) -> None:
    """Give each open session of ``sessions`` its ``exhibition``: its stands, for a signed-in participant to walk
    through from the site's sessions page (a visitor without an account scans the posters' codes).

    Each stand says whether it is the person's team's (``own``: no feedback to give there) and whether they
    already gave theirs (``visited``). One query, none when no session is open.
    """
    open_sessions = {session.pk: session for session in sessions if session.state == TestSession.State.OPEN}
    for session in open_sessions.values():
        session.exhibition = []
    if not open_sessions or not user.is_authenticated:
        return
    stands = (
        Stand.objects.filter(session_id__in=open_sessions)
        .select_related("challenge")
        .annotate(
            own=Exists(TeamMembership.objects.filter(challenge_id=OuterRef("challenge_id"), person_id=user.pk)),
            visited=Exists(Feedback.objects.filter(stand_id=OuterRef("pk"), tester_id=user.pk)),
        )
        .order_by("position", "id")
    )
    for stand in stands:
        open_sessions[stand.session_id].exhibition.append(stand)


def sessions_run_by(*, user: User) -> QuerySet[TestSession]:
    """The sessions ``user`` runs (their sites' sessions; every one for staff): 404 for the others."""
    sessions = TestSession.objects.select_related("site__edition", "form")
    site_ids = _runs_site_ids(user)
    return sessions if site_ids is None else sessions.filter(site_id__in=site_ids)


def session_stands(*, session: TestSession) -> list[Stand]:
    """The stands of a session with their challenge and their number of visible feedback."""
    return list(
        session.stands.select_related("challenge")
        .annotate(visits=Count("feedback", filter=Q(feedback__hidden=False)))
        .order_by("position", "id")
    )


def stand_candidates(*, session: TestSession) -> QuerySet[Challenge]:
    """The site's published challenges that have no stand in the session yet, by number."""
    return (
        Challenge.objects.filter(site_id=session.site_id, status=Challenge.Status.PUBLISHED)
        .exclude(stands__session=session)
        .order_by("number")
    )


def stand_by_token(*, token: str) -> Stand:
    """The stand of a short URL, with what its page shows (404 for an unknown token)."""
    return get_object_or_404(
        Stand.objects.select_related(
            "session__site__edition", "session__form", "challenge__organisation"
        ).prefetch_related(
            Prefetch("session__form__questions", queryset=FeedbackQuestion.objects.order_by("position", "id"))
        ),
        token=token.lower(),
    )


def stands_visible_to(*, user: User) -> QuerySet[Stand]:
    """Stands of the sessions ``user`` may know about, with their session, site and challenge."""
    return Stand.objects.filter(session__in=sessions_visible_to(user=user)).select_related(
        "session__site__edition", "session__form", "challenge__site"
    )


def feedback_visible_to(*, user: User) -> QuerySet[Feedback]:
    return Feedback.objects.filter(stand__session__in=sessions_run_by(user=user)).select_related(
        "stand__session__site", "stand__challenge"
    )


def feedback_answer_rows(*, feedback: Feedback, questions: Sequence[FeedbackQuestion]) -> list[tuple[str, str]]:
    """A feedback's answers as (question, answer) pairs, choices by their label, unanswered ones left out."""
    rows = []
    for question in questions:
        value = feedback.answers.get(question.key)
        if value in (None, ""):
            continue
        shown = question.choice_label(value) if question.kind == FeedbackQuestion.Kind.CHOICE else str(value)
        if question.kind == FeedbackQuestion.Kind.SCALE:
            shown = f"{value} / {question.scale_max}"
        rows.append((question.text, shown))
    rows += [(pair["question"], pair["answer"]) for pair in feedback.team_answers]
    return rows


def session_feedback_rows(*, session: TestSession) -> list[Feedback]:
    """Every feedback of a session, hidden ones included (moderation), each with its ``answer_rows``."""
    questions = list(session.form.questions.order_by("position", "id"))
    items = list(
        Feedback.objects.filter(stand__session=session)
        .select_related("stand", "visiting_challenge")
        .order_by("stand__position", "stand_id", "-created_at", "-id")
    )
    for item in items:
        item.answer_rows = feedback_answer_rows(feedback=item, questions=questions)
    return items


# --- Two-way coverage -------------------------------------------------------------


@dataclass(frozen=True)
class StandRef:
    stand_id: int
    challenge_id: int
    label: str


@dataclass(frozen=True)
class Visit:
    stand_id: int
    visiting_challenge_id: int | None
    count: int = 1


@dataclass
class StandCoverage:
    stand_id: int
    challenge_id: int
    label: str
    visits: int = 0
    visiting_teams: int = 0

    @property
    def unvisited(self) -> bool:
        return self.visits == 0


@dataclass
class TeamCoverage:
    challenge_id: int
    label: str
    visited: int
    of: int

    @property
    def percent(self) -> int:
        return round(100 * self.visited / self.of) if self.of else 0


@dataclass
class Coverage:
    stands: list[StandCoverage]  # most visited first
    teams: list[TeamCoverage]  # in the order of the teams given
    visits: int = 0

    @property
    def unvisited(self) -> list[StandCoverage]:
        return [stand for stand in self.stands if stand.unvisited]

    def team(self, challenge_id: int) -> TeamCoverage | None:
        return next((team for team in self.teams if team.challenge_id == challenge_id), None)


def coverage_compute(
    *, stands: Sequence[StandRef], visits: Iterable[Visit], teams: Mapping[int, str] | None = None
) -> Coverage:
    """Both directions of coverage from the stands and the visits (one row per feedback, or counted).

    ``teams`` names the teams whose "visited N of M" is wanted, by challenge id (default: every team with
    a stand or a visit, labelled by its stand). A team's M is the number of stands but its own.
    """
    by_stand = {stand.stand_id: StandCoverage(stand.stand_id, stand.challenge_id, stand.label) for stand in stands}
    stand_challenges = {stand.challenge_id for stand in stands}
    visiting: dict[int, set[int]] = defaultdict(set)  # stand -> visiting teams
    visited: dict[int, set[int]] = defaultdict(set)  # team -> stands
    total = 0
    for visit in visits:
        coverage = by_stand.get(visit.stand_id)
        if coverage is None or visit.count <= 0:
            continue
        coverage.visits += visit.count
        total += visit.count
        team = visit.visiting_challenge_id
        if team is not None and team != coverage.challenge_id:
            visiting[visit.stand_id].add(team)
            visited[team].add(visit.stand_id)
    for stand_id, teams_seen in visiting.items():
        by_stand[stand_id].visiting_teams = len(teams_seen)
    if teams is None:
        labels = {stand.challenge_id: stand.label for stand in stands}
        teams = {challenge_id: labels.get(challenge_id, "") for challenge_id in [*labels, *visited]}
    team_rows = [
        TeamCoverage(
            challenge_id=challenge_id,
            label=label,
            visited=len(visited.get(challenge_id, ())),
            of=len(stands) - (1 if challenge_id in stand_challenges else 0),
        )
        for challenge_id, label in teams.items()
    ]
    order = {stand.stand_id: index for index, stand in enumerate(stands)}
    ordered = sorted(by_stand.values(), key=lambda item: (-item.visits, order[item.stand_id]))
    return Coverage(stands=ordered, teams=team_rows, visits=total)


def _session_visits(session_ids: Collection[int]) -> list[dict[str, Any]]:
    return list(
        Feedback.objects.filter(stand__session_id__in=list(session_ids), hidden=False)
        .values("stand__session_id", "stand_id", "visiting_challenge_id", "visiting_challenge__number")
        .annotate(count=Count("id"))
        .order_by()
    )


def _coverage_of(stands: Sequence[Stand], visit_rows: Iterable[Mapping[str, Any]]) -> Coverage:
    refs = [StandRef(stand.pk, stand.challenge_id, stand.label) for stand in stands]
    rows = list(visit_rows)
    teams = {stand.challenge_id: team_label(stand.challenge.number) for stand in stands}
    for row in sorted(rows, key=lambda row: row["visiting_challenge__number"] or 0):
        if row["visiting_challenge_id"] is not None:
            teams.setdefault(row["visiting_challenge_id"], team_label(row["visiting_challenge__number"]))
    teams = dict(sorted(teams.items(), key=lambda item: int(item[1].split()[-1])))
    visits = [Visit(row["stand_id"], row["visiting_challenge_id"], row["count"]) for row in rows]
    return coverage_compute(stands=refs, visits=visits, teams=teams)


def session_coverage(*, session: TestSession, stands: Sequence[Stand] | None = None) -> Coverage:
    """The session's two-way coverage, in two queries (one if the stands are given)."""
    if stands is None:
        stands = list(session.stands.select_related("challenge").order_by("position", "id"))
    return _coverage_of(stands, _session_visits([session.pk]))


def session_summary(*, session: TestSession) -> dict[str, Any]:
    """JSON-ready figures of a session (the closing notification keeps them)."""
    coverage = session_coverage(session=session)
    return {
        "stand_count": len(coverage.stands),
        "visit_count": coverage.visits,
        "unvisited": [stand.label for stand in coverage.unvisited],
        "teams": [{"label": team.label, "visited": team.visited, "of": team.of} for team in coverage.teams],
    }


# --- Where to go next ----------------------------------------------------------------


def _tie_breaker(seed: str, stand_id: int) -> str:
    return hashlib.sha256(f"{seed}:{stand_id}".encode()).hexdigest()


def least_visited(
    *, counts: Mapping[int, int], exclude: Collection[int] = (), seed: str = "", limit: int = 3
) -> list[int]:
    """The ids of the ``limit`` least-visited stands, leaving out ``exclude``.

    Stands with as many visits are ordered by a hash of the tester's ``seed``: testers who just left the
    same stand are not all sent to the same next one.
    """
    candidates = [stand_id for stand_id in counts if stand_id not in exclude]
    candidates.sort(key=lambda stand_id: (counts[stand_id], _tie_breaker(seed, stand_id)))
    return candidates[:limit]


def stands_to_visit_next(
    *, stand: Stand, tester: User | None, browser_key: str, limit: int = SUGGESTIONS
) -> list[Stand]:
    """The least-visited stands of the session this tester has not answered on yet (nor their own team's)."""
    stands = {item.pk: item for item in session_stands(session=stand.session)}
    done = Feedback.objects.filter(stand__session_id=stand.session_id)
    signed_in = tester is not None and tester.is_authenticated
    if signed_in:
        done = done.filter(tester=tester)
        own = set(
            TeamMembership.objects.filter(person=tester, challenge__site_id=stand.session.site_id).values_list(
                "challenge_id", flat=True
            )
        )
    else:
        done = done.filter(tester__isnull=True, browser_key=browser_key)
        own = set()
    exclude = {stand.pk, *done.values_list("stand_id", flat=True)}
    exclude |= {item.pk for item in stands.values() if item.challenge_id in own}
    seed = f"user:{tester.pk}" if signed_in else f"browser:{browser_key}"
    ids = least_visited(
        counts={pk: item.visits for pk, item in stands.items()}, exclude=exclude, seed=seed, limit=limit
    )
    return [stands[pk] for pk in ids]


# --- The facilitator's live board ---------------------------------------------------


def session_board(*, session: TestSession) -> dict[str, Any]:
    """What the live board shows, in four queries whatever the number of stands."""
    stands = session_stands(session=session)
    coverage = session_coverage(session=session, stands=stands)
    recent = list(
        Feedback.objects.filter(stand__session=session, hidden=False)
        .select_related("stand", "visiting_challenge")
        .only("pk", "created_at", "updated_at", "profile", "answers", "stand__position", "visiting_challenge__number")
        .order_by("-created_at", "-id")[:RECENT_FEEDBACK]
    )
    testers = (
        Feedback.objects.filter(stand__session=session, hidden=False)
        .values("tester_id", "browser_key")
        .distinct()
        .count()
    )
    return {
        "stands": stands,
        "coverage": coverage,
        "recent": recent,
        "tester_count": testers,
        "most_visits": max((item.visits for item in coverage.stands), default=0),
    }


# --- Feedback summaries ------------------------------------------------------------


@dataclass
class Bar:
    label: str
    count: int
    percent: int


@dataclass
class QuestionSummary:
    question: FeedbackQuestion
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    average: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind


def _rounded(numerator: int, denominator: int, *, places: int = 0) -> Decimal:
    """``numerator ÷ denominator`` rounded half up, as people round: 13 ÷ 4 is 3.3 (Python's ``round`` says 3.2)."""
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def feedback_summaries(*, questions: Sequence[FeedbackQuestion], feedback: Sequence[Feedback]) -> list[QuestionSummary]:
    """Per question: how many answered, the distribution (scale, choice) or the texts (newest first)."""
    summaries = []
    for question in questions:
        values = [item.answers[question.key] for item in feedback if item.answers.get(question.key) not in (None, "")]
        summary = QuestionSummary(question=question, answered=len(values))
        if question.kind == FeedbackQuestion.Kind.TEXT:
            summary.texts = [str(value) for value in values]
        else:
            counts = Counter(values)
            options = (
                [(value, str(value)) for value in question.scale_values]
                if question.kind == FeedbackQuestion.Kind.SCALE
                else [(choice["value"], str(choice["label"])) for choice in question.choices]
            )
            summary.bars = [
                Bar(
                    label=label,
                    count=counts.get(value, 0),
                    percent=int(_rounded(100 * counts.get(value, 0), len(values))) if values else 0,
                )
                for value, label in options
            ]
            if question.kind == FeedbackQuestion.Kind.SCALE and values:
                summary.average = float(_rounded(sum(int(value) for value in values), len(values), places=1))
        summaries.append(summary)
    return summaries


def team_answer_groups(*, feedback: Sequence[Feedback]) -> list[dict[str, Any]]:
    """The answers to the team's own questions, grouped by question in the order first asked."""
    groups: dict[str, list[str]] = {}
    for item in feedback:
        for pair in item.team_answers:
            groups.setdefault(pair["question"], []).append(pair["answer"])
    return [{"question": question, "answers": answers} for question, answers in groups.items()]


def profile_counts(*, feedback: Sequence[Feedback]) -> list[tuple[str, int]]:
    counts = Counter(item.profile for item in feedback if item.profile)
    return [(str(label), counts[value]) for value, label in Profile.choices if counts.get(value)]


@dataclass
class StandReport:
    """Everything known of one stand after (or during) its session."""

    stand: Stand
    feedback: list[Feedback]
    summaries: list[QuestionSummary]
    team_answers: list[dict[str, Any]]
    profiles: list[tuple[str, int]]
    coverage: StandCoverage | None
    team: TeamCoverage | None
    debrief: Debrief | None


def _stand_reports(session: TestSession, stands: Sequence[Stand], coverage: Coverage) -> list[StandReport]:
    questions = list(FeedbackQuestion.objects.filter(form_id=session.form_id).order_by("position", "id"))
    feedback_by_stand: dict[int, list[Feedback]] = defaultdict(list)
    rows = Feedback.objects.filter(stand__in=stands, hidden=False).select_related("visiting_challenge")
    for item in rows.order_by("-created_at", "-id"):
        feedback_by_stand[item.stand_id].append(item)
    debriefs = {
        debrief.challenge_id: debrief
        for debrief in Debrief.objects.filter(session=session, challenge_id__in=[s.challenge_id for s in stands])
    }
    stand_coverage = {item.stand_id: item for item in coverage.stands}
    reports = []
    for stand in stands:
        feedback = feedback_by_stand.get(stand.pk, [])
        reports.append(
            StandReport(
                stand=stand,
                feedback=feedback,
                summaries=feedback_summaries(questions=questions, feedback=feedback),
                team_answers=team_answer_groups(feedback=feedback),
                profiles=profile_counts(feedback=feedback),
                coverage=stand_coverage.get(stand.pk),
                team=coverage.team(stand.challenge_id),
                debrief=debriefs.get(stand.challenge_id),
            )
        )
    return reports


def challenge_test_stands(*, challenge: Challenge, user: User) -> list[Stand]:
    """« Retours du test » of a challenge page: its stands in sessions that took place, that ``user`` may read,
    newest session first, in one query (none for who may not read them: a stand is on its challenge's site).

    The page caches each stand's report (:func:`stand_test_report`) under its session's ``updated_at``, which
    every write that changes a report moves (``services.sessions.session_reports_changed``).
    """
    if not user.has_perm("testsessions.view_challenge_feedback", challenge):
        return []
    stands = (
        Stand.objects.filter(challenge=challenge)
        .exclude(session__state=TestSession.State.DRAFT)
        .select_related("session")
        .order_by("-session__starts_at", "id")
    )
    readable = []
    for stand in stands:
        stand.challenge = challenge  # the page's object: its team roles and its site's facilitation are known
        if stand.session.site_id == challenge.site_id:
            stand.session.site = challenge.site
        if user.has_perm("testsessions.view_feedback", stand):
            readable.append(stand)
    return readable


def stand_test_report(*, stand: Stand) -> StandReport:
    """Everything known of one stand of a session that took place: its feedback summed up, its coverage both
    ways in its session, its debrief (five queries)."""
    stands = [
        stand if row.pk == stand.pk else row
        for row in Stand.objects.filter(session_id=stand.session_id)
        .select_related("challenge")
        .order_by("position", "id")
    ]
    coverage = session_coverage(session=stand.session, stands=stands)
    return _stand_reports(stand.session, [stand], coverage)[0]


def session_report_document(*, session: TestSession) -> dict[str, Any]:
    """The session report: coverage, then one part per stand (answers, free texts, debrief)."""
    stands = list(session.stands.select_related("challenge").order_by("position", "id"))
    coverage = session_coverage(session=session, stands=stands)
    return {
        "session": session,
        "coverage": coverage,
        "stands": _stand_reports(session, stands, coverage),
        "tester_count": Feedback.objects.filter(stand__session=session, hidden=False)
        .values("tester_id", "browser_key")
        .distinct()
        .count(),
    }


# --- Summaries for the site and edition reports ------------------------------------


@dataclass
class SessionTestSummary:
    """One session in a site or edition report's test section."""

    session: TestSession
    coverage: Coverage
    validated: int
    to_rework: int

    @property
    def stand_count(self) -> int:
        return len(self.coverage.stands)


def _sessions_summaries(sessions: Sequence[TestSession]) -> list[SessionTestSummary]:
    ids = [session.pk for session in sessions]
    stands_by_session: dict[int, list[Stand]] = defaultdict(list)
    for stand in Stand.objects.filter(session_id__in=ids).select_related("challenge").order_by("position", "id"):
        stands_by_session[stand.session_id].append(stand)
    visits_by_session: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in _session_visits(ids):
        visits_by_session[row["stand__session_id"]].append(row)
    outcomes = Counter(
        (row["session_id"], row["outcome"])
        for row in Debrief.objects.filter(session_id__in=ids).values("session_id", "outcome")
    )
    return [
        SessionTestSummary(
            session=session,
            coverage=_coverage_of(stands_by_session.get(session.pk, []), visits_by_session.get(session.pk, [])),
            validated=outcomes.get((session.pk, Debrief.Outcome.VALIDATED), 0),
            to_rework=outcomes.get((session.pk, Debrief.Outcome.TO_REWORK), 0),
        )
        for session in sessions
    ]


def site_test_summary(*, site: Site) -> list[SessionTestSummary]:
    """The test section of a site report: each session that took place, in four queries."""
    sessions = list(
        TestSession.objects.filter(site=site).exclude(state=TestSession.State.DRAFT).order_by("starts_at", "id")
    )
    return _sessions_summaries(sessions)


def edition_test_summary(*, edition: Edition) -> list[tuple[Site, list[SessionTestSummary]]]:
    """The test section of an edition report: per site (in order of place), its sessions."""
    sessions = list(
        TestSession.objects.filter(site__edition=edition)
        .exclude(state=TestSession.State.DRAFT)
        .select_related("site")
        .order_by("site__place", "starts_at", "id")
    )
    grouped: dict[int, tuple[Site, list[SessionTestSummary]]] = {}
    for summary in _sessions_summaries(sessions):
        site = summary.session.site
        grouped.setdefault(site.pk, (site, []))[1].append(summary)
    return list(grouped.values())


# --- Calendars ----------------------------------------------------------------------


def session_event(session: TestSession) -> CalendarEvent:
    place = ", ".join(part for part in (session.place, session.site.place) if part)
    return CalendarEvent(
        uid=f"test-session-{session.pk}",
        title=f"{session.title} · {session.site.place}",
        starts=session.starts_at,
        ends=session.ends_at,
        location=place,
        url=settings.SITE_URL + reverse("testsessions:site_sessions", args=[session.site_id]),
    )


def site_calendar_events(*, site: Site) -> list[CalendarEvent]:
    sessions = TestSession.objects.filter(site=site).exclude(state=TestSession.State.DRAFT).select_related("site")
    return [session_event(session) for session in sessions.order_by("starts_at", "id")]


def person_session_events(*, person: User) -> list[CalendarEvent]:
    """The sessions a person takes part in: their team's stands, and the sessions of sites they facilitate."""
    if not person.is_authenticated:
        return []
    sessions = (
        TestSession.objects.filter(
            Q(site_id__in=Site.facilitators.through.objects.filter(user_id=person.pk).values("site_id"))
            | Q(
                pk__in=Stand.objects.filter(
                    challenge_id__in=TeamMembership.objects.filter(person_id=person.pk).values("challenge_id")
                ).values("session_id")
            )
        )
        .exclude(state=TestSession.State.DRAFT)
        .select_related("site")
        .order_by("starts_at", "id")
    )
    return [session_event(session) for session in sessions]


# --- Home page ----------------------------------------------------------------------


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j N Y, H:i")


def home_my_test_sessions(user: User) -> HomeSection | None:
    """Test sessions still to come or open, on one's sites or with a stand of one's team (None when none).

    Who facilitates no site (the signed-in facts say so) and is not staff sees only open sessions, those with a
    stand of their team's: the query says just that, without the sites' subqueries.
    """
    stands = Q(pk__in=Stand.objects.filter(challenge__team__person_id=user.pk).values("session_id"))
    if signed_in_fact(user, FACILITATES_A_SITE) is False and not user.is_staff:
        sessions = TestSession.objects.filter(stands, state=TestSession.State.OPEN).annotate(runs=Value(False))
    else:
        facilitated = Site.facilitators.through.objects.filter(user_id=user.pk).values("site_id")
        sessions = (
            sessions_visible_to(user=user)
            .filter(stands | Q(site_id__in=facilitated))
            .exclude(state=TestSession.State.CLOSED)
            # who runs it opens the session's page; a team member, the site's sessions (``runs_session``)
            .annotate(
                runs=Value(True) if user.is_staff else ExpressionWrapper(Q(site_id__in=facilitated), BooleanField())
            )
        )
    rows = sessions.order_by("starts_at", "id").values("pk", "title", "starts_at", "site_id", "site__place", "runs")
    shown, count = first_rows_and_count(rows)
    if not count:
        return None
    return HomeSection(
        key="test-sessions",
        title=gettext("My test sessions"),
        count=count,
        url="",
        link_label="",
        entries=[
            HomeEntry(
                label=session["title"],
                url=reverse("testsessions:session_detail", args=[session["pk"]])
                if session["runs"]
                else reverse("testsessions:site_sessions", args=[session["site_id"]]) + f"#session-{session['pk']}",
                detail=f"{session['site__place']} · {_when(session['starts_at'])}",
            )
            for session in shown
        ],
    )
