"""Reports and exports: request (POST), then the progress page, then the download.

The pattern of pretix's AsyncAction: the form writes a job and redirects to
its progress page; the page polls its own fragment with htmx until the job is
done, when the bar becomes a download link. Another person's export answers 404.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges.models import Edition, Site
from challenges.selectors.challenges import challenges_visible_to
from challenges.selectors.reports import ReportScope, report_targets_for
from challenges.services import reports
from innovation.forms import ExportRequestForm
from innovation.selectors import exports_visible_to
from innovation.services import exports

HTMX_STOP_POLLING = 286  # htmx stops an "every" trigger on this status


@login_required
def export_list(request: HttpRequest) -> HttpResponse:
    context = {
        "targets": report_targets_for(user=request.user),
        "exports": exports_visible_to(user=request.user)[:50],
    }
    return render(request, "innovation/exports/list.html", context)


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
        return render(request, "innovation/exports/forbidden.html", {"message": message}, status=403)
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
        "innovation/exports/new.html",
        {"form": form, "subject": subject, "scope": scope, "title": title, "expiry_days": settings.EXPORT_EXPIRY_DAYS},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(exports_visible_to(user=request.user), pk=pk)
    context = {"export": export}
    if request.htmx:
        status = HTMX_STOP_POLLING if export.is_finished else 200
        return render(request, "innovation/exports/_progress.html", context, status=status)
    return render(request, "innovation/exports/detail.html", context)


@login_required
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(exports_visible_to(user=request.user), pk=pk)
    if export.is_expired:
        return render(request, "innovation/exports/expired.html", {"export": export}, status=410)
    if not export.is_downloadable:
        messages.info(request, _("This export is not ready yet."))
        return redirect("export_detail", pk=export.pk)
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=PurePath(export.file.name).name)


@login_required
@require_POST
def export_retry(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(exports_visible_to(user=request.user), pk=pk)
    try:
        exports.export_retry(export=export)
    except exports.ExportNotRetryable:
        messages.error(
            request, _("This export is still in progress or already done: only a failed export can be retried.")
        )
    else:
        messages.success(request, _("The export is queued again."))
    return redirect("export_detail", pk=export.pk)
