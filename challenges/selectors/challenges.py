"""Read queries of editions, sites and challenges."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from math import ceil

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404

from challenges.models import (
    AuditEntry,
    Challenge,
    ChallengeAttachment,
    ChallengeLink,
    Edition,
    Idea,
    PhaseContent,
    QuestionReformulation,
    Site,
    SiteProgrammeItem,
    TeamMembership,
    Theme,
)
from challenges.models.challenges import PHASE_ORDER, Phase
from challenges.page_links import page_sections_load
from innovation.backends import signed_in_fact
from innovation.models import Organisation, User

# Whether a person facilitates at least one site, read with them on every signed-in request (the navigation
# offers the grids and reports to facilitators): see innovation/backends.py.
FACILITATES_A_SITE = "facilitates_a_site"


def facilitates_a_site_fact() -> Exists:
    return Exists(Site.facilitators.through.objects.filter(user_id=OuterRef("pk")))


def facilitates_a_site(*, user: User) -> bool:
    """Whether ``user`` facilitates at least one site: the fact read with the signed-in person, else one query
    (then remembered on that object)."""
    if not user.is_authenticated:
        return False
    if signed_in_fact(user, FACILITATES_A_SITE) is None:
        setattr(user, FACILITATES_A_SITE, user.facilitated_sites.exists())
    return getattr(user, FACILITATES_A_SITE)


def challenges_visible_to(*, user: User) -> QuerySet[Challenge]:
    """Published challenges, plus the drafts of one's teams and sites (all of them for staff).

    An object outside this set answers 404: its existence is not revealed.
    """
    challenges = Challenge.objects.all()
    if user.is_authenticated and user.is_staff:
        return challenges
    visible = Q(status=Challenge.Status.PUBLISHED)
    if user.is_authenticated:
        # Subqueries rather than joins: no duplicate rows, and a plan that stays cheap on a large site.
        visible |= Q(pk__in=TeamMembership.objects.filter(person_id=user.pk).values("challenge_id"))
        visible |= Q(site_id__in=Site.facilitators.through.objects.filter(user_id=user.pk).values("site_id"))
    return challenges.filter(visible)


# --- Pages of the challenges area -------------------------------------------------


def _visible_count(user: User, prefix: str) -> Count:
    """Count the challenges under ``prefix`` that ``user`` may see, in the same query."""
    if user.is_authenticated and user.is_staff:
        return Count(prefix, distinct=True)
    return Count(
        prefix,
        filter=Q(**{f"{prefix}__in": challenges_visible_to(user=user).values("pk")}),
        distinct=True,
    )


def editions_with_counts(*, user: User) -> QuerySet[Edition]:
    return Edition.objects.select_related("organiser").annotate(
        site_count=Count("sites", distinct=True), challenge_count=_visible_count(user, "sites__challenges")
    )


def edition_for_page(*, edition_id: int, user: User) -> Edition:
    """An edition with its sites and themes, each with the number of challenges ``user`` may see."""
    edition = get_object_or_404(Edition.objects.select_related("organiser"), pk=edition_id)
    edition.site_list = list(
        edition.sites.annotate(challenge_count=_visible_count(user, "challenges"))
        .order_by("place")
        .prefetch_related(Prefetch("facilitators", queryset=User.objects.order_by("display_name", "email")))
    )
    edition.theme_list = list(
        edition.themes.annotate(challenge_count=_visible_count(user, "challenges")).order_by("position", "title")
    )
    return edition


def edition_themes(*, edition_id: int) -> QuerySet[Theme]:
    return Theme.objects.filter(edition_id=edition_id).order_by("position", "title")


def edition_theme_choices(*, edition_id: int) -> list[tuple[int, str]]:
    """``(pk, title)`` of an edition's themes, in order (a filter's choices: no model built)."""
    return list(edition_themes(edition_id=edition_id).values_list("pk", "title"))


def _viewer_facilitates(user: User, site_id: str) -> Exists:
    """Whether ``user`` facilitates the site whose id is at ``site_id``, read in the page's own query."""
    return Exists(Site.facilitators.through.objects.filter(site_id=OuterRef(site_id), user_id=user.pk))


