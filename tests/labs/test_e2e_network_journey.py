"""An ambassador opens their network, reads the values and accepts the charter; axe finds nothing."""

import pytest

from labs.models import CharterAcceptance
from tests.factories import PASSWORD
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_ambassador_accepts_the_charter(page, live_server, world, owner):
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(owner.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="Réseaux").click()
    page.get_by_role("link", name="Réseau des ambassadeurs").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="J’accepte la charte").click()

    assert page.get_by_text("Vous avez accepté cette version de la charte.").first.is_visible()
    assert CharterAcceptance.objects.filter(person=owner).count() == 1
    assert_no_axe_violations(page)
    screenshot(page, "network-charter-accepted")
