"""Middleware of Défis: staff's second factor, and the Permissions-Policy header.

Staff sign in with two factors: a staff member without them is sent to set them up first.

CNFPT staff may change every edition, challenge and grid, and use the administration: the ANSSI
recommends strong authentication for such accounts. This is the one place that enforces it, for
every page but the account pages themselves (where the authenticator app is set up, and the
sign-out), the language switch, the health check and the public information pages.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]

# Pages a staff member reaches before setting up a second factor (allauth's are all "account_*"/"mfa_*").
OPEN_PAGES = frozenset({"set_language", "healthz", "accessibility", "legal_notice", "privacy_policy"})


def is_open_page(url_name: str | None) -> bool:
    return bool(url_name) and (url_name.startswith(("account_", "mfa_")) or url_name in OPEN_PAGES)


class StaffTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None
        match = request.resolver_match
        if is_open_page(match.url_name if match else None) or is_mfa_enabled(user, SECOND_FACTORS):
            return None
        messages.warning(
            request,
            _("As a member of staff, you sign in with two factors: set up your authenticator app to continue."),
        )
        return redirect("mfa_activate_totp")


# Browser features no page of Défis uses: none is granted, to this origin or any frame.
# Security keys (publickey-credentials-*) keep their default, this origin only.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header on every response (Django has no setting for it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