@functools.cache
def _sites_for_page() -> QuerySet[Site]:
    """Sites with their edition and whether they have a programme: built once per process (building the ``Exists``
    costs more than running it), then filtered per request (as ``innovation.backends`` does for the person)."""
    return Site.objects.select_related("edition").annotate(
        has_programme=Exists(SiteProgrammeItem.objects.filter(site_id=OuterRef("pk")))
    )


def site_for_page(*, site_id: int, user: User) -> Site:
    """The site with its edition, whether ``user`` facilitates it or is on a team of it (primed for
    challenges.rules), and its programme.

    The programme is read only when the site has one (an ``Exists`` in the same query).
    """
    sites = _sites_for_page()
    # Who facilitates no site at all (the signed-in facts say so) facilitates not this one: nothing to ask.
    facilitates_none = signed_in_fact(user, FACILITATES_A_SITE) is False
    if user.is_authenticated:
        if not facilitates_none:
            sites = sites.annotate(viewer_facilitates=_viewer_facilitates(user, "pk"))
        sites = sites.annotate(
            viewer_in_a_team=Exists(
                TeamMembership.objects.filter(person_id=user.pk, challenge__site_id=OuterRef("pk"))
            ),
        )
    site = get_object_or_404(sites, pk=site_id)
    if user.is_authenticated:
        if facilitates_none:
            site.viewer_facilitates = False
        site.__dict__["_facilitates"] = {user.pk: site.viewer_facilitates}
        site.__dict__["_in_a_team"] = {user.pk: site.viewer_in_a_team}
    site.programme_list = site_programme(site=site) if site.has_programme else []
    return site


@dataclass(frozen=True)
class SiteFilters:
    theme: int | None = None
    phase: str = ""
    organisation: int | None = None
    search: str = ""
    idea_to_confirm: bool = False  # a retained idea, none confirmed by the owner yet


SITE_ROW_FIELDS = ("pk", "number", "question", "territory", "phase", "status")


@functools.cache
def _site_rows() -> QuerySet[Challenge]:
    """What a line of the site page shows (``SITE_ROW_FIELDS``, its owner's name and its theme's title, as dicts:
    the long texts stay in the database, no model is built), in order, with how many lines there are (a window
    count, read with the page's rows). Built once per process, then filtered per request.

    The name and the title are subqueries, not joins: the window counts every row of the site before the page is
    cut, and PostgreSQL would join each of them; a subquery in the select list runs for the page's rows only.
    """
    return (
        Challenge.objects.order_by("number")
        .values(*SITE_ROW_FIELDS)
        .annotate(
            organisation__name=Subquery(
                Organisation.objects.filter(pk=OuterRef("organisation_id")).order_by().values("name")
            ),
            theme__title=Subquery(Theme.objects.filter(pk=OuterRef("theme_id")).order_by().values("title")),
            page_total=Window(Count("pk")),
        )
    )


def site_challenges(*, site: Site, user: User, filters: SiteFilters) -> QuerySet[Challenge]:
    """The challenges of a site that ``user`` may see, filtered and searched (question, subject, territory), as
    the rows of ``SITE_ROW_FIELDS`` with their number (``page_total``): see :func:`site_challenges_page`.

    Whether ``user`` facilitates the site is known (read with a site from :func:`site_for_page`, else asked): then
    every challenge of the site is visible to them, else the facilitated sites' part of
    :func:`challenges_visible_to` cannot match this site. Either way no subquery on the facilitators is needed.
    """
    challenges = _site_rows().filter(_visible_on_site(site=site, user=user))
    if filters.theme:
        challenges = challenges.filter(theme_id=filters.theme)
    if filters.phase:
        challenges = challenges.filter(phase=filters.phase)
    if filters.organisation:
        challenges = challenges.filter(organisation_id=filters.organisation)
    if filters.idea_to_confirm:
        ideas = Idea.objects.filter(challenge_id=OuterRef("pk"))
        challenges = challenges.filter(
            Exists(ideas.filter(retained=True)), ~Exists(ideas.filter(confirmed_at__isnull=False))
        )
    if filters.search:
        words = filters.search.split()
        for word in words[:8]:
            challenges = challenges.filter(
                Q(question__icontains=word) | Q(subject__icontains=word) | Q(territory__icontains=word)
            )
    return challenges


