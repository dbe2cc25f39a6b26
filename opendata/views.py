"""Open-data pages: what is published and how to reuse it, the files of each edition, and the owner's switch."""

from __future__ import annotations

import csv
import io
import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from challenges.selectors.challenges import challenges_visible_to
from challenges.services.challenges import challenge_set_verdict_sharing
from innovation.downloads import download_slug
from innovation.guards import Scope, guard
from innovation.services.spreadsheets import neutralise
from opendata import records, selectors

CSV_COLUMNS = (
    "id", "edition_id", "site_id", "site", "number", "question", "subject", "organisation", "theme_id", "theme",
    "territory", "territory_communes", "territory_inhabitants", "stakes", "stakeholders", "users", "obstacles",
    "levers", "phase", "phase_label", "latest_verdict", "latest_verdict_label", "latest_verdict_at", "updated_at",
    "url",
)  # fmt: skip


@require_safe
def opendata_index(request: HttpRequest) -> HttpResponse:
    context = {
        "editions": selectors.public_editions(),
        "schema_url": reverse("opendata-api:openapi-json"),
        "api_root": reverse("opendata-api:api-root"),
    }
    return render(request, "opendata/index.html", context)


def _edition_data(edition_id: int) -> tuple[dict, list[dict]]:
    edition = get_object_or_404(selectors.public_editions(), pk=edition_id)
    challenges = [
        records.challenge_record(challenge)
        for challenge in selectors.public_challenges(filters=selectors.ChallengeFilters(edition=edition.pk))
    ]
    return records.edition_record(edition), challenges


def _filename(edition: dict, extension: str) -> str:
    return f"defis-{download_slug(edition['title'])[:60] or edition['id']}.{extension}"


@require_safe
def edition_json(request: HttpRequest, edition_id: int) -> HttpResponse:
    """The whole edition in one JSON document: its sites, themes and published challenges."""
    edition, challenges = _edition_data(edition_id)
    document = {
        "edition": edition,
        "sites": [records.site_record(site) for site in selectors.public_sites(edition=edition_id)],
        "themes": [records.theme_record(theme) for theme in selectors.public_themes(edition=edition_id)],
        "challenges": challenges,
    }
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(edition, "json")}"'
    return response


def _csv_row(record: dict) -> list:
    verdict = record["latest_verdict"] or {}
    flat = {
        **record,
        "latest_verdict": verdict.get("verdict", ""),
        "latest_verdict_label": verdict.get("label", ""),
        "latest_verdict_at": verdict["submitted_at"].isoformat() if verdict else "",
        "updated_at": record["updated_at"].isoformat(),
    }
    return [neutralise("" if flat[column] is None else flat[column]) for column in CSV_COLUMNS]


@require_safe
def edition_csv(request: HttpRequest, edition_id: int) -> HttpResponse:
    """One row per published challenge of the edition: UTF-8, comma-separated, as data.gouv.fr expects."""
    edition, challenges = _edition_data(edition_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(record) for record in challenges)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(edition, "csv")}"'
    return response


@guard("challenges.share_verdict", load=Scope(challenges_visible_to, kwarg="pk"), methods=("POST",))
def verdict_sharing(request: HttpRequest, challenge) -> HttpResponse:
    shares = request.POST.get("shares") == "1"
    challenge_set_verdict_sharing(challenge=challenge, actor=request.user, shares=shares)
    if shares:
        messages.success(request, _("The open data now show the verdict of this challenge's latest assessment."))
    else:
        messages.success(request, _("The open data no longer show this challenge's verdict."))
    return redirect(reverse("challenges:challenge_detail", args=[challenge.pk]) + "#open-data")
