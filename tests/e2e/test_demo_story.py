"""The demo in Chromium: the demo owner finds the Rennes site's fourteen 2018 challenges, opens theirs
(Défi 3, the swimming-school registrations) and reads in its history how its question was reformulated.
Every page passes axe."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from challenges.models import QuestionReformulation
from innovation.demo import DEMO_PASSWORD
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_demo_owner_reads_the_story_of_challenge_3(page, live_server):
    with open("/dev/null", "w") as devnull:
        call_command("load_demo_data", stdout=devnull)
    reformulation = QuestionReformulation.objects.get(challenge__number=3, challenge__site__place="Rennes")

    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill("porteur@demo.defis.fr")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")

    # The edition, then its Rennes site and its fourteen challenges.
    page.locator("#main-nav").get_by_role("link", name="Défis").click()
    page.get_by_role("link", name="3e université d'été de l'innovation publique territoriale").click()
    assert page.get_by_text("Concevoir des formations pour des acteurs et actrices de l’innovation").count() >= 1
    assert_no_axe_violations(page)
    screenshot(page, "demo-edition")
    page.get_by_role("link", name="Rennes", exact=True).click()
    assert page.get_by_text("Comment associe-t-on les agents à l’évolution de l’accueil ?").is_visible()
    assert page.get_by_text("Ville de Iasi").count() >= 1
    assert_no_axe_violations(page)
    screenshot(page, "demo-rennes-site")

    # Défi 3 shows its reformulated question, its territory's figures and what its phases produced.
    page.get_by_role("link", name=reformulation.new_question).first.click()
    assert page.get_by_role("heading", level=1).inner_text().endswith(reformulation.new_question)
    assert page.get_by_text("Piscines du service natation").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "demo-challenge-3")

    # Its history says who reformulated the question, when, from what and why.
    page.get_by_role("link", name="Historique").click()
    history = page.get_by_test_id("audit")
    row = history.get_by_role("row").filter(has_text="Question reformulée")
    assert row.get_by_text(reformulation.previous_question).is_visible()
    assert row.get_by_text(reformulation.reason).is_visible()
    assert row.get_by_text("Yann Le Gall").is_visible()
    assert page.get_by_text("Aucune modification").count() == 0
    assert_no_axe_violations(page)
    screenshot(page, "demo-challenge-3-history")
