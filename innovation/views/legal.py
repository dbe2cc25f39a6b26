"""The public information pages every French public service owes its users, linked from every footer."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

# The day the accessibility statement was last reviewed against the browser tests' results.
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 29)


def _operator() -> dict[str, object]:
    return {
        "operator": settings.LEGAL_OPERATOR,
        "publication_director": settings.LEGAL_PUBLICATION_DIRECTOR,
        "host": settings.LEGAL_HOST,
        "contact_email": settings.CONTACT_EMAIL,
        "site_url": settings.SITE_URL,
    }


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    context = {**_operator(), "statement_date": ACCESSIBILITY_STATEMENT_DATE}
    return render(request, "innovation/legal/accessibility.html", context)


@require_safe
def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "innovation/legal/legal_notice.html", _operator())


@require_safe
def privacy_policy(request: HttpRequest) -> HttpResponse:
    context = {
        **_operator(),
        "export_expiry_days": settings.EXPORT_EXPIRY_DAYS,
        "invitation_days": settings.INVITATION_MAX_AGE_DAYS,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    }
    return render(request, "innovation/legal/privacy.html", context)
