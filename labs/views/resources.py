"""The lab's library: read by its members, kept by its coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from innovation.guards import Scope, guard
from labs import forms
from labs.models import Lab, MethodPhase, Resource
from labs.selectors import resources as selectors
from labs.selectors.scopes import labs_known_to, resources_known_to
from labs.services import resources as services

lab_in_scope = Scope(labs_known_to)
resource_in_scope = Scope(resources_known_to)


@guard("labs.view_resources", load=lab_in_scope, methods=("GET", "HEAD"))
def resource_list(request: HttpRequest, lab: Lab) -> HttpResponse:
    phases = MethodPhase.objects.filter(lab=lab)
    form = forms.LibraryFilterForm(request.GET or None, phases=phases)
    kind, phase = "", None
    if form.is_bound and form.is_valid():
        kind = form.cleaned_data.get("kind") or ""
        phase = form.cleaned_data["phase"].pk if form.cleaned_data.get("phase") else None
    return render(
        request,
        "labs/resource_list.html",
        {"lab": lab, "form": form, "sections": selectors.library(lab=lab, kind=kind, phase=phase)},
    )


def _save(request: HttpRequest, lab: Lab, resource: Resource | None) -> HttpResponse:
    initial = {}
    if resource is not None:
        initial = {
            "kind": resource.kind,
            "title": resource.title,
            "body": resource.body,
            "url": resource.url,
            "phases": list(resource.phases.all()),
        }
    form = forms.ResourceForm(request.POST or None, initial=initial, phases=MethodPhase.objects.filter(lab=lab))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.resource_save(lab=lab, actor=request.user, resource=resource, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” is saved in the library.") % {"title": saved.title})
            return redirect(reverse("labs:resource_list", args=[lab.pk]) + f"#resource-{saved.pk}")
    return render(request, "labs/resource_form.html", {"lab": lab, "resource": resource, "form": form})


@guard("labs.manage_resources", load=lab_in_scope)
def resource_create(request: HttpRequest, lab: Lab) -> HttpResponse:
    return _save(request, lab, None)


@guard("labs.manage_resources", load=resource_in_scope)
def resource_edit(request: HttpRequest, resource: Resource) -> HttpResponse:
    return _save(request, resource.lab, resource)


@guard("labs.manage_resources", load=resource_in_scope, methods=("POST",))
def resource_delete(request: HttpRequest, resource: Resource) -> HttpResponse:
    services.resource_delete(resource=resource, actor=request.user)
    messages.success(request, _("“%(title)s” is removed from the library.") % {"title": resource.title})
    return redirect("labs:resource_list", pk=resource.lab_id)
