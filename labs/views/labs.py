"""Labs: the public list and page, the iCal feed, creation by staff, the coordinators' page settings and
dashboard, and each person's « Moi et le lab' »."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from innovation.calendars import calendar_response
from innovation.guards import Scope, guard
from innovation.models import Organisation
from labs import forms
from labs.models import Lab, MethodPhase
from labs.selectors import calendars
from labs.selectors import dashboard as dashboard_selectors
from labs.selectors import me as me_selectors
from labs.selectors import networks as network_selectors
from labs.selectors.scopes import labs_all
from labs.selectors.workshops import lab_people
from labs.services import labs as services

lab_in_scope = Scope(labs_all)


@guard("labs.view_lab", methods=("GET", "HEAD"))
def lab_list(request: HttpRequest) -> HttpResponse:
    labs = Lab.objects.select_related("organisation").order_by("name")
    return render(
        request,
        "labs/lab_list.html",
        {"labs": labs, "memberships": network_selectors.person_memberships(person=request.user)},
    )


@guard("labs.view_lab", load=lab_in_scope, methods=("GET", "HEAD"))
def lab_detail(request: HttpRequest, lab: Lab) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "labs/lab_detail.html",
        {
            "lab": lab,
            "duties": list(lab.duties.select_related("holder")),
            "networks": network_selectors.lab_networks(lab=lab),
            "coordinators": network_selectors.lab_coordinators(lab=lab),
            "sessions": network_selectors.lab_upcoming_sessions(lab=lab, today=today),
        },
    )


@guard("labs.view_lab", load=lab_in_scope, methods=("GET", "HEAD"))
def lab_calendar(request: HttpRequest, lab: Lab) -> HttpResponse:
    return calendar_response(
        name=lab.name, events=calendars.lab_calendar_events(lab=lab), filename=f"sessions-labo-{lab.pk}"
    )


@guard("labs.add_lab")
def lab_create(request: HttpRequest) -> HttpResponse:
    form = forms.LabCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation_name = data.pop("organisation_name").strip()
        organisation = None
        if organisation_name:
            organisation, _created = Organisation.objects.get_or_create(name=organisation_name)
        try:
            lab = services.lab_create(created_by=request.user, organisation=organisation, **data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The lab is created and its coordinator invited."))
            return redirect("labs:lab_detail", pk=lab.pk)
    return render(request, "labs/lab_create.html", {"form": form})


@guard("labs.change_lab", load=lab_in_scope)
def lab_edit(request: HttpRequest, lab: Lab) -> HttpResponse:
    duties = list(lab.duties.select_related("holder"))
    form = forms.LabEditForm(
        request.POST or None,
        initial={"territory": lab.territory, "description": lab.description},
        people=lab_people(lab=lab),
        duties=duties,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        inputs = [
            services.DutyInput(
                kind=duty.kind, holder=data[f"{duty.kind}_holder"], description=data[f"{duty.kind}_description"]
            )
            for duty in duties
        ]
        try:
            services.lab_update(
                lab=lab, actor=request.user, territory=data["territory"], description=data["description"], duties=inputs
            )
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The lab's page is updated."))
            return redirect("labs:lab_detail", pk=lab.pk)
    return render(request, "labs/lab_edit.html", {"lab": lab, "form": form})


@guard("labs.manage_phases", load=lab_in_scope)
def phase_edit(request: HttpRequest, lab: Lab) -> HttpResponse:
    phases = list(MethodPhase.objects.filter(lab=lab))
    initial = [{"pk": phase.pk, "name": phase.name, "position": phase.position} for phase in phases]
    formset = forms.PhaseFormSet(request.POST or None, initial=initial, form_kwargs={}, prefix="phases")
    if not formset.is_bound:
        for offset, form in enumerate(formset.forms[len(phases) :], start=1):
            form.initial.setdefault("position", len(phases) + offset)
    service_errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        inputs = [
            services.PhaseInput(
                pk=data.get("pk"), name=data.get("name") or "", position=data["position"], delete=data.get("delete")
            )
            for data in formset.cleaned_data
            if data
        ]
        try:
            services.lab_phases_update(lab=lab, actor=request.user, phases=inputs)
        except ValidationError as error:
            service_errors = error.messages
        else:
            messages.success(request, _("The method phases are saved."))
            return redirect("labs:phase_edit", pk=lab.pk)
    return render(request, "labs/phase_edit.html", {"lab": lab, "formset": formset, "service_errors": service_errors})


@guard("labs.view_dashboard", load=lab_in_scope, methods=("GET", "HEAD"))
def dashboard(request: HttpRequest, lab: Lab) -> HttpResponse:
    data = dashboard_selectors.lab_dashboard(lab=lab, today=timezone.localdate())
    return render(request, "labs/dashboard.html", {"lab": lab, **data})


@guard("labs.view_me", methods=("GET", "HEAD"))
def me(request: HttpRequest) -> HttpResponse:
    data = me_selectors.me_overview(person=request.user, today=timezone.localdate())
    return render(request, "labs/me.html", data)
