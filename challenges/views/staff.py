"""Staff pages: create and edit editions, sites and themes; appoint site facilitators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from challenges.forms_staff import EditionForm, FacilitatorAppointForm, SiteForm, ThemeForm
from challenges.models import Edition, Site, Theme
from challenges.selectors.challenges import edition_scope, edition_with_sites_scope, site_scope, theme_scope
from challenges.services import editions as services
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

EDITION = Scope(edition_scope)
SITE = Scope(site_scope)
THEME = Scope(theme_scope)


def _saved(form: forms.Form, write: Callable[[], Any]) -> Any:
    """Run the service ``write`` for a valid form; its rule errors go next to their fields (``None`` then)."""
    try:
        return write()
    except ValidationError as error:
        form_add_service_errors(form, error)
        return None


def _data(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@guard("challenges.change_edition", methods=("GET",))
def edition_list(request: HttpRequest) -> HttpResponse:
    editions = Edition.objects.select_related("organiser").annotate(
        site_count=Count("sites", distinct=True), theme_count=Count("themes", distinct=True)
    )
    return render(request, "challenges/staff/edition_list.html", {"editions": editions})


@guard("challenges.change_edition", load=Scope(edition_with_sites_scope), methods=("GET",))
def edition_manage(request: HttpRequest, edition: Edition) -> HttpResponse:
    return render(request, "challenges/staff/edition_manage.html", {"edition": edition})


@guard("challenges.add_edition")
def edition_create(request: HttpRequest) -> HttpResponse:
    form = EditionForm(_data(request))
    if form.is_valid() and (edition := _saved(form, lambda: services.edition_create(**form.cleaned_data))):
        messages.success(request, _("Edition “%(title)s” created. Add its sites and themes.") % {"title": edition})
        return redirect("challenges:staff_edition_manage", pk=edition.pk)
    return render(
        request,
        "challenges/staff/form.html",
        {"form": form, "title": _("New edition"), "back_url": "challenges:staff_edition_list"},
        status=400 if form.is_bound else 200,
    )


@guard("challenges.change_edition", load=EDITION)
def edition_update(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = EditionForm(_data(request), instance=edition)
    if form.is_valid() and _saved(form, lambda: services.edition_update(edition=edition, **form.changed())):
        messages.success(request, _("Edition saved."))
        return redirect("challenges:staff_edition_manage", pk=edition.pk)
    return render(
        request,
        "challenges/staff/form.html",
        {"form": form, "title": _("Edit the edition"), "edition": edition},
        status=400 if form.is_bound else 200,
    )


@guard("challenges.change_edition", load=EDITION)
def site_create(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = SiteForm(_data(request))
    if form.is_valid() and (site := _saved(form, lambda: services.site_create(edition=edition, **form.cleaned_data))):
        messages.success(request, _("Site “%(place)s” created. Appoint its facilitators.") % {"place": site.place})
        return redirect("challenges:staff_site_facilitators", pk=site.pk)
    return render(
        request,
        "challenges/staff/form.html",
        {"form": form, "title": _("New site"), "edition": edition},
        status=400 if form.is_bound else 200,
    )


@guard("challenges.change_site", load=SITE)
def site_update(request: HttpRequest, site: Site) -> HttpResponse:
    form = SiteForm(_data(request), instance=site)
    if form.is_valid() and _saved(form, lambda: services.site_update(site=site, **form.changed())):
        messages.success(request, _("Site saved."))
        return redirect("challenges:staff_edition_manage", pk=site.edition_id)
    return render(
        request,
        "challenges/staff/form.html",
        {"form": form, "title": _("Edit the site %(place)s") % {"place": site.place}, "edition": site.edition},
        status=400 if form.is_bound else 200,
    )


@guard("challenges.change_edition", load=EDITION)
def theme_create(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = ThemeForm(_data(request))
    if form.is_valid() and _saved(form, lambda: services.theme_create(edition=edition, **form.cleaned_data)):
        messages.success(request, _("Theme created."))
        return redirect("challenges:staff_edition_manage", pk=edition.pk)
    return render(
        request,
        "challenges/staff/form.html",
        {"form": form, "title": _("New theme"), "edition": edition},
        status=400 if form.is_bound else 200,
    )


@guard("challenges.change_edition", load=THEME)
def theme_update(request: HttpRequest, theme: Theme) -> HttpResponse:
    form = ThemeForm(_data(request), instance=theme)
    if form.is_valid() and _saved(form, lambda: services.theme_update(theme=theme, **form.changed())):
        messages.success(request, _("Theme saved."))
        return redirect("challenges:staff_edition_manage", pk=theme.edition_id)
    return render(
        request,
        "challenges/staff/form.html",
        {"form": form, "title": _("Edit the theme"), "edition": theme.edition},
        status=400 if form.is_bound else 200,
    )


@guard("challenges.appoint_facilitators", load=SITE)
def site_facilitators(request: HttpRequest, site: Site) -> HttpResponse:
    form = FacilitatorAppointForm(_data(request))
    appointed = form.is_valid() and _saved(
        form,
        lambda: services.site_facilitator_appoint(
            site=site,
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            appointed_by=request.user,
        ),
    )
    if appointed:
        person, invited = appointed
        if invited:
            message = _("%(person)s is now a facilitator of %(place)s and was invited by e-mail.")
        else:
            message = _("%(person)s is now a facilitator of %(place)s.")
        messages.success(request, message % {"person": person, "place": site.place})
        return redirect("challenges:staff_site_facilitators", pk=site.pk)
    facilitators = site.facilitators.select_related("organisation").order_by("display_name", "email")
    return render(
        request,
        "challenges/staff/facilitators.html",
        {"site": site, "form": form, "facilitators": facilitators},
        status=400 if form.is_bound else 200,
    )


@guard("challenges.appoint_facilitators", load=SITE, methods=("POST",))
def site_facilitator_remove(request: HttpRequest, site: Site, person_pk: int) -> HttpResponse:
    person = get_object_or_404(site.facilitators.all(), pk=person_pk)
    services.site_facilitator_remove(site=site, person=person)
    messages.success(
        request, _("%(person)s no longer facilitates %(place)s.") % {"person": person, "place": site.place}
    )
    return redirect("challenges:staff_site_facilitators", pk=site.pk)
