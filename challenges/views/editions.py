"""Reading pages of editions and sites: the home of the challenges area, an edition, a site's challenges."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import urlencode

from challenges.forms import SiteFilterForm
from challenges.models.challenges import Phase
from challenges.selectors import challenges as selectors
from challenges.services import cache as page_cache

PAGE_SIZE = 20


def edition_list(request: HttpRequest) -> HttpResponse:
    editions = selectors.editions_with_counts(user=request.user)
    return render(request, "challenges/edition_list.html", {"editions": editions})


def edition_detail(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = selectors.edition_for_page(edition_id=edition_id, user=request.user)
    return render(request, "challenges/edition_detail.html", {"edition": edition})


FILTER_PARAMETERS = ("q", "theme", "phase", "organisation")


def _listing_parts(request: HttpRequest) -> list[str]:
    return [request.GET.get(name, "") for name in (*FILTER_PARAMETERS, "page")]


def _site_listing(request: HttpRequest, site) -> str:
    """The filters and one page of the site's challenges that ``request.user`` may see, rendered.

    Built from the query string's filters and page only: it is shared by everyone with the same audience.
    """
    themes = list(selectors.edition_themes(edition_id=site.edition_id))
    organisations = [(org.pk, org.name) for org in selectors.site_organisations(site=site)]
    form = SiteFilterForm(request.GET or None, themes=themes, organisations=organisations)
    filters = selectors.SiteFilters()
    if form.is_bound and form.is_valid():
        filters = form.filters()
    challenges = selectors.site_challenges(site=site, user=request.user, filters=filters)
    page = Paginator(challenges, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(name, request.GET[name]) for name in FILTER_PARAMETERS if name in request.GET])
    context = {
        "site": site,
        "themes": themes,
        "organisations": organisations,
        "phases": Phase.choices,
        "current": filters,
        "page": page,
        "filtered": filters != selectors.SiteFilters(),
        "query": query,
    }
    return render_to_string("challenges/_site_listing.html", context, request)


def _site_page(request: HttpRequest, site_id: int) -> dict[str, str]:
    """The site page's title and content for ``request.user`` (404 if the site does not exist)."""
    site = selectors.site_for_page(site_id=site_id)
    audience = selectors.site_listing_audience(site=site, user=request.user)
    if audience is None:
        listing = _site_listing(request, site)
    else:
        listing = page_cache.site_cached(
            site_id=site.pk,
            name=f"site-listing-{audience}",
            parts=_listing_parts(request),
            build=lambda: _site_listing(request, site),
        )
    return {
        "title": f"{site.place} · {site.edition.title}",
        "body": render_to_string("challenges/_site_body.html", {"site": site, "listing": listing}, request),
    }


def site_detail(request: HttpRequest, site_id: int) -> HttpResponse:
    if page_cache.whole_page_applies(user=request.user):
        page = page_cache.site_cached(
            site_id=site_id, name="site-page", parts=_listing_parts(request), build=lambda: _site_page(request, site_id)
        )
    else:
        page = _site_page(request, site_id)
    return render(request, "challenges/site_detail.html", page)
