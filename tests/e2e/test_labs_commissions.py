"""Commissions in Chromium, each person in their own browser session, every page checked with axe:

- the coordinator creates a commission, builds its grid, has it checked by another member, plans and
  records the interview (answers autosaved), reformulates it, and after the commissioner's validation
  staffs a team from the suggestion;
- the commissioner validates the reformulation in their own session, and cannot open the interview;
- an ambassador accepts the staffing proposal from « Mes commandes »."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from labs.models import Commission, StaffingProposal
from labs.services import commissions as services
from tests.factories import PASSWORD
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.labs.commission_world import commission_lab

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, email):
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")


def _new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return context.new_page()


def test_a_commission_from_request_to_team(page, browser, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = commission_lab()
    lab, coordinator, members, commissioner = (
        world["lab"],
        world["coordinator"],
        world["members"],
        world["commissioner"],
    )
    checker = members[0].person

    # The coordinator proposes the commission from the lab's board.
    _log_in(page, live_server, coordinator.email)
    page.goto(f"/labos/{lab.pk}/commandes/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Proposer une commande").click()
    page.get_by_role("button", name="Enregistrer").click()  # nothing filled: told next to the fields
    assert page.get_by_text("Donnez un titre à la commande.").is_visible() or page.locator(".invalid-feedback").count()
    page.get_by_label("Cas", exact=True).fill("cas n°3")
    page.get_by_label("Titre").fill("Occiborne")
    page.get_by_label("Nom du commanditaire").fill(str(commissioner))
    page.get_by_label("Direction du commanditaire").fill("Relation aux usagers")
    page.get_by_label("Demande initiale").fill("Installer une borne dans les Maisons de la Région.")
    page.get_by_label("Livrable attendu au départ").fill("Une borne")
    for phase in world["phases"][:3]:
        page.get_by_label(phase.name, exact=True).check()
    page.get_by_label("Origine du budget").fill("Fonds d’expérimentation")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r"/labos/commandes/\d+/$"))
    commission = Commission.objects.get(title="Occiborne")
    assert commission.state == Commission.State.PROPOSED
    page.get_by_label("Adresse e-mail du commanditaire").fill(commissioner.email)
    page.get_by_role("button", name="Inviter par e-mail").click()
    assert_no_axe_violations(page)

    # The grid: a question on usefulness among the uncomfortable ones, then another member checks it.
    page.get_by_role("link", name="Construire la grille d’entretien").click()
    page.get_by_label("Rubrique").select_option(label="Les contours de la commande")
    page.get_by_role("textbox", name="Question").fill("Quelle situation vous amène ?")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    assert page.get_by_text("Posez au moins une question dérangeante").is_visible()
    page.get_by_label("Rubrique").select_option(label="Questions dérangeantes")
    page.get_by_role("textbox", name="Question").fill("À quoi servira-t-elle vraiment, et pour qui ?")
    page.get_by_label("Elle interroge l’utilité du projet").check()
    page.get_by_role("button", name="Ajouter", exact=True).click()
    page.get_by_label("Membre qui vérifie la grille").select_option(label=str(checker))
    page.get_by_role("button", name="Envoyer pour vérification").click()
    assert page.get_by_text(f"En attente de la vérification de {checker}").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "labs-commission-grid")

    checker_page = _new_page(browser, live_server)
    _log_in(checker_page, live_server, checker.email)
    checker_page.goto(f"/labos/commandes/{commission.pk}/")
    checker_page.get_by_role("link", name="Vérifier la grille").click()
    checker_page.get_by_label("Vos remarques").fill("Bien, avec le jeu de cartes.")
    assert_no_axe_violations(checker_page)
    checker_page.get_by_role("button", name="La grille est vérifiée").click()
    checker_page.context.close()

    # The interview: planned, then answered (autosaved), then recorded.
    page.goto(f"/labos/commandes/{commission.pk}/")
    page.get_by_role("link", name="Planifier l’entretien").click()
    when = timezone.localtime() + datetime.timedelta(days=3)
    page.get_by_label("Date et heure").fill(when.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Lieu").fill("Maison de la Région de Montpellier")
    page.get_by_label(str(coordinator), exact=True).check()
    page.get_by_label("Personnes interviewées").fill(f"{commissioner}, commanditaire")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="L’entretien (confidentiel)").click()
    page.get_by_label("À quoi servira-t-elle vraiment, et pour qui ?").fill("Aux visiteurs perdus, surtout.")
    page.get_by_label("Notes libres").fill("Elle a dessiné le parcours d’un visiteur.")
    page.wait_for_selector("#autosave-status[data-state=saved]")
    assert "Aux visiteurs perdus" in str(Commission.objects.get(pk=commission.pk).interview.answers)
    assert_no_axe_violations(page)
    screenshot(page, "labs-commission-interview")
    page.get_by_role("link", name="Retour à la commande").click()
    page.get_by_role("button", name="L’entretien a eu lieu").click()

    # The reformulation, with its reason.
    page.get_by_role("link", name="Reformuler").click()
    page.get_by_label("Titre, après").fill("Occiline")
    page.get_by_role("button", name="Envoyer au commanditaire").click()
    assert page.get_by_text("Dites pourquoi cela change.").is_visible()  # the reason is asked for, the title kept
    assert page.get_by_label("Titre, après").input_value() == "Occiline"
    page.get_by_label("Pourquoi le titre change").fill("Plus qu’une borne : un guichet numérique.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Envoyer au commanditaire").click()
    assert page.get_by_test_id("state").text_content() == "Reformulée"

    # The commissioner, in their own session: sees the date and place, validates; the interview stays closed.
    commissioner_page = _new_page(browser, live_server)
    _log_in(commissioner_page, live_server, commissioner.email)
    commissioner_page.goto("/labos/commandes/miennes/")
    assert_no_axe_violations(commissioner_page)
    commissioner_page.get_by_test_id("commissioned").get_by_role("link", name="Occiline").click()
    assert "Maison de la Région de Montpellier" in commissioner_page.get_by_test_id("interview-when").text_content()
    assert commissioner_page.get_by_role("link", name="L’entretien (confidentiel)").count() == 0
    assert commissioner_page.get_by_text("Aux visiteurs perdus").count() == 0
    commissioner_page.get_by_label("Je valide cette reformulation").check()
    assert_no_axe_violations(commissioner_page)
    screenshot(commissioner_page, "labs-commission-commissioner")
    commissioner_page.get_by_role("button", name="Envoyer ma réponse").click()
    assert commissioner_page.get_by_test_id("state").text_content() == "Validée par le commanditaire"
    response = commissioner_page.goto(f"/labos/commandes/{commission.pk}/entretien/")
    assert response.status == 403
    commissioner_page.context.close()

    # The coordinator staffs from the suggestion: only authorised members, each with why.
    page.goto(f"/labos/commandes/{commission.pk}/")
    page.get_by_role("link", name="Composer l’équipe").click()
    suggestion = page.get_by_test_id("suggestion")
    suggested = {m.person_id for m in members[:4]}
    for membership in members[4:]:  # no authorisation: never suggested
        assert suggestion.get_by_text(str(membership.person)).count() == 0
    assert_no_axe_violations(page)
    screenshot(page, "labs-commission-staffing")
    page.get_by_role("button", name="Envoyer les sollicitations").click()
    proposals = StaffingProposal.objects.filter(commission=commission)
    assert {p.membership.person_id for p in proposals} == suggested

    # An ambassador accepts from « Mes commandes ».
    ambassador = members[1].person
    ambassador_page = _new_page(browser, live_server)
    _log_in(ambassador_page, live_server, ambassador.email)
    ambassador_page.goto("/labos/commandes/miennes/")
    ambassador_page.get_by_test_id("proposed").get_by_role("link", name="Occiline").click()
    assert_no_axe_violations(ambassador_page)
    screenshot(ambassador_page, "labs-commission-proposal")
    ambassador_page.get_by_role("button", name="J’accepte").click()
    assert ambassador_page.get_by_text("Vous rejoignez l’équipe.").is_visible()
    ambassador_page.context.close()

    # Two more accept; the coordinator confirms a team of three and is warned it is outside 4–5.
    for proposal in proposals.exclude(membership__person=ambassador)[:2]:
        services.proposal_answer(proposal=proposal, actor=proposal.membership.person, accept=True)
    page.reload()
    page.get_by_role("button", name=re.compile("Confirmer l’équipe")).click()
    assert page.get_by_test_id("state").text_content() == "Équipe formée"
    assert page.get_by_text("L’équipe compte 3 membres").first.is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "labs-commission-team")
