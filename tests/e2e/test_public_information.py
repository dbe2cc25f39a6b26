"""The accessibility statement, the legal notice, the personal-data page and the open-data page pass axe in French."""

from __future__ import annotations

import pytest

from tests.challenges.factories import EditionFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_accessibility_statement_is_reached_from_the_footer_and_reads_in_french(page):
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Accessibilité : non conforme").click()
    page.wait_for_url("**/accessibilite/")

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.title() == "Accessibilité · Défis"
    assert page.get_by_role("heading", level=1).inner_text() == "Déclaration d’accessibilité"
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings == [
        "État de conformité",
        "Comment l’accessibilité est vérifiée",
        "Contenus non accessibles",
        "Établissement de cette déclaration d’accessibilité",
        "Retour d’information et contact",
        "Voies de recours",
    ]
    assert "Défis est non conforme avec le RGAA" in page.get_by_test_id("conformity-status").inner_text()
    assert page.get_by_role("link", name="en lui écrivant par son formulaire en ligne").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "accessibility-statement")


@pytest.mark.parametrize(
    ("link", "path", "title"),
    [
        ("Mentions légales", "/mentions-legales/", "Mentions légales"),
        ("Données personnelles", "/donnees-personnelles/", "Données personnelles"),
    ],
)
def test_the_legal_notice_and_personal_data_pages_are_in_the_footer_and_pass_axe(page, link, path, title):
    page.goto("/")
    page.locator("footer").get_by_role("link", name=link).click()
    page.wait_for_url(f"**{path}")

    assert page.get_by_role("heading", level=1).inner_text() == title
    assert_no_axe_violations(page)
    screenshot(page, f"legal-{path.strip('/')}")


def test_the_open_data_page_offers_each_editions_files(page):
    edition = EditionFactory(title="3e université d'été de l'innovation publique territoriale")
    page.goto("/mentions-legales/")
    page.get_by_role("link", name="Les données ouvertes de Défis").click()
    page.wait_for_url("**/donnees-ouvertes/")

    assert page.get_by_role("link", name=f"CSV — {edition.title}").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "open-data")
