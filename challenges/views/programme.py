"""A site's programme (issue 15): its facilitators (and staff) add, change and remove its moments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.forms import ProgrammeItemForm
from challenges.models import Site, SiteProgrammeItem
from challenges.selectors import challenges as selectors
from challenges.services import editions as services
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

SITE = Scope(selectors.site_scope)
CHANGE = "challenges.change_programme"


def _initial(item: SiteProgrammeItem) -> dict:
    starts_at = timezone.localtime(item.starts_at) if item.starts_at else None
    return {"kind": item.kind, "title": item.title, "starts_at": starts_at}


def _page(request: HttpRequest, site: Site, *, failed=None, new_form=None, status: int = 200) -> HttpResponse:
    rows = []
    for item in selectors.site_programme(site=site):
        if failed is not None and failed[0] == item.pk:
            rows.append((item, failed[1]))
        else:
            rows.append((item, ProgrammeItemForm(prefix=f"i{item.pk}", initial=_initial(item))))
    return render(
        request,
        "challenges/site_programme.html",
        {"site": site, "rows": rows, "new_form": new_form or ProgrammeItemForm(prefix="new")},
        status=status,
    )


@guard(CHANGE, load=SITE)
def site_programme(request: HttpRequest, site: Site) -> HttpResponse:
    if request.method != "POST":
        return _page(request, site)
    form = ProgrammeItemForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.site_programme_item_add(site=site, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The moment is added to the programme."))
            return redirect("challenges:site_programme", site.pk)
    return _page(request, site, new_form=form, status=400)


@guard(CHANGE, load=SITE, methods=("POST",))
def programme_item_update(request: HttpRequest, site: Site, item_id: int) -> HttpResponse:
    item = get_object_or_404(SiteProgrammeItem.objects.select_related("site__edition"), site=site, pk=item_id)
    if request.POST.get("action") == "delete":
        if not request.POST.get("confirmed"):  # asked once more: a removed moment is gone from the site page
            return render(request, "challenges/programme_item_remove.html", {"site": site, "item": item})
        services.site_programme_item_remove(item=item)
        messages.success(request, _("The moment is removed from the programme."))
        return redirect("challenges:site_programme", site.pk)
    form = ProgrammeItemForm(request.POST, prefix=f"i{item.pk}")
    if form.is_valid():
        try:
            services.site_programme_item_update(item=item, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The moment is saved."))
            return redirect("challenges:site_programme", site.pk)
    return _page(request, site, failed=(item.pk, form), status=400)
