"""Workshops: the lab's list, a workshop's page, its settings, notes saved by section (htmx autosave),
the synthesis and its publication, leads and next steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from innovation.guards import Scope, guard
from labs import forms
from labs.models import Lab, LabSession, NextStep, NoteSection, Workshop, WorkshopLead
from labs.selectors import workshops as selectors
from labs.selectors.scopes import (
    labs_known_to,
    leads_known_to,
    next_steps_known_to,
    note_sections_known_to,
    workshops_known_to,
)
from labs.services import workshops as services

workshop_in_scope = Scope(workshops_known_to)


@guard("labs.view_sessions", load=Scope(labs_known_to), methods=("GET", "HEAD"))
def workshop_list(request: HttpRequest, lab: Lab) -> HttpResponse:
    return render(request, "labs/workshop_list.html", {"lab": lab, "workshops": selectors.lab_workshops(lab=lab)})


def _workshop_form(request: HttpRequest, lab: Lab, **kwargs) -> forms.WorkshopForm:
    return forms.WorkshopForm(
        request.POST or None,
        sessions=LabSession.objects.filter(lab=lab).order_by("-starts_on"),
        people=selectors.lab_people(lab=lab),
        **kwargs,
    )


@guard("labs.add_workshop", load=Scope(labs_known_to))
def workshop_create(request: HttpRequest, lab: Lab) -> HttpResponse:
    form = _workshop_form(request, lab, initial={"session": request.GET.get("session")})
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(lab=lab, actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The workshop is created: its notes are ready to be taken."))
            return redirect("labs:workshop_detail", pk=workshop.pk)
    return render(request, "labs/workshop_form.html", {"lab": lab, "form": form})


@guard("labs.change_workshop", load=workshop_in_scope)
def workshop_edit(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    participants = list(workshop.participants.all())
    initial = {
        "series": workshop.series,
        "name": workshop.name,
        "session": workshop.session_id,
        "venue": workshop.venue,
        "question": workshop.question,
        "owner": workshop.owner_id,
        "owner_name": workshop.owner_name,
        "people": [p.person_id for p in participants if p.person_id],
        "guests": "\n".join(p.name for p in participants if not p.person_id),
    }
    form = _workshop_form(request, workshop.lab, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_update(workshop=workshop, actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The workshop is updated."))
            return redirect("labs:workshop_detail", pk=workshop.pk)
    return render(request, "labs/workshop_form.html", {"lab": workshop.lab, "workshop": workshop, "form": form})


@guard("labs.view_workshop", load=workshop_in_scope, methods=("GET", "HEAD"))
def workshop_detail(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    return _render_detail(request, workshop)


def _render_detail(
    request: HttpRequest,
    workshop: Workshop,
    *,
    status: int = 200,
    lead_form: forms.LeadForm | None = None,
    next_step_form: forms.NextStepForm | None = None,
    conflict: tuple[NoteSection, forms.NoteSectionForm] | None = None,
) -> HttpResponse:
    """The workshop's page; a form that came back with an error, or a section in conflict, keeps what the
    person typed."""
    page = selectors.workshop_page(workshop=workshop)
    section_forms = []
    for section in page["sections"]:
        if conflict is not None and conflict[0].pk == section.pk:
            section_forms.append((conflict[0], conflict[1], True))
            continue
        form = forms.NoteSectionForm(
            initial={"revision": section.revision, "text": section.text}, auto_id=f"section-{section.pk}-%s"
        )
        section_forms.append((section, form, False))
    return render(
        request,
        "labs/workshop_detail.html",
        {
            "workshop": workshop,
            "lab": workshop.lab,
            **page,
            "section_forms": section_forms,
            "add_section_form": forms.NoteSectionAddForm(),
            "lead_form": lead_form or forms.LeadForm(resources=selectors.lab_resources(lab=workshop.lab)),
            "next_step_form": next_step_form or forms.NextStepForm(people=selectors.lab_people(lab=workshop.lab)),
        },
        status=status,
    )


@guard("labs.change_workshop", load=workshop_in_scope)
def synthesis_edit(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    form = forms.SynthesisForm(
        request.POST or None,
        initial={
            "proposal": workshop.proposal,
            "audience": workshop.audience,
            "stakes": workshop.stakes,
            "success_conditions": workshop.success_conditions,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.workshop_synthesis_update(workshop=workshop, actor=request.user, **form.cleaned_data)
        if "publish" in request.POST:
            try:
                services.workshop_synthesis_publish(workshop=workshop, actor=request.user)
            except ValidationError as error:
                forms.form_add_service_errors(form, error)
                return render(request, "labs/synthesis_edit.html", {"workshop": workshop, "form": form})
            messages.success(request, _("The synthesis is published: the participants are told."))
        else:
            messages.success(request, _("The synthesis is saved."))
        return redirect("labs:workshop_detail", pk=workshop.pk)
    return render(request, "labs/synthesis_edit.html", {"workshop": workshop, "form": form})


@guard("labs.change_workshop", load=workshop_in_scope, methods=("POST",))
def synthesis_publish(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    try:
        services.workshop_synthesis_publish(workshop=workshop, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The synthesis is published: the participants are told."))
    return redirect("labs:workshop_detail", pk=workshop.pk)


@guard("labs.take_notes", load=workshop_in_scope, methods=("POST",))
def note_section_add(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    form = forms.NoteSectionAddForm(request.POST)
    if form.is_valid():
        try:
            section = services.note_section_add(workshop=workshop, actor=request.user, title=form.cleaned_data["title"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect(f"{workshop_url(workshop)}#section-{section.pk}")
    else:
        messages.error(request, _("Name the new section."))
    return redirect("labs:workshop_detail", pk=workshop.pk)


def workshop_url(workshop: Workshop) -> str:
    return reverse("labs:workshop_detail", args=[workshop.pk])


@guard("labs.take_notes", load=Scope(note_sections_known_to), methods=("POST",))
def note_section_save(request: HttpRequest, section: NoteSection) -> HttpResponse:
    """Save one section. With htmx, answer the section's status line (and its new revision); without,
    come back to the page. When someone saved it in between, nothing is overwritten: both texts are shown."""
    form = forms.NoteSectionForm(request.POST, auto_id=f"section-{section.pk}-%s")
    if not form.is_valid():
        if request.htmx:
            return render(request, "labs/_note_status.html", {"section": section, "invalid": True}, status=400)
        messages.error(request, _("These notes could not be saved: reload the page and try again."))
        return redirect(f"{workshop_url(section.workshop)}#section-{section.pk}")
    base = form.cleaned_data["revision"]
    if form.cleaned_data["overwrite"] is not None:
        base = form.cleaned_data["overwrite"]  # the note-taker read the other version and keeps theirs
    try:
        section = services.note_section_save(
            section=section, actor=request.user, text=form.cleaned_data["text"], base_revision=base
        )
    except services.NoteConflict as error:
        conflict = error.section
    else:
        conflict = None
    if request.htmx:
        return render(request, "labs/_note_status.html", {"section": conflict or section, "conflict": conflict})
    if conflict is not None:
        return _render_detail(request, section.workshop, status=409, conflict=(conflict, form))
    messages.success(request, _("“%(title)s” is saved.") % {"title": section.title})
    return redirect(f"{workshop_url(section.workshop)}#section-{section.pk}")


@guard("labs.change_workshop", load=workshop_in_scope, methods=("POST",))
def lead_add(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    form = forms.LeadForm(request.POST, resources=selectors.lab_resources(lab=workshop.lab))
    if form.is_valid():
        try:
            services.lead_add(workshop=workshop, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The lead is added."))
            return redirect(f"{workshop_url(workshop)}#leads")
    return _render_detail(request, workshop, status=400, lead_form=form)


@guard("labs.change_workshop", load=Scope(leads_known_to), methods=("POST",))
def lead_delete(request: HttpRequest, lead: WorkshopLead) -> HttpResponse:
    services.lead_delete(lead=lead, actor=request.user)
    messages.success(request, _("The lead is removed."))
    return redirect(f"{workshop_url(lead.workshop)}#leads")


@guard("labs.change_workshop", load=workshop_in_scope, methods=("POST",))
def next_step_add(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    form = forms.NextStepForm(request.POST, people=selectors.lab_people(lab=workshop.lab))
    if form.is_valid():
        try:
            services.next_step_add(workshop=workshop, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The next step is added."))
            return redirect(f"{workshop_url(workshop)}#next-steps")
    return _render_detail(request, workshop, status=400, next_step_form=form)


@guard("labs.complete_next_step", load=Scope(next_steps_known_to), methods=("POST",))
def next_step_toggle(request: HttpRequest, next_step: NextStep) -> HttpResponse:
    next_step = services.next_step_toggle(next_step=next_step, actor=request.user)
    if next_step.done_at:
        messages.success(request, _("“%(action)s” is done.") % {"action": next_step.action})
    else:
        messages.success(request, _("“%(action)s” is open again.") % {"action": next_step.action})
    return redirect(f"{workshop_url(next_step.workshop)}#next-steps")
