"""Codes of an authenticator app, computed in the test as the person's phone would (RFC 6238)."""

from __future__ import annotations

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import TOTP_SECRET

PERIOD_SECONDS = 30


def totp_code(secret: str = TOTP_SECRET, *, at: float | None = None) -> str:
    """The six-digit code of ``secret`` at ``at`` (now by default)."""
    counter = int(at if at is not None else time.time()) // PERIOD_SECONDS
    return format_hotp_value(hotp_value(secret, counter))


def fresh_totp_code(secret: str = TOTP_SECRET) -> str:
    """A code that stays valid for a few seconds more: waits for the next period when this one is ending."""
    remaining = PERIOD_SECONDS - time.time() % PERIOD_SECONDS
    if remaining < 5:
        time.sleep(remaining + 0.2)
    return totp_code(secret)


def sign_in_in_browser(page, email: str, password: str, *, secret: str = TOTP_SECRET) -> None:
    """Sign in through the login page; when it asks for the authenticator app's code, type the one computed here."""
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.get_by_label("Code").fill(fresh_totp_code(secret))
        page.get_by_role("button", name="Connexion").click()
    page.wait_for_selector("[data-testid=current-user]")
