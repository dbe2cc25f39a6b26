"""The lab coordinator's journey in Chromium: invite a member, publish charter v2 (the member reads the diff
and accepts again), attest an onboarding step, build a session agenda (an overlap is refused with a message)
and record attendance. Every page passes axe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from innovation.models import Invitation
from labs.models import (
    AgendaItem,
    Charter,
    CharterAcceptance,
    NetworkMembership,
    SessionRegistration,
    StepCompletion,
)
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.labs.factories import (
    CharterFactory,
    LabSessionFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    NetworkValueFactory,
    OnboardingJourneyFactory,
    OnboardingStepFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHARTER_V1 = "Nous nous engageons à :\n\n- mettre les usagers au cœur de chaque projet ;\n- partager nos échecs."


def _log_in(page, live_server, email):
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def transfo(db):
    coordinator = UserFactory(email="ines@example.org", display_name="Inès Roux")
    lucie = UserFactory(email="lucie@example.org", display_name="Lucie Perrin")
    margaux = UserFactory(email="margaux@example.org", display_name="Margaux Delmas")
    UserFactory(email="karim@example.org", display_name="Karim Benali")
    network = NetworkFactory(name="Réseau des ambassadeurs", lab__name="La Transfo Occitanie")
    NetworkValueFactory(network=network, name="Autonomie", description="Chacun prend des initiatives.")
    charter = CharterFactory(network=network, text=CHARTER_V1)
    NetworkMembershipFactory(network=network, person=coordinator, role=NetworkMembership.Role.COORDINATOR)
    lucie_membership = NetworkMembershipFactory(network=network, person=lucie)
    margaux_membership = NetworkMembershipFactory(network=network, person=margaux)
    CharterAcceptance.objects.create(charter=charter, person=lucie)
    journey = OnboardingJourneyFactory(network=network)
    mooc = OnboardingStepFactory(journey=journey, title="Suivre le MOOC", requires_attestation=True)
    StepCompletion.objects.create(membership=margaux_membership, step=mooc, done_at=timezone.now())
    session = LabSessionFactory(
        lab=network.lab, number=11, title="La Transfo a un an", place="Toulouse",
        starts_on=timezone.localdate(), ends_on=timezone.localdate() + datetime.timedelta(days=1),
    )  # fmt: skip
    SessionRegistration.objects.create(session=session, person=lucie, registered_at=timezone.now())
    return {"network": network, "session": session, "lucie": lucie_membership, "margaux": margaux_membership}


def test_coordinator_runs_the_network_and_the_member_reaccepts_the_charter(page, browser, live_server, transfo):
    network = transfo["network"]
    _log_in(page, live_server, "ines@example.org")

    # Labs → the lab → its network.
    page.locator("#main-nav").get_by_role("link", name="Réseaux").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Réseau des ambassadeurs").first.click()
    assert_no_axe_violations(page)

    # Invite a member who uses Défis, and one who does not yet.
    page.get_by_role("link", name="Membres", exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Inviter un membre").click()
    assert_no_axe_violations(page)
    page.get_by_label("Adresse e-mail").fill("karim@example.org")
    page.get_by_label("Rôle").select_option(label="Référent·e")
    page.get_by_role("button", name="Inviter").click()
    assert page.get_by_text("Karim Benali rejoint le réseau et en est averti·e.").is_visible()
    page.get_by_role("link", name="Inviter un membre").click()
    page.get_by_label("Adresse e-mail").fill("nouvelle@example.org")
    page.get_by_label("Nom", exact=True).fill("Nadia Cherif")
    page.get_by_role("button", name="Inviter").click()
    assert page.get_by_text("Nadia Cherif rejoint le réseau et reçoit une invitation par courriel.").is_visible()
    assert NetworkMembership.objects.get(network=network, person__email="karim@example.org").role == "referent"
    assert Invitation.objects.filter(person__email="nouvelle@example.org").exists()
    assert_no_axe_violations(page)
    screenshot(page, "labs-members")

    # Publish version 2 of the charter.
    page.get_by_role("link", name="Réseau", exact=True).click()
    page.get_by_role("link", name="Écrire la version suivante").click()
    assert_no_axe_violations(page)
    page.get_by_label("Texte de la charte").fill(
        CHARTER_V1.replace("partager nos échecs.", "partager nos réussites et nos échecs ;")
        + "\n- donner du temps dans le cadre d’une autorisation signée."
    )
    page.get_by_label("Résumé des changements").fill("Le temps donné au labo s’appuie sur une autorisation.")
    page.get_by_role("button", name="Publier cette version").click()
    page.wait_for_url(re.compile(r"/charte/v2/$"))
    assert page.get_by_text("La version 2 de la charte est publiée").is_visible()
    assert page.locator(".diff ins").first.is_visible() and page.locator(".diff del").first.is_visible()
    assert Charter.objects.filter(network=network).count() == 2
    assert_no_axe_violations(page)
    screenshot(page, "labs-charter-v2-coordinator")

    # Attest Margaux's MOOC from the queue.
    page.get_by_role("link", name="Réseau des ambassadeurs").last.click()
    page.get_by_role("link", name="Attestations").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Attester « Suivre le MOOC » pour Margaux Delmas").click()
    assert page.get_by_text("« Suivre le MOOC » est attestée pour Margaux Delmas.").is_visible()
    assert StepCompletion.objects.get(membership=transfo["margaux"]).attested_at is not None
    assert page.get_by_text("Rien à attester.").is_visible()
    assert_no_axe_violations(page)

    # Build the agenda of session #11: an overlapping slot is refused, with what was typed kept.
    page.goto(f"/labos/{network.lab_id}/")
    page.get_by_role("link", name="Sessions", exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Session #11 – La Transfo a un an").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Construire le programme").click()
    assert_no_axe_violations(page)
    page.get_by_label("Début").fill("09:00")
    page.get_by_label("Fin").fill("09:30")
    page.get_by_label("Type").select_option(label="Brise-glace")
    page.get_by_label("Titre").fill("Accueil et brise-glace")
    page.get_by_role("button", name="Ajouter au programme").click()
    assert page.get_by_text("« Accueil et brise-glace » est ajouté au programme.").is_visible()
    page.get_by_label("Début").fill("09:15")
    page.get_by_label("Fin").fill("10:30")
    page.get_by_label("Type").select_option(label="Séquence")
    page.get_by_label("Titre").fill("Quelles valeurs pour le Lab’ ?")
    page.get_by_label("Intervenants").fill("Inès Roux")
    page.get_by_role("button", name="Ajouter au programme").click()
    assert page.get_by_text("Ce créneau chevauche « Accueil et brise-glace » (09:00–09:30)").is_visible()
    assert page.get_by_label("Titre").input_value() == "Quelles valeurs pour le Lab’ ?"
    assert_no_axe_violations(page)
    screenshot(page, "labs-agenda-overlap")
    page.get_by_label("Début").fill("09:30")
    page.get_by_role("button", name="Ajouter au programme").click()
    assert page.get_by_text("« Quelles valeurs pour le Lab’ ? » est ajouté au programme.").is_visible()
    assert AgendaItem.objects.filter(session=transfo["session"]).count() == 2
    assert_no_axe_violations(page)
    screenshot(page, "labs-agenda")

    # Record attendance: Lucie came, Margaux too without registering.
    page.get_by_role("link", name="Retour à la session").click()
    page.get_by_role("link", name="Saisir les présences").click()
    assert_no_axe_violations(page)
    page.get_by_label("Lucie Perrin").check()
    page.get_by_label("Margaux Delmas").check()
    page.get_by_role("button", name="Saisir les présences").click()
    assert page.get_by_text("Les présences sont enregistrées : 2 présent·e·s.").is_visible()
    attended = set(
        SessionRegistration.objects.filter(session=transfo["session"], attended=True).values_list(
            "person__email", flat=True
        )
    )
    assert attended == {"lucie@example.org", "margaux@example.org"}
    assert_no_axe_violations(page)
    screenshot(page, "labs-session")

    # The member reads what changed in version 2 and accepts it again.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900})
    member_page = context.new_page()
    _log_in(member_page, live_server, "lucie@example.org")
    member_page.goto(f"/labos/reseaux/{network.pk}/")
    member_page.get_by_role("link", name="Ce qui change dans la version 2").click()
    diff = member_page.locator(".diff")
    # Insertions and deletions are marked up and announced in words, not shown by colour alone.
    assert "Texte ajouté\u00a0: réussites et nos échecs" in diff.text_content()
    assert "Texte retiré\u00a0: échecs." in diff.text_content()
    assert diff.locator("ins").count() == 2 and diff.locator("del").count() == 1
    assert_no_axe_violations(member_page)
    screenshot(member_page, "labs-charter-diff-member")
    member_page.get_by_role("button", name="J’accepte la version 2 de la charte").click()
    assert member_page.get_by_text("Vous avez accepté la version 2 de la charte.").is_visible()
    assert CharterAcceptance.objects.filter(charter__version=2, person=transfo["lucie"].person).exists()
    assert_no_axe_violations(member_page)
    context.close()