def _visible_on_site(*, site: Site, user: User) -> Q:
    """The condition of ``challenges_visible_to(user=user).filter(site=site)``, told whether ``user`` facilitates
    ``site``."""
    on_site = Q(site_id=site.pk)
    if not user.is_authenticated:
        return on_site & Q(status=Challenge.Status.PUBLISHED)
    facilitates = site.__dict__.get("_facilitates", {}).get(user.pk)
    if facilitates is None:  # a site loaded another way
        facilitates = Site.facilitators.through.objects.filter(site_id=site.pk, user_id=user.pk).exists()
    if user.is_staff or facilitates:
        return on_site
    visible = Q(status=Challenge.Status.PUBLISHED) | Q(
        pk__in=TeamMembership.objects.filter(person_id=user.pk).values("challenge_id")
    )
    return on_site & visible


def site_challenges_page(challenges: QuerySet[Challenge], *, number: str | None, size: int) -> Page:
    """Page ``number`` of ``challenges`` (from :func:`site_challenges`) and how many they are, in one query.

    Each row is a dict of ``SITE_ROW_FIELDS`` only: the long texts stay in the database, and no model is built.
    A number that is not a page gives the first page; a page past the end gives the last one (two more queries).
    """
    try:
        wanted = max(int(number), 1)
    except (TypeError, ValueError):
        wanted = 1
    rows = list(challenges[(wanted - 1) * size : wanted * size])
    if not rows and wanted > 1:
        wanted = max(ceil(challenges.count() / size), 1)
        rows = list(challenges[(wanted - 1) * size : wanted * size])
    paginator = Paginator(challenges, size)
    paginator.count = rows[0]["page_total"] if rows else 0  # known: Paginator does not count again
    return Page(rows, wanted, paginator)


def site_organisations(*, site: Site) -> list[tuple[int, str]]:
    """``(pk, name)`` of the organisations that own a challenge of the site (for the filter), by name."""
    owners = Challenge.objects.filter(site_id=site.pk).values("organisation_id")
    return list(Organisation.objects.filter(pk__in=owners).order_by("name").values_list("pk", "name"))


def organisation_names(*, limit: int = 500) -> list[str]:
    """Names offered while typing a challenge's owner organisation."""
    return list(Organisation.objects.order_by("name").values_list("name", flat=True)[:limit])


def challenge_scope(*, user: User) -> QuerySet[Challenge]:
    """What a challenge's pages load: a challenge ``user`` may see (else 404), with its site and edition."""
    return challenges_visible_to(user=user).select_related("site__edition", "organisation", "theme")


def edition_scope(*, user: User) -> QuerySet[Edition]:
    """Every edition: editions are public."""
    return Edition.objects.select_related("organiser")


def edition_with_sites_scope(*, user: User) -> QuerySet[Edition]:
    """An edition for its staff page: its sites (with their facilitators and number of challenges) and themes."""
    return edition_scope(user=user).prefetch_related(
        Prefetch(
            "sites",
            queryset=Site.objects.annotate(challenge_count=Count("challenges")).prefetch_related(
                Prefetch("facilitators", queryset=User.objects.order_by("display_name", "email"))
            ),
        ),
        "themes",
    )


def site_scope(*, user: User) -> QuerySet[Site]:
    """Every site, with its edition: sites are public (what one may do on them is a permission)."""
    return Site.objects.select_related("edition")


def theme_scope(*, user: User) -> QuerySet[Theme]:
    """Every theme, with its edition: themes are public."""
    return Theme.objects.select_related("edition")


