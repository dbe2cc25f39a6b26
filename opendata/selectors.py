"""What the open data publish: the editions, sites and themes, and the published challenges only.

"Published" is what an anonymous visitor of the site sees (``challenges_visible_to``), so the API and
the pages can never disagree about a draft. No person appears: organisations are named, people are not.
The latest verdict of a challenge is given only when its owner allowed it (``Challenge.shares_verdict``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from challenges.models import Challenge, ChallengeLink, Edition, Site, Theme
from challenges.selectors.challenges import challenges_visible_to
from grids.models import Assessment


@dataclass(frozen=True)
class ChallengeFilters:
    edition: int | None = None
    site: int | None = None
    theme: int | None = None
    phase: str | None = None


def public_editions() -> QuerySet[Edition]:
    return Edition.objects.select_related("organiser").order_by("-starts_on", "title", "id")


def public_sites(*, edition: int | None = None) -> QuerySet[Site]:
    sites = Site.objects.select_related("edition").order_by("edition__starts_on", "edition_id", "place", "id")
    return sites.filter(edition_id=edition) if edition else sites


def public_themes(*, edition: int | None = None) -> QuerySet[Theme]:
    themes = Theme.objects.select_related("edition").order_by("edition_id", "position", "title", "id")
    return themes.filter(edition_id=edition) if edition else themes


def _latest_submitted() -> QuerySet[Assessment]:
    return Assessment.objects.filter(challenge=OuterRef("pk"), status=Assessment.Status.SUBMITTED).order_by(
        "-submitted_at", "-id"
    )


def public_challenges(*, filters: ChallengeFilters | None = None) -> QuerySet[Challenge]:
    """Published challenges with what their open-data record shows, in a constant number of queries."""
    filters = filters or ChallengeFilters()
    challenges = (
        challenges_visible_to(user=AnonymousUser())
        .select_related("site__edition", "theme", "organisation")
        .prefetch_related(Prefetch("links", queryset=ChallengeLink.objects.order_by("id")))
        .annotate(
            latest_verdict=Subquery(_latest_submitted().values("verdict")[:1]),
            latest_verdict_at=Subquery(_latest_submitted().values("submitted_at")[:1]),
            latest_verdict_kind=Subquery(_latest_submitted().values("kind")[:1]),
        )
        .order_by("site__edition__starts_on", "site__edition_id", "site__place", "site_id", "number", "id")
    )
    if filters.edition:
        challenges = challenges.filter(site__edition_id=filters.edition)
    if filters.site:
        challenges = challenges.filter(site_id=filters.site)
    if filters.theme:
        challenges = challenges.filter(theme_id=filters.theme)
    if filters.phase:
        challenges = challenges.filter(phase=filters.phase)
    return challenges
