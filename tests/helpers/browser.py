"""Playwright driving Debian's Chromium against pytest-django's live server.

Tests marked ``e2e`` take the ``page`` fixture; ``axe_violations(page)`` runs
axe-core (vendored under static/vendor) in the page, and ``screenshot(page, name)``
saves a PNG under tests/artifacts/screenshots (git-ignored).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers.services import chromium_path, service_missing

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE_URL = "/static/vendor/axe-core-4.11.4/axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        service_missing("Chromium is not installed (apt-get install -y chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between browser steps are synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in_with_cookie(page, live_server, user) -> None:
    """Sign ``user`` in without the login form: a session opened by Django's test client, given to the browser."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def sign_in_with_form(page, email: str, password: str) -> None:
    """Sign in through the login page, as a person does, and wait until it has let them in."""
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)  # "**/" would match the login page itself


def screenshot(page, name: str) -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page with the WCAG 2.1 A and AA rules; return the violations."""
    # Loaded from the site's own static files: the Content-Security-Policy blocks an inline script. After a click
    # that navigates, the new document may not be there yet: wait for it, or the script has no <head> to go in.
    page.wait_for_load_state("domcontentloaded")
    page.add_script_tag(url=AXE_URL)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    if violations:
        summary = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in violations
        ]
        raise AssertionError(
            f"axe found {len(violations)} violation(s) on {page.url}:\n{json.dumps(summary, indent=2)}"
        )
