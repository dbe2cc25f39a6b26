"""A person logs in through the browser; the home and login pages pass axe (WCAG 2.1 A and AA)."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_through_the_browser_with_accessible_pages(page, live_server):
    UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")

    page.goto("/")
    assert page.locator("h1").first.inner_text().startswith("Les défis d’innovation publique")
    assert_no_axe_violations(page)
    screenshot(page, "home-anonymous")

    page.get_by_role("link", name="Connexion").first.click()
    page.wait_for_url("**/accounts/login/")
    assert_no_axe_violations(page)

    page.get_by_label("Courriel").fill("sophie@example.org")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Connexion").click()
    assert page.get_by_text("L’adresse e-mail ou le mot de passe sont incorrects.").is_visible()
    assert page.get_by_label("Courriel").input_value() == "sophie@example.org"
    assert_no_axe_violations(page)
    screenshot(page, "login-wrong-password")

    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_test_id("current-user").inner_text() == "Sophie Tanguy"
    assert_no_axe_violations(page)
    screenshot(page, "home-signed-in")


def test_skip_link_is_the_first_tab_stop_and_visible_on_focus(page):
    page.goto("/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Aller au contenu"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0
