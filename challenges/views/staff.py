"""Staff pages: create and edit editions, sites and themes; appoint site facilitators."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from challenges.forms_staff import EditionForm, FacilitatorAppointForm, SiteForm, ThemeForm
from challenges.models import Edition, Site, Theme
from challenges.selectors.challenges import edition_scope, edition_with_sites_scope, site_scope, theme_scope
from challenges.services import editions as services
from innovation.guards import Scope, guard

EDITION = Scope(edition_scope)
SITE = Scope(site_scope)
THEME = Scope(theme_scope)


def _changed_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data}


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
    form = EditionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        edition = services.edition_create(**form.cleaned_data)
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
    # The form validates a copy (validation writes into its instance); the service gets the original.
    form = EditionForm(request.POST if request.method == "POST" else None, instance=copy.copy(edition))
    if request.method == "POST" and form.is_valid():
        services.edition_update(edition=edition, **_changed_fields(form))
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
    form = SiteForm(request.POST if request.method == "POST" else None, edition=edition)
    if request.method == "POST" and form.is_valid():
        site = services.site_create(edition=edition, **form.cleaned_data)
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
    form = SiteForm(request.POST if request.method == "POST" else None, instance=copy.copy(site), edition=site.edition)
    if request.method == "POST" and form.is_valid():
        services.site_update(site=site, **_changed_fields(form))
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
    form = ThemeForm(request.POST if request.method == "POST" else None, edition=edition)
    if request.method == "POST" and form.is_valid():
        services.theme_create(edition=edition, **form.cleaned_data)
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
    form = ThemeForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(theme), edition=theme.edition
    )
    if request.method == "POST" and form.is_valid():
        fields = _changed_fields(form)
        if fields.get("position", 0) is None:
            fields["position"] = theme.position
        services.theme_update(theme=theme, **fields)
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
    form = FacilitatorAppointForm(request.POST if request.method == "POST" else None, site=site)
    if request.method == "POST" and form.is_valid():
        try:
            person, invited = services.site_facilitator_appoint(
                site=site,
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                appointed_by=request.user,
            )
        except services.FacilitatorAlreadyAppointed:
            form.add_error("email", _("This person already facilitates this site."))
        else:
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