def site_next_challenge_number(*, site: Site) -> int:
    """The number offered to a new challenge of the site: one more than the highest."""
    return (site.challenges.order_by("-number").values_list("number", flat=True).first() or 0) + 1


def _challenge_page_relations() -> list[Prefetch]:
    """The rows of other tables the challenge page shows outside its cached fragments, each in the order the
    page shows them, as lists (``challenge.<name>_rows``): the team and the question's history, which name
    people (a person's name or account may change without the challenge knowing)."""
    return [
        Prefetch(
            "team",
            queryset=TeamMembership.objects.select_related("person__organisation").order_by(
                "role", "person__display_name", "id"
            ),
            to_attr="team_rows",
        ),
        Prefetch(
            "reformulations",
            queryset=QuestionReformulation.objects.select_related("author").order_by("created_at", "id"),
            to_attr="reformulations_rows",
        ),
    ]


def challenge_for_page(*, user: User, challenge_id: int) -> Challenge:
    """The challenge, its team and its question's history, if ``user`` may see it (else 404), in three queries.

    The challenge's query also tells whether ``user`` facilitates its site, so no permission of the page needs a
    query. Its phases, key ideas, links and files are read by :class:`ChallengeContent`, only when the page's
    cached fragments are rendered afresh.
    """
    challenges = challenges_visible_to(user=user).select_related("site__edition", "organisation", "theme")
    if user.is_authenticated:
        challenges = challenges.annotate(viewer_facilitates=_viewer_facilitates(user, "site_id"))
    challenge = get_object_or_404(page_sections_load(page="challenge", queryset=challenges), pk=challenge_id)
    prefetch_related_objects([challenge], *_challenge_page_relations())
    # Prime the per-object caches of challenges.rules: the challenge came through challenges_visible_to,
    # and the team and the site's facilitation are read, so no permission of the page needs a query.
    challenge.__dict__["_visible_to"] = {user.pk: True}
    if user.is_authenticated:
        roles = {membership.person_id: membership.role for membership in challenge.team_rows}
        challenge.__dict__["_team_roles"] = {user.pk: roles.get(user.pk)}
        challenge.site.__dict__["_facilitates"] = {user.pk: challenge.viewer_facilitates}
    return challenge


@dataclass
class PhaseStep:
    phase: str
    label: str
    state: str  # "done", "current" or "upcoming"
    content: PhaseContent | None
    attachments: list[ChallengeAttachment] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)  # the ideation phase's key ideas
    confirmed_idea: Idea | None = None  # the selected-idea phase: the idea its owner confirmed


class ChallengeContent:
    """The phases, key ideas, links and files of a challenge page, each read when the page first asks for it.

    They are the page's cached fragments (``challenge_detail.html``, keyed on the challenge's ``updated_at``,
    which every service that writes them moves): a page served from the cache reads none of them.
    """

    def __init__(self, challenge: Challenge) -> None:
        self.challenge = challenge

    @functools.cached_property
    def attachments(self) -> list[ChallengeAttachment]:
        return list(ChallengeAttachment.objects.filter(challenge_id=self.challenge.pk).order_by("id"))

    @functools.cached_property
    def documents(self) -> list[ChallengeAttachment]:
        """The files of the challenge itself, not of one of its phases."""
        return [attachment for attachment in self.attachments if not attachment.phase]

    @functools.cached_property
    def links(self) -> list[ChallengeLink]:
        return list(ChallengeLink.objects.filter(challenge_id=self.challenge.pk).order_by("id"))

    @functools.cached_property
    def timeline(self) -> list[PhaseStep]:
        """The five phases in order, each with its content, files and key ideas."""
        contents = {row.phase: row for row in PhaseContent.objects.filter(challenge_id=self.challenge.pk)}
        files: dict[str, list[ChallengeAttachment]] = {}
        for attachment in self.attachments:
            files.setdefault(attachment.phase, []).append(attachment)
        ideas = list(Idea.objects.filter(challenge_id=self.challenge.pk).order_by("position", "id"))
        confirmed = next((idea for idea in ideas if idea.confirmed_at is not None), None)
        current = PHASE_ORDER.index(self.challenge.phase)
        return [
            PhaseStep(
                phase=phase,
                label=str(Phase(phase).label),
                state="done" if index < current else "current" if index == current else "upcoming",
                content=contents.get(phase),
                attachments=files.get(phase, []),
                ideas=ideas if phase == Phase.IDEATION else [],
                confirmed_idea=confirmed if phase == Phase.SELECTED_IDEA else None,
            )
            for index, phase in enumerate(PHASE_ORDER)
        ]


