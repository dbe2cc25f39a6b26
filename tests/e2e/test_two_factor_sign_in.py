"""A member of staff is made to set up an authenticator app, then signs in with a code computed by the test."""

from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.helpers.two_factor import fresh_totp_code, sign_in_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_are_forced_into_totp_set_up_and_then_sign_in_with_a_code(page, live_server):
    # Given a member of staff who never set up a second factor
    staff = UserFactory(email="claire@example.org", display_name="Claire Morvan", is_staff=True, two_factor=False)

    # When they sign in with their password and open the staff pages
    sign_in_in_browser(page, staff.email, PASSWORD)
    page.goto("/staff/editions/")

    # Then they are sent to the set-up, which first asks their password again
    page.wait_for_url("**/accounts/reauthenticate/**")
    assert_no_axe_violations(page)
    screenshot(page, "two-factor-reauthenticate")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert_no_axe_violations(page)
    screenshot(page, "two-factor-activate")

    # When they type the code their app computes from the secret shown
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.get_by_label("Code de l'authentificateur").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Activer").click()

    # Then they get their recovery codes, and the staff pages open
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    assert_no_axe_violations(page)
    screenshot(page, "two-factor-recovery-codes")
    page.goto("/staff/editions/")
    assert page.url.endswith("/staff/editions/")

    # When they sign out and in again, the code of their app is asked after the password
    page.get_by_role("button", name="Déconnexion").click()
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(staff.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_no_axe_violations(page)
    screenshot(page, "two-factor-sign-in-code")
    page.get_by_label("Code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_selector("[data-testid=current-user]")
    assert page.get_by_test_id("current-user").inner_text() == "Claire Morvan"
    page.goto("/staff/editions/")
    assert page.url.endswith("/staff/editions/")
