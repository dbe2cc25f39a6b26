"""Session reports: what a person may ask for, and the request itself (the job is the core's export)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from challenges.models import Edition, Site
from challenges.selectors.challenges import challenges_visible_to
from innovation.selectors import exports_visible_to
from innovation.services import exports
from reports import services as reports
from reports.forms import ExportRequestForm
from reports.selectors import ReportScope, report_targets_for


@login_required
def export_list(request: HttpRequest) -> HttpResponse:
    context = {
        "targets": report_targets_for(user=request.user),
        "exports": exports_visible_to(user=request.user)[:50],
    }
    return render(request, "reports/list.html", context)


def _scope_subject(request: HttpRequest, scope: str, pk: int):
    if scope == "edition":
        return get_object_or_404(Edition, pk=pk)
    if scope == "site":
        return get_object_or_404(Site.objects.select_related("edition"), pk=pk)
    if scope == "challenge":
        return get_object_or_404(challenges_visible_to(user=request.user).select_related("site__edition"), pk=pk)
    raise Http404


@login_required
def export_new(request: HttpRequest, scope: str, pk: int) -> HttpResponse:
    subject = _scope_subject(request, scope, pk)
    report_scope = ReportScope(kind=scope, pk=subject.pk)
    if not request.user.has_perm(reports.PERMISSIONS[scope], subject):
        message = (
            _("Only CNFPT staff may request the report of a whole edition.")
            if scope == "edition"
            else _("You may only request reports on the sites you facilitate.")
        )
        return render(request, "reports/forbidden.html", {"message": message}, status=403)
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
        {"form": form, "subject": subject, "scope": scope, "title": title, "expiry_days": settings.EXPORT_EXPIRY_DAYS},
        status=400 if request.method == "POST" else 200,
    )
