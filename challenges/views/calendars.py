"""The iCalendar feeds of an edition and of a site: public, like their pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from challenges.calendars import edition_events, site_event
from challenges.models import Edition, Site
from innovation.calendars import calendar_response


@require_safe
def edition_calendar(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    sites = Site.objects.filter(edition=edition).select_related("edition").order_by("starts_on", "place")
    return calendar_response(
        name=edition.title, events=edition_events(edition=edition, sites=sites), filename=f"edition-{edition.pk}"
    )


@require_safe
def site_calendar(request: HttpRequest, site_id: int) -> HttpResponse:
    site = get_object_or_404(Site.objects.select_related("edition"), pk=site_id)
    return calendar_response(
        name=f"{site.edition.title} — {site.place}", events=[site_event(site)], filename=f"site-{site.pk}"
    )
