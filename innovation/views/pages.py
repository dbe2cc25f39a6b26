from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from innovation import selectors
from innovation.forms import InvitationAcceptForm, form_add_service_errors
from innovation.guards import Refused
from innovation.services import invitations

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "innovation/home.html", {"sections": selectors.home_sections_for(user=request.user)})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer whether this process can reach the database and the broker."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        logger.warning("healthz: database unreachable: %s", exc)
        checks["database"] = "unreachable"
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
            checks["broker"] = "ok"
        except Exception as exc:
            logger.warning("healthz: broker unreachable: %s", exc)
            checks["broker"] = "unreachable"
    else:
        checks["broker"] = "eager"
    healthy = all(value in {"ok", "eager"} for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitations.invitation_from_token(token=token)
    except invitations.InvitationInvalid:
        return render(request, "innovation/invitation_invalid.html", status=410)
    form = InvitationAcceptForm(request.POST or None)
    person = None
    if request.method == "POST" and form.is_valid():
        try:
            person = invitations.invitation_accept(invitation=invitation, password=form.cleaned_data["password"])
        except ValidationError as error:
            form_add_service_errors(form, error)
    if person is not None:
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Défis! Your password is set."))
        next_url = invitation.next_url
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = "/"
        return redirect(next_url)
    return render(request, "innovation/invitation_accept.html", {"form": form, "invitation": invitation})


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = exception.message if isinstance(exception, Refused) else None
    return render(request, "403.html", {"message": message}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
