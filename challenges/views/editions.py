"""Reading pages of editions and sites: the home of the challenges area, an edition, a site's challenges."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from challenges.forms import SiteFilterForm
from challenges.models import Challenge
from challenges.models.challenges import Phase
from challenges.selectors import challenges as selectors
from innovation.guards import guard

PAGE_SIZE = 20


def edition_list(request: HttpRequest) -> HttpResponse:
    editions = selectors.editions_with_counts(user=request.user)
    return render(request, "challenges/edition_list.html", {"editions": editions})


def edition_detail(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = selectors.edition_for_page(edition_id=edition_id, user=request.user)
    return render(request, "challenges/edition_detail.html", {"edition": edition})


@guard("challenges.view_edition_themes", methods=("GET",))
def edition_themes(request: HttpRequest, edition_id: int) -> HttpResponse:
    """The edition's challenges by theme across its sites (seed 001: "la diversité des projets"), public."""
    page = selectors.edition_by_theme(edition_id=edition_id, user=request.user)
    return render(request, "challenges/edition_themes.html", {"page": page, "phases": Phase.choices})


FILTER_PARAMETERS = ("q", "theme", "phase", "organisation", "idea")


def _present_site_rows(rows: list[dict]) -> None:
    """What each line of the site page shows, worked out once here rather than by tags in every line."""
    phases = dict(Phase.choices)
    title = gettext("Challenge %(number)s: %(question)s")
    for row in rows:
        row["url"] = reverse("challenges:challenge_detail", args=[row["pk"]])
        row["title"] = title % {"number": row["number"], "question": row["question"]}
        row["facts"] = " · ".join(filter(None, (row["organisation__name"], row["territory"], row["theme__title"])))
        row["phase_label"] = phases.get(row["phase"], row["phase"])
        row["draft"] = row["status"] != Challenge.Status.PUBLISHED


def site_detail(request: HttpRequest, site_id: int) -> HttpResponse:
    """A site's challenges that ``request.user`` may see, filtered, searched and paginated."""
    site = selectors.site_for_page(site_id=site_id, user=request.user)
    themes = selectors.edition_theme_choices(edition_id=site.edition_id)
    organisations = selectors.site_organisations(site=site)
    filters = selectors.SiteFilters()
    if request.GET:  # no filter asked: no form to build
        form = SiteFilterForm(request.GET, themes=themes, organisations=organisations)
        if form.is_valid():
            filters = form.filters()
    challenges = selectors.site_challenges(site=site, user=request.user, filters=filters)
    page = selectors.site_challenges_page(challenges, number=request.GET.get("page"), size=PAGE_SIZE)
    _present_site_rows(page.object_list)
    query = urlencode([(name, request.GET[name]) for name in FILTER_PARAMETERS if name in request.GET])
    context = {
        "site": site,
        "themes": themes,
        "phases": Phase.choices,
        "organisations": organisations,
        "current": filters,
        "page": page,
        "filtered": filters != selectors.SiteFilters(),
        "query": query,
        "programme": site.programme_list,
    }
    return render(request, "challenges/site_detail.html", context)
