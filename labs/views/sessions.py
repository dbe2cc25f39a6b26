"""Lab sessions: the list, a session's page, its settings, its agenda, registration, attendance, the report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from innovation.guards import Scope, guard
from innovation.services.exports import ExportError
from labs import forms, reports
from labs.models import AgendaItem, Lab, LabSession
from labs.selectors import sessions as selectors
from labs.selectors.scopes import agenda_items_known_to, labs_known_to, sessions_known_to
from labs.services import sessions as services

lab_in_scope = Scope(labs_known_to)
session_in_scope = Scope(sessions_known_to)


@guard("labs.view_sessions", load=lab_in_scope, methods=("GET", "HEAD"))
def session_list(request: HttpRequest, lab: Lab) -> HttpResponse:
    return render(
        request,
        "labs/session_list.html",
        {"lab": lab, "sessions": selectors.lab_sessions(lab=lab), "today": timezone.localdate()},
    )


@guard("labs.manage_sessions", load=lab_in_scope)
def session_create(request: HttpRequest, lab: Lab) -> HttpResponse:
    last = LabSession.objects.filter(lab=lab).order_by("-number").values_list("number", flat=True).first()
    form = forms.SessionForm(request.POST or None, initial={"number": (last or 0) + 1})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(lab=lab, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Session #%(number)s is created: build its agenda.") % {"number": session.number}
            )
            return redirect("labs:agenda_edit", pk=session.pk)
    return render(request, "labs/session_form.html", {"lab": lab, "form": form})


@guard("labs.view_sessions", load=session_in_scope, methods=("GET", "HEAD"))
def session_detail(request: HttpRequest, session: LabSession) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "labs/session_detail.html",
        {
            "session": session,
            "lab": session.lab,
            "agenda": selectors.session_agenda_by_day(session=session),
            "registration": selectors.session_registration(session=session, person=request.user),
            "registrations": selectors.session_registrations(session=session),
            "workshops": selectors.session_workshops(session=session),
            "is_over": session.ends_on < today,
            "has_started": session.starts_on <= today,
        },
    )


@guard("labs.manage_sessions", load=session_in_scope)
def session_edit(request: HttpRequest, session: LabSession) -> HttpResponse:
    form = forms.SessionForm(request.POST or None, instance=LabSession.objects.get(pk=session.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The session is updated."))
            return redirect("labs:session_detail", pk=session.pk)
    return render(request, "labs/session_form.html", {"lab": session.lab, "session": session, "form": form})


@guard("labs.manage_sessions", load=session_in_scope)
def agenda_edit(request: HttpRequest, session: LabSession) -> HttpResponse:
    form = forms.AgendaItemForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_save(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” is added to the agenda.") % {"title": item.title})
            return redirect("labs:agenda_edit", pk=session.pk)
    return render(
        request,
        "labs/agenda_edit.html",
        {"session": session, "lab": session.lab, "agenda": selectors.session_agenda_by_day(session=session),
         "form": form},
    )  # fmt: skip


@guard("labs.manage_sessions", load=Scope(agenda_items_known_to))
def agenda_item_edit(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    session = item.session
    form = forms.AgendaItemForm(request.POST or None, instance=AgendaItem.objects.get(pk=item.pk), session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_save(session=session, actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The slot is updated."))
            return redirect("labs:agenda_edit", pk=session.pk)
    return render(request, "labs/agenda_item_form.html", {"session": session, "item": item, "form": form})


@guard("labs.manage_sessions", load=Scope(agenda_items_known_to), methods=("POST",))
def agenda_item_delete(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    services.agenda_item_delete(item=item, actor=request.user)
    messages.success(request, _("“%(title)s” is removed from the agenda.") % {"title": item.title})
    return redirect("labs:agenda_edit", pk=item.session_id)


@guard("labs.register_session", load=session_in_scope, methods=("POST",))
def session_register(request: HttpRequest, session: LabSession) -> HttpResponse:
    try:
        services.session_register(session=session, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are registered: a reminder with the agenda comes the day before."))
    return redirect("labs:session_detail", pk=session.pk)


@guard("labs.register_session", load=session_in_scope, methods=("POST",))
def session_unregister(request: HttpRequest, session: LabSession) -> HttpResponse:
    try:
        services.session_unregister(session=session, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are no longer registered."))
    return redirect("labs:session_detail", pk=session.pk)


@guard("labs.manage_sessions", load=session_in_scope)
def attendance(request: HttpRequest, session: LabSession) -> HttpResponse:
    rows = selectors.attendance_rows(session=session)
    form = forms.AttendanceForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_record(
                session=session,
                actor=request.user,
                present={int(pk) for pk in form.cleaned_data["present"]},
                candidates={row.person.pk for row in rows},
            )
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance is recorded: %(count)s present.") % {"count": count})
            return redirect("labs:session_detail", pk=session.pk)
    return render(
        request,
        "labs/attendance.html",
        {"session": session, "lab": session.lab, "rows": rows, "form": form,
         "has_started": session.starts_on <= timezone.localdate()},
    )  # fmt: skip


@guard("labs.export_session", load=session_in_scope, methods=("POST",))
def session_export(request: HttpRequest, session: LabSession) -> HttpResponse:
    try:
        export = reports.session_report_request(requested_by=request.user, session=session)
    except ExportError as error:
        messages.error(request, str(error))
        return redirect("labs:session_detail", pk=session.pk)
    return redirect("export_detail", pk=export.pk)
