"""The demo lab in Chromium, as its coordinator: every page passes axe, and the workshop's notes save
themselves as she types (htmx), without a page load."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from innovation.demo import DEMO_PASSWORD
from labs.models import Lab, LabSession, NoteSection, Workshop
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_demo_coordinator_s_pages_pass_axe_and_notes_save_as_she_types(page, live_server):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    lab = Lab.objects.get(name="La Transfo Occitanie")
    network = lab.networks.get()
    session = LabSession.objects.get(lab=lab, number=11)
    workshop = Workshop.objects.get(lab=lab, series="Atelier 2")
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill("coordinatrice@demo.defis.fr")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")

    pages = {
        "labs-list": "/labos/",
        "labs-lab": f"/labos/{lab.pk}/",
        "labs-dashboard": f"/labos/{lab.pk}/tableau-de-bord/",
        "labs-network": f"/labos/reseaux/{network.pk}/",
        "labs-skills-matrix": f"/labos/reseaux/{network.pk}/competences/",
        "labs-onboarding": f"/labos/reseaux/{network.pk}/parcours/",
        "labs-onboarding-edit": f"/labos/reseaux/{network.pk}/parcours/modifier/",
        "labs-values": f"/labos/reseaux/{network.pk}/valeurs/",
        "labs-audit": f"/labos/reseaux/{network.pk}/historique/",
        "labs-lab-edit": f"/labos/{lab.pk}/modifier/",
        "labs-session-11": f"/labos/sessions/{session.pk}/",
        "labs-workshop": f"/labos/ateliers/{workshop.pk}/",
        "labs-library": f"/labos/{lab.pk}/ressources/",
        "labs-me-coordinator": "/labos/moi/",
    }
    for name, url in pages.items():
        page.goto(url)
        assert_no_axe_violations(page)
        screenshot(page, name)

    # Filter the skills matrix: who has an appetence of 3 for prototyping?
    page.goto(f"/labos/reseaux/{network.pk}/competences/")
    page.get_by_label("Phase", exact=True).select_option(label="Prototypage")
    page.get_by_label("Appétence au moins").select_option(label="3 – forte")
    page.get_by_role("button", name="Filtrer la liste").click()
    assert page.get_by_role("status").inner_text() == "3 membres affichés sur 7."
    rows = page.locator("table.skills-matrix tbody th[scope=row]").all_inner_texts()
    assert [row.split("\n")[0] for row in rows] == ["Lucie Perrin", "Margaux Delmas", "Thomas Vidal"]
    assert page.locator("table.skills-matrix caption").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "labs-skills-matrix-filtered")

    # Notes save themselves: type, and the status line says it without reloading the page.
    page.goto(f"/labos/ateliers/{workshop.pk}/")
    section = NoteSection.objects.get(workshop=workshop, title="Pistes à creuser")
    box = page.get_by_label("Notes : Pistes à creuser".replace(" :", "\u00a0:"))
    box.fill(box.input_value() + "\nProposer un MOOC en binôme.")
    page.locator(f"#section-{section.pk}-status").get_by_text(re.compile("Enregistré par Inès Roux")).wait_for()
    section.refresh_from_db()
    assert section.text.endswith("Proposer un MOOC en binôme.") and section.revision == 1
    assert_no_axe_violations(page)
    screenshot(page, "labs-workshop-notes-saved")
