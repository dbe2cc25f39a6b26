"""The open-data record of each object: one shape for the API, the JSON download and the CSV download.

Labels are given in the platform's language (French), whatever the reader's, so that a file is the same
for everybody; codes sit beside them for machines.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from challenges.models import Challenge, Edition, Site, Theme
from challenges.models.challenges import Phase
from grids.models import Assessment


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def edition_record(edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.pk,
        "title": edition.title,
        "organiser": edition.organiser.name if edition.organiser_id else None,
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
        "description": edition.description,
        "url": _absolute(reverse("challenges:edition_detail", args=[edition.pk])),
    }


def site_record(site: Site) -> dict[str, Any]:
    return {
        "id": site.pk,
        "edition_id": site.edition_id,
        "place": site.place,
        "starts_on": site.starts_on,
        "ends_on": site.ends_on,
        "description": site.description,
        "url": _absolute(reverse("challenges:site_detail", args=[site.pk])),
    }


def theme_record(theme: Theme) -> dict[str, Any]:
    return {
        "id": theme.pk,
        "edition_id": theme.edition_id,
        "title": theme.title,
        "description": theme.description,
        "position": theme.position,
    }


def verdict_record(challenge: Challenge) -> dict[str, Any] | None:
    """The latest submitted verdict, only if the challenge's owner lets the open data show it."""
    if not challenge.shares_verdict or not getattr(challenge, "latest_verdict", None):
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "verdict": challenge.latest_verdict,
            "label": str(Assessment.Verdict(challenge.latest_verdict).label),
            "assessment_kind": challenge.latest_verdict_kind,
            "submitted_at": challenge.latest_verdict_at,
        }


def challenge_record(challenge: Challenge) -> dict[str, Any]:
    """A challenge of ``opendata.selectors.public_challenges`` (its annotations and prefetched links)."""
    with translation.override(settings.LANGUAGE_CODE):
        phase_label = str(Phase(challenge.phase).label)
    return {
        "id": challenge.pk,
        "edition_id": challenge.site.edition_id,
        "site_id": challenge.site_id,
        "site": challenge.site.place,
        "number": challenge.number,
        "question": challenge.question,
        "subject": challenge.subject,
        "organisation": challenge.organisation.name,
        "theme_id": challenge.theme_id,
        "theme": challenge.theme.title if challenge.theme_id else None,
        "territory": challenge.territory,
        "territory_communes": challenge.territory_communes,
        "territory_inhabitants": challenge.territory_inhabitants,
        "territory_figures": [
            {"label": str(item.get("label", "")), "value": str(item.get("value", ""))}
            for item in challenge.territory_figures or []
        ],
        "stakes": challenge.stakes,
        "stakeholders": challenge.stakeholders,
        "users": challenge.users,
        "obstacles": challenge.obstacles,
        "levers": challenge.levers,
        "phase": challenge.phase,
        "phase_label": phase_label,
        "links": [{"title": link.title, "url": link.url} for link in challenge.links.all()],
        "latest_verdict": verdict_record(challenge),
        "updated_at": challenge.updated_at,
        "url": _absolute(reverse("challenges:challenge_detail", args=[challenge.pk])),
    }
