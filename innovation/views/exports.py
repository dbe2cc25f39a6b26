"""Export jobs: the progress page, then the download (what a job builds is requested elsewhere).

The pattern of pretix's AsyncAction: the form writes a job and redirects to
its progress page; the page polls its own fragment with htmx until the job is
done, when the bar becomes a download link. Another person's export answers 404.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innovation.guards import Scope, guard
from innovation.models import Export
from innovation.selectors import exports_visible_to
from innovation.services import exports

EXPORT = Scope(exports_visible_to)

HTMX_STOP_POLLING = 286  # htmx stops an "every" trigger on this status


@guard("innovation.view_export", load=EXPORT, methods=("GET",))
def export_detail(request: HttpRequest, export: Export) -> HttpResponse:
    context = {"export": export}
    if request.htmx:
        status = HTMX_STOP_POLLING if export.is_finished else 200
        return render(request, "innovation/exports/_progress.html", context, status=status)
    return render(request, "innovation/exports/detail.html", context)


@guard("innovation.view_export", load=EXPORT, methods=("GET",))
def export_download(request: HttpRequest, export: Export) -> HttpResponse:
    if export.is_expired:
        return render(request, "innovation/exports/expired.html", {"export": export}, status=410)
    if not export.is_downloadable:
        messages.info(request, _("This export is not ready yet."))
        return redirect("export_detail", pk=export.pk)
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=PurePath(export.file.name).name)


@guard("innovation.retry_export", load=EXPORT, methods=("POST",))
def export_retry(request: HttpRequest, export: Export) -> HttpResponse:
    try:
        exports.export_retry(export=export)
    except exports.ExportNotRetryable:
        messages.error(
            request, _("This export is still in progress or already done: only a failed export can be retried.")
        )
    else:
        messages.success(request, _("The export is queued again."))
    return redirect("export_detail", pk=export.pk)
