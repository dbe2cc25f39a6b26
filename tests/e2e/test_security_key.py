"""A person adds a security key (WebAuthn) and signs in with it, in Debian's Chromium.

The key is Chromium's virtual authenticator, driven through the DevTools protocol: the browser and the
server run the real WebAuthn ceremonies (allauth and fido2 on the server side).
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.helpers.two_factor import sign_in_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def security_key(page):
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "usb",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    authenticator = devtools.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    yield devtools, authenticator["authenticatorId"]


def test_a_person_adds_a_security_key_and_signs_in_with_it(page, live_server, security_key):
    devtools, authenticator_id = security_key
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")

    # When they add a key from their account (after confirming their password)
    sign_in_in_browser(page, owner.email, PASSWORD)
    page.goto("/compte/")
    page.get_by_role("link", name="Gérer la connexion à deux facteurs").click()
    page.wait_for_url("**/accounts/2fa/")
    assert_no_axe_violations(page)
    screenshot(page, "two-factor-index")
    page.goto("/accounts/2fa/webauthn/add/")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    assert_no_axe_violations(page)
    screenshot(page, "security-key-add")
    page.get_by_role("button", name="Ajouter").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")

    # Then the key is theirs, on the server and in the authenticator
    assert Authenticator.objects.filter(user=owner, type=Authenticator.Type.WEBAUTHN).count() == 1
    credentials = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]
    assert len(credentials) == 1

    # When they sign in again, the key replaces the code
    page.get_by_role("button", name="Déconnexion").click()
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(owner.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_no_axe_violations(page)
    screenshot(page, "security-key-sign-in")
    page.get_by_role("button", name="Utilisez une clé secrète").click()  # allauth's own French label
    page.wait_for_selector("[data-testid=current-user]")
    assert page.get_by_test_id("current-user").inner_text() == "Sophie Tanguy"
