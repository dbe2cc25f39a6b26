"""Session reports: what a person may ask for, and the request itself (the job is the core's export)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy

from challenges.selectors.challenges import challenge_scope, edition_scope, site_scope
from innovation.guards import guard
from innovation.selectors import exports_visible_to
from innovation.services import exports
from reports import services as reports
from reports.forms import ExportRequestForm
from reports.selectors import ReportScope, report_targets_for

SUBJECT_SCOPES = {"edition": edition_scope, "site": site_scope, "challenge": challenge_scope}


@guard(methods=("GET",))
def export_list(request: HttpRequest) -> HttpResponse:
    context = {
        "targets": report_targets_for(user=request.user),
        "exports": exports_visible_to(user=request.user)[:50],
    }
    return render(request, "reports/list.html", context)


def _report_subject(request: HttpRequest, scope: str, pk: int) -> Model:
    """The edition, site or challenge a report is asked about, among those the person may know of."""
    if scope not in SUBJECT_SCOPES:
        raise Http404
    return get_object_or_404(SUBJECT_SCOPES[scope](user=request.user), pk=pk)


@guard(
    "reports.export_subject",
    load=_report_subject,
    denied=gettext_lazy("You may only request reports on the sites you facilitate."),
)
def export_new(request: HttpRequest, subject: Model) -> HttpResponse:
    report_scope = ReportScope(kind=subject._meta.model_name, pk=subject.pk)
    form = ExportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            export = reports.report_request(
                requested_by=request.user,
                scope=report_scope,
                subject=subject,
                content=form.cleaned_data["content"],
                format=form.cleaned_data["format"],
            )
        except exports.ExportError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("export_detail", pk=export.pk)
    title = reports.selectors.report_subject_label(scope=report_scope, subject=subject)
    return render(
        request,
        "reports/new.html",
        {
            "form": form,
            "subject": subject,
            "scope": report_scope.kind,
            "title": title,
            "expiry_days": settings.EXPORT_EXPIRY_DAYS,
        },
        status=400 if request.method == "POST" else 200,
    )
