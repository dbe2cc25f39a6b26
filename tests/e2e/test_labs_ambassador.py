"""The ambassador's journey in Chromium: fill in their skills and appetences, follow « Moi et le lab' »
(onboarding steps, authorisation with its signed file, a session to register to). Every page passes axe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from labs.models import Authorisation, NetworkMembership, SessionRegistration, SkillRating, StepCompletion
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.labs.conftest import PDF_BYTES
from tests.labs.factories import (
    CharterFactory,
    LabSessionFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OnboardingJourneyFactory,
    OnboardingStepFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lucie(db):
    person = UserFactory(email="lucie@example.org", display_name="Lucie Perrin")
    network = NetworkFactory(name="Réseau des ambassadeurs", lab__name="La Transfo Occitanie")
    CharterFactory(network=network)
    NetworkMembershipFactory(network=network, role=NetworkMembership.Role.COORDINATOR)
    membership = NetworkMembershipFactory(network=network, person=person)
    journey = OnboardingJourneyFactory(network=network)
    OnboardingStepFactory(
        journey=journey, position=1, kind="values_charter", title="Lire les valeurs", requires_attestation=False
    )
    OnboardingStepFactory(journey=journey, position=2, kind="mooc", title="Suivre le MOOC", requires_attestation=True)
    LabSessionFactory(
        lab=network.lab, number=15, title="Journée Transfo +", place="Montpellier",
        starts_on=timezone.localdate() + datetime.timedelta(days=14),
        ends_on=timezone.localdate() + datetime.timedelta(days=14),
    )  # fmt: skip
    return membership


def test_ambassador_fills_in_skills_and_follows_me_and_the_lab(page, live_server, lucie, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill("lucie@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")

    page.locator("#main-nav").get_by_role("link", name="Réseaux").click()
    page.get_by_role("link", name="Moi et le lab’").click()
    assert_no_axe_violations(page)
    screenshot(page, "labs-me-before")

    # Skills and appetences, phase by phase; a missing commission idea is asked for, nothing typed is lost.
    page.get_by_role("link", name="Évaluer mes compétences et appétences").click()
    assert_no_axe_violations(page)
    levels = {"Reformulation": (1, 2), "Enquête": (2, 3), "Idéation": (2, 3), "Prototypage": (3, 3), "Test": (3, 2)}
    labels = {0: "0 – aucune", 1: "1 – un peu", 2: "2 – bonne", 3: "3 – forte"}
    for phase, (competence, appetence) in levels.items():
        group = page.get_by_role("group", name=phase, exact=True)
        group.get_by_role("group", name="Compétence").get_by_label(labels[competence]).check()
        group.get_by_role("group", name="Appétence").get_by_label(labels[appetence]).check()
    page.get_by_role("group", name="Prototypage", exact=True).get_by_label("Commentaire").fill("Carton et ficelle")
    page.get_by_label("J’apporterais une commande de ma propre direction").check()
    page.get_by_role("button", name="Enregistrer mes compétences").click()
    commission = page.get_by_role("group", name="Une commande de ma direction")
    assert commission.get_by_text("Dites en une phrase quel projet de votre direction vous apporteriez.").is_visible()
    assert page.get_by_role("group", name="Prototypage", exact=True).get_by_label("Commentaire").input_value() == (
        "Carton et ficelle"
    )
    assert page.get_by_role("group", name="Test", exact=True).get_by_label("3 – forte").first.is_checked()
    assert_no_axe_violations(page)
    page.get_by_label("Quel projet ?").fill("L’accueil des nouveaux agents de la direction des lycées.")
    screenshot(page, "labs-skills-form")
    page.get_by_role("button", name="Enregistrer mes compétences").click()
    page.wait_for_url(re.compile(r"/labos/moi/$"))
    assert page.get_by_text("Vos compétences et appétences sont enregistrées.").is_visible()
    ratings = {r.phase.name: (r.competence, r.appetence) for r in SkillRating.objects.filter(membership=lucie)}
    assert ratings == levels
    lucie.refresh_from_db()
    assert lucie.brings_commission and "lycées" in lucie.commission_idea
    assert page.get_by_role("row", name="Prototypage 3 / 3 3 / 3").is_visible()

    # The onboarding checklist: one step done at once, one waiting for a coordinator.
    page.get_by_role("button", name="Marquer « Lire les valeurs » comme fait").click()
    page.get_by_role("button", name="Marquer « Suivre le MOOC » comme fait").click()
    assert page.get_by_text("Étape marquée comme faite : un coordinateur l’attestera.").is_visible()
    assert page.get_by_text("en attente d’un coordinateur").is_visible()
    assert StepCompletion.objects.filter(membership=lucie).count() == 2
    assert_no_axe_violations(page)

    # The participation authorisation: a granted one needs its signed file, and only a PDF or an image.
    page.get_by_role("link", name="Mon autorisation", exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_label("Nom du ou de la responsable").fill("Anne Martin")
    page.get_by_label("Statut").select_option(label="Accordée")
    page.get_by_label("Valable jusqu’au").fill((timezone.localdate() + datetime.timedelta(days=365)).isoformat())
    page.get_by_label("Temps accordé (jours par mois)").fill("2")
    page.get_by_label("Autorisation signée").set_input_files(
        {"name": "autorisation.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 not a pdf at all"}
    )
    page.get_by_role("button", name="Enregistrer l’autorisation").click()
    assert page.get_by_text("Envoyez l’autorisation signée en PDF ou en image (PNG, JPEG).").is_visible()
    assert page.get_by_label("Nom du ou de la responsable").input_value() == "Anne Martin"
    assert not Authorisation.objects.filter(membership=lucie).exists()
    assert_no_axe_violations(page)
    screenshot(page, "labs-authorisation-refused")
    page.get_by_label("Autorisation signée").set_input_files(
        {"name": "autorisation.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Enregistrer l’autorisation").click()
    assert page.get_by_text("L’autorisation est enregistrée.").is_visible()
    assert Authorisation.objects.get(membership=lucie).status == Authorisation.Status.GRANTED
    assert page.get_by_role("link", name="Télécharger autorisation.pdf").is_visible()
    assert_no_axe_violations(page)

    # Register to the next session from « Moi et le lab' ».
    page.goto("/labos/moi/")
    page.get_by_role("link", name="Session #15 – Journée Transfo +").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="M’inscrire à cette session").click()
    assert page.get_by_text("Vous êtes inscrit·e : un rappel avec le programme arrivera la veille.").is_visible()
    assert SessionRegistration.objects.filter(person=lucie.person, session__number=15).exists()
    page.goto("/labos/moi/")
    assert page.get_by_text("inscrit·e", exact=True).is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "labs-me-after")
