"""Export jobs: the progress page, then the download (what a job builds is requested elsewhere).

The pattern of pretix's AsyncAction: the form writes a job and redirects to
its progress page; the page polls its own fragment with htmx until the job is
done, when the bar becomes a download link. Another person's export answers 404.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovation.selectors import exports_visible_to
from innovation.services import exports

HTMX_STOP_POLLING = 286  # htmx stops an "every" trigger on this status


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
