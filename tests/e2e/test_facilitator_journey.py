"""Journey 1 in Chromium: a facilitator creates a challenge with every field, invites its owner, moves it to
prototype and reformulates its question; the public page then shows all of it. Every page passes axe."""

from __future__ import annotations

import re

import pytest

from challenges.models import Challenge
from innovation.models import Invitation
from tests.challenges.factories import ChallengeFactory, SiteFactory, ThemeFactory
from tests.challenges.helpers import PDF_BYTES, PNG_BYTES
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_facilitator_journey(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Goff")
    site = SiteFactory(place="Rennes", facilitators=[facilitator], edition__title="3e université d’été")
    ThemeFactory(edition=site.edition, title="Coproduire des services publics innovants")
    ChallengeFactory(site=site, number=2, question="Comment réparer les routes ?")

    # Log in through the form.
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill("yann@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")

    # Editions → edition → site → new challenge.
    page.locator("#main-nav").get_by_role("link", name="Défis").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="3e université d’été").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Rennes").click()
    assert_no_axe_violations(page)
    screenshot(page, "site-page")
    page.get_by_role("link", name="Nouveau défi").click()
    assert_no_axe_violations(page)

    # Every field of the challenge.
    page.get_by_label("Numéro").fill("2")  # taken: the page comes back with an error
    page.get_by_label("Question de travail").fill("Comment simplifier les inscriptions scolaires ?")
    page.get_by_label("Sujet").fill("Inscriptions à l’école et à la cantine")
    page.get_by_label("Organisation porteuse").fill("Ville de Rennes")
    page.get_by_label("Thème").select_option(label="Coproduire des services publics innovants")
    page.get_by_label("Territoire", exact=True).fill("Rennes Métropole")
    page.get_by_label("Nombre de communes").fill("43")
    page.get_by_label("Nombre d’habitants").fill("450000")
    page.locator('[name="figures-0-label"]').fill("Écoles publiques")
    page.locator('[name="figures-0-value"]').fill("85")
    page.get_by_label("Enjeux").fill("**Gagner du temps** pour les familles")
    page.get_by_label("Parties prenantes").fill("Écoles, service éducation")
    page.get_by_label("Usagers").fill("Les familles")
    page.get_by_label("Freins").fill("Trois logiciels différents")
    page.get_by_label("Leviers").fill("Un portail unique")
    page.locator('[name="links-0-title"]').fill("Blog de l’université")
    page.locator('[name="links-0-url"]').fill("www.example.org/blog")  # as people type it: the server adds https
    page.locator('[name="files-0-title"]').fill("Fiche défi")
    page.locator('[name="files-0-file"]').set_input_files(
        {"name": "fiche.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    screenshot(page, "challenge-form-filled")
    page.get_by_role("button", name="Créer le défi").click()
    # The number is taken: the message is next to the field, and what was typed and sent is kept.
    assert page.get_by_text("Le défi 2 existe déjà sur ce site").first.is_visible()
    # The summary at the top has the focus and leads to the field.
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert page.title().startswith("Erreur\u00a0: ")
    page.get_by_test_id("form-errors").get_by_role("link", name="Numéro").click()
    assert page.evaluate("() => document.activeElement.id") == "id_number"
    assert page.get_by_test_id("held-file").inner_text().startswith("Reçu\u00a0: fiche.pdf.")
    assert page.get_by_label("Leviers").input_value() == "Un portail unique"
    assert_no_axe_violations(page)
    screenshot(page, "challenge-form-file-kept")
    page.get_by_label("Numéro").fill("3")
    page.get_by_role("button", name="Créer le défi").click()
    page.wait_for_url(re.compile(r"/challenges/\d+/(#id_number)?$"))  # a browser keeps the fragment on redirect
    assert page.get_by_text("Le défi 3 est créé, en brouillon.").is_visible()
    challenge = Challenge.objects.get(site=site, number=3)
    assert list(challenge.links.values_list("url", flat=True)) == ["https://www.example.org/blog"]
    assert_no_axe_violations(page)

    # Invite the owner by e-mail: she has no account yet.
    page.get_by_role("link", name="Gérer l’équipe").click()
    assert_no_axe_violations(page)
    page.get_by_label("Adresse e-mail").fill("nadia@example.org")
    page.get_by_label("Nom", exact=True).fill("Nadia Martin")
    page.get_by_label("Fonction").fill("Directrice de l’éducation")
    page.get_by_label("Rôle").select_option("owner")
    page.get_by_role("button", name="Inviter", exact=True).click()
    assert page.get_by_text("reçoit une invitation par e-mail").is_visible()
    assert Invitation.objects.filter(person__email="nadia@example.org").exists()
    assert_no_axe_violations(page)
    screenshot(page, "challenge-team")
    page.get_by_role("link", name="Retour au défi").click()

    # Move it to prototype and describe the prototype with a photo.
    page.get_by_label("Phase en cours").select_option("prototype")
    page.get_by_role("button", name="Changer de phase").click()
    assert page.get_by_text("Le défi est maintenant en phase « Prototype ».").is_visible()
    page.get_by_role("link", name="Rédiger la phase « Prototype »").click()
    assert_no_axe_violations(page)
    page.get_by_label("Description du prototype").fill("Un formulaire unique en ligne, testé en papier.")
    page.locator('[name="files-0-title"]').fill("Photo du prototype")
    page.locator('[name="files-0-file"]').set_input_files(
        {"name": "prototype.png", "mimeType": "image/png", "buffer": PNG_BYTES}
    )
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r"/challenges/\d+/#phase-prototype$"))

    # Reformulate the question, giving a reason.
    page.get_by_role("link", name="Reformuler la question").first.click()
    assert_no_axe_violations(page)
    page.get_by_label("Nouvelle question de travail").fill("Comment inscrire son enfant en une seule démarche ?")
    page.get_by_label("Pourquoi la question change-t-elle ?").fill("Les familles parlent d’une seule démarche.")
    page.get_by_role("button", name="Reformuler", exact=True).click()
    assert page.get_by_text("La question est reformulée").is_visible()

    # Publish, then read the public page as anonymous.
    page.get_by_role("button", name="Publier").click()
    assert page.get_by_text("Le défi est publié").is_visible()
    page.get_by_role("link", name="Historique des modifications").click()
    assert_no_axe_violations(page)
    screenshot(page, "challenge-history")
    page.get_by_role("button", name="Déconnexion").click()

    page.goto(f"/challenges/{challenge.pk}/")
    title = page.get_by_test_id("challenge-title").inner_text()
    # French typography: a no-break space before the colon.
    assert title == "Défi 3\u00a0: Comment inscrire son enfant en une seule démarche ?"
    body = page.locator("main").inner_text()
    for text in [
        "Inscriptions à l’école et à la cantine", "Ville de Rennes", "Coproduire des services publics innovants",
        "Rennes Métropole", "43", "450\u00a0000", "Écoles publiques", "85", "Gagner du temps",
        "Écoles, service éducation",
        "Les familles", "Trois logiciels différents", "Un portail unique", "Blog de l’université", "Fiche défi",
        "Un formulaire unique en ligne", "Photo du prototype", "Nadia Martin", "Porteur·se du défi",
        "Comment simplifier les inscriptions scolaires ?", "Les familles parlent d’une seule démarche.",
    ]:  # fmt: skip
        assert text in body, text
    assert page.locator("[data-testid=stakes] strong").inner_text() == "Gagner du temps"
    assert page.locator("#phase-prototype").get_by_text("phase en cours").is_visible()
    assert page.locator("[data-testid=question-history] del").inner_text() == (
        "Comment simplifier les inscriptions scolaires ?"
    )
    assert page.get_by_role("link", name="Gérer l’équipe").count() == 0
    assert_no_axe_violations(page)
    screenshot(page, "challenge-public")
    response = page.request.get(page.get_by_role("link", name="Fiche défi").get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    page.get_by_role("link", name="Rennes").click()
    page.get_by_role("searchbox", name="Rechercher").fill("inscrire")
    page.get_by_label("Phase", exact=True).select_option("prototype")
    page.get_by_role("button", name="Filtrer les défis").click()
    assert page.get_by_test_id("challenges").get_by_role("link").count() == 1
    assert page.get_by_role("searchbox", name="Rechercher").input_value() == "inscrire"
    assert_no_axe_violations(page)
    screenshot(page, "site-page-filtered")


def test_site_and_challenge_pages_on_a_phone(phone_page, settings, tmp_path):
    from challenges.services import challenges as services
    from tests.challenges.factories import ChallengeFactory, QuestionReformulationFactory, TeamMembershipFactory

    settings.MEDIA_ROOT = tmp_path
    site = SiteFactory(place="Cluny")
    challenge = ChallengeFactory(site=site, number=1, stakes="- un\n- deux", phase="test")
    TeamMembershipFactory(challenge=challenge, role="owner")
    QuestionReformulationFactory(challenge=challenge)
    services.phase_content_update(challenge=challenge, actor=None, phase="prototype", text="Maquette", learnings="")

    phone_page.goto(f"/sites/{site.pk}/")
    assert_no_axe_violations(phone_page)
    phone_page.goto(f"/challenges/{challenge.pk}/")
    assert phone_page.get_by_test_id("challenge-title").is_visible()
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "challenge-phone")