def challenge_audit_entries(*, challenge: Challenge) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(challenge=challenge).select_related("actor").order_by("-created_at", "-id")


def challenge_ideas(*, challenge: Challenge) -> list[Idea]:
    """The key ideas of the challenge, in order, with who confirmed the selected one."""
    return list(Idea.objects.filter(challenge=challenge).select_related("confirmed_by").order_by("position", "id"))


# --- The edition by theme (issue 15) -----------------------------------------


@dataclass
class ThemeGroup:
    theme: Theme | None  # None: the challenges without a theme
    challenges: list[Challenge] = field(default_factory=list)
    sites: dict[str, int] = field(default_factory=dict)  # place → count


@dataclass
class SitePhaseCounts:
    site: Site
    by_phase: list[int]  # in PHASE_ORDER
    total: int


@dataclass
class EditionByTheme:
    edition: Edition
    groups: list[ThemeGroup]
    site_rows: list[SitePhaseCounts]
    phase_totals: list[int]
    total: int


THEME_ROW_FIELDS = ("site_id", "theme_id", "number", "question", "phase", "status", "organisation__name")


def edition_by_theme(*, edition_id: int, user: User) -> EditionByTheme:
    """The challenges ``user`` may see of an edition, grouped by theme across its sites, with counts per site and
    phase. Five queries whatever the number of challenges: edition, themes, sites, challenges, counts."""
    edition = get_object_or_404(Edition.objects.select_related("organiser"), pk=edition_id)
    themes = list(Theme.objects.filter(edition=edition).order_by("position", "title", "id"))
    sites = {site.pk: site for site in Site.objects.filter(edition=edition).order_by("place", "id")}
    visible = challenges_visible_to(user=user).filter(site__edition=edition)
    groups = {theme.pk: ThemeGroup(theme=theme) for theme in themes}
    unthemed = ThemeGroup(theme=None)
    for challenge in visible.select_related("organisation").only(*THEME_ROW_FIELDS).order_by("site_id", "number"):
        challenge.site = sites[challenge.site_id]  # no query: the sites are loaded once
        group = groups.get(challenge.theme_id, unthemed)
        group.challenges.append(challenge)
        place = challenge.site.place
        group.sites[place] = group.sites.get(place, 0) + 1
    counts: dict[int, dict[str, int]] = {}
    for row in visible.values("site_id", "phase").annotate(n=Count("pk")).order_by():
        counts.setdefault(row["site_id"], {})[row["phase"]] = row["n"]
    site_rows = [
        SitePhaseCounts(
            site=site,
            by_phase=[counts.get(site.pk, {}).get(phase, 0) for phase in PHASE_ORDER],
            total=sum(counts.get(site.pk, {}).values()),
        )
        for site in sites.values()
    ]
    phase_totals = [sum(row.by_phase[index] for row in site_rows) for index in range(len(PHASE_ORDER))]
    ordered = [groups[theme.pk] for theme in themes] + ([unthemed] if unthemed.challenges else [])
    return EditionByTheme(
        edition=edition, groups=ordered, site_rows=site_rows, phase_totals=phase_totals, total=sum(phase_totals)
    )


def site_programme(*, site: Site) -> list[SiteProgrammeItem]:
    """The site's moments by date and time; those without one come last, in the order they were added."""
    return list(
        SiteProgrammeItem.objects.filter(site=site).order_by(F("starts_at").asc(nulls_last=True), "position", "id")
    )
