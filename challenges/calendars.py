"""The dates of editions and sites as calendar events, for their feeds and for each person's own feed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from challenges.models import Edition, Site, TeamMembership
from innovation.calendars import CalendarEvent
from innovation.models import User


def edition_event(edition: Edition) -> CalendarEvent:
    return CalendarEvent(
        uid=f"edition-{edition.pk}",
        title=edition.title,
        starts=edition.starts_on,
        ends=edition.ends_on,
        url=settings.SITE_URL + reverse("challenges:edition_detail", args=[edition.pk]),
    )


def site_event(site: Site) -> CalendarEvent:
    """A site's days (its edition's when it has none of its own), at its place."""
    return CalendarEvent(
        uid=f"site-{site.pk}",
        title=f"{site.edition.title} — {site.place}",
        starts=site.starts_on or site.edition.starts_on,
        ends=site.ends_on or (site.starts_on if site.starts_on else site.edition.ends_on),
        location=site.place,
        url=settings.SITE_URL + reverse("challenges:site_detail", args=[site.pk]),
    )


def edition_events(*, edition: Edition, sites: Iterable[Site]) -> Iterator[CalendarEvent]:
    yield edition_event(edition)
    for site in sites:
        yield site_event(site)


def person_site_events(*, person: User) -> list[CalendarEvent]:
    """The sites a person facilitates or has a challenge on: their own feed (innovation.calendars)."""
    sites = (
        Site.objects.filter(
            Q(facilitators=person) | Q(pk__in=TeamMembership.objects.filter(person=person).values("challenge__site_id"))
        )
        .select_related("edition")
        .distinct()
        .order_by("starts_on", "pk")
    )
    return [site_event(site) for site in sites]
