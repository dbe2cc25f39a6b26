"""Import a site's challenges from a spreadsheet: upload, preview, confirm (and the templates).

The parsed rows wait in the uploader's session between the preview and the confirmation,
so nobody else can confirm them; the confirmation validates them again against the database.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from challenges.forms_imports import ChallengeImportForm
from challenges.models import Site
from challenges.selectors.challenges import edition_themes, site_scope
from challenges.services import imports
from innovation.guards import Scope, guard

SITE = Scope(site_scope)


def _session_key(site: Site) -> str:
    return f"challenges.import.{site.pk}"


@guard("challenges.import_challenges", load=SITE)
def challenge_import(request: HttpRequest, site: Site) -> HttpResponse:
    form = ChallengeImportForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        request.session[_session_key(site)] = {
            "filename": form.cleaned_data["file"].name,
            "publish": form.cleaned_data["publish"],
            "rows": [row.as_dict() for row in form.cleaned_data["rows"]],
        }
        return redirect("challenges:challenge_import_preview", pk=site.pk)
    return render(
        request,
        "challenges/imports/upload.html",
        {
            "site": site,
            "form": form,
            "columns": imports.COLUMNS,
            "themes": list(edition_themes(edition_id=site.edition_id)),
            "formats": imports.FORMATS,
        },
        status=400 if form.is_bound else 200,
    )


@guard("challenges.import_challenges", load=SITE)
def challenge_import_preview(request: HttpRequest, site: Site) -> HttpResponse:
    pending = request.session.get(_session_key(site))
    if not pending:
        messages.info(request, _("Choose a file to import first."))
        return redirect("challenges:challenge_import", pk=site.pk)
    rows = [imports.ParsedRow.from_dict(row) for row in pending["rows"]]
    if request.method == "POST":
        try:
            created = imports.challenges_import(
                site=site,
                rows=rows,
                publish=bool(pending.get("publish")),
                imported_by=request.user,
                filename=pending.get("filename", ""),
            )
        except imports.ImportInvalid as invalid:
            results = invalid.results
            messages.error(
                request, _("Some rows are invalid (the site may have changed since the preview): nothing was imported.")
            )
        else:
            del request.session[_session_key(site)]
            messages.success(
                request,
                ngettext(
                    "%(count)d challenge imported into %(site)s.",
                    "%(count)d challenges imported into %(site)s.",
                    len(created),
                )
                % {"count": len(created), "site": site.place},
            )
            return redirect(reverse("challenges:site_detail", args=[site.pk]))
    else:
        results = imports.import_rows_validate(site=site, rows=rows)
    invalid_rows = [result for result in results if not result.is_valid]
    return render(
        request,
        "challenges/imports/preview.html",
        {
            "site": site,
            "filename": pending.get("filename", ""),
            "publish": pending.get("publish"),
            "columns": imports.COLUMNS,
            "results": results,
            "invalid_rows": invalid_rows,
            "new_organisations": sorted(
                {result.values["organisation"].strip() for result in results if result.new_organisation}
            ),
        },
    )


@guard("challenges.import_challenges", load=SITE, methods=("GET",))
def challenge_import_template(request: HttpRequest, site: Site, file_format: str) -> HttpResponse:
    if file_format not in imports.FORMATS:
        raise Http404
    content, content_type = imports.import_template(file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="modele-import-defis-site-{site.pk}.{file_format}"'
    return response
