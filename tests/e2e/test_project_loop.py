"""Issue 15 in Chromium: an owner opens a project, assesses it before it is a challenge and starts a plan; a
facilitator turns it into a challenge of their site, whose page says « Issu du projet … » and keeps the
owner's assessments. A facilitator edits their site's programme; the next grid version marks the criteria
to revisit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges.models import AuditEntry, TeamMembership
from challenges.services import editions as services
from grids.models import AccompanimentPlan, Assessment, Project
from grids.services import grids as grid_services
from grids.services import trials as trial_services
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import PASSWORD, UserFactory
from tests.grids.assessment_factories import criteria_of, grid_build
from tests.helpers.browser import assert_no_axe_violations, screenshot, sign_in_with_cookie, sign_in_with_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, user) -> None:
    page.context.clear_cookies()  # the next person of the journey
    sign_in_with_form(page, user.email, PASSWORD)


def test_a_project_is_assessed_then_becomes_a_challenge(page, live_server):
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Goff")
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    ChallengeFactory(site=site, number=1)
    grid = grid_build((2, 1), title="Grille des cinq étapes", mandatory_first=False)

    # The owner opens a project from « Mes projets »; a missing title comes back next to the field
    _login(page, owner)
    page.get_by_role("link", name="Mes évaluations").first.click()
    page.get_by_role("link", name="Mes projets").click()
    page.wait_for_url("**/projects/")
    page.get_by_role("link", name="Ouvrir un projet").click()
    page.get_by_label("De quoi parle le projet").fill("Un seul point d’entrée pour les associations.")
    page.get_by_role("button", name="Ouvrir le projet").click()
    assert "Donnez un titre au projet." in page.inner_text("body")
    assert page.get_by_label("De quoi parle le projet").input_value() == "Un seul point d’entrée pour les associations."
    assert_no_axe_violations(page)
    page.get_by_label("Titre du projet").fill("Un guichet unique pour les associations")
    page.get_by_role("button", name="Ouvrir le projet").click()
    page.wait_for_url("**/projects/*/")
    project = Project.objects.get()
    assert (project.owner, project.organisation) == (owner, owner.organisation)
    assert_no_axe_violations(page)

    # They assess it with the grid: every criterion « pas encore », submitted; the verdict is « à retravailler »
    page.get_by_label("Grille de critères").select_option(str(grid.pk))
    page.get_by_role("button", name="Évaluer mon projet").click()
    page.wait_for_url("**/assessments/*/")
    for criterion in criteria_of(grid):
        block = page.get_by_test_id(f"criterion-{criterion.pk}")
        block.get_by_label("Justification").fill("Rien n’est encore fait.")
        block.locator(f"#level-{criterion.pk}-0").check()
    page.get_by_role("button", name="Rendre l’évaluation").click()
    page.wait_for_url("**/results/")
    assert "à retravailler" in page.get_by_test_id("verdict").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Lancer un plan d’accompagnement").click()
    page.wait_for_url("**/accompaniment/*/")
    assessment = Assessment.objects.get(project=project)
    assert AccompanimentPlan.objects.filter(assessment=assessment).exists()
    page.get_by_role("link", name="L’évaluation dont il part").click()
    page.get_by_role("link", name="Le projet").click()
    page.wait_for_url(f"**/projects/{project.pk}/")
    assert page.get_by_test_id("project-plans").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "project-assessed-with-plan")

    # The facilitator finds it among the projects to accompany and turns it into a challenge of their site
    _login(page, facilitator)
    page.goto(reverse("grids:project_list"))
    page.get_by_role("link", name="Un guichet unique pour les associations").click()
    page.get_by_role("link", name="En faire un défi d’un site").click()
    page.get_by_label("Numéro du défi sur le site").fill("1")
    page.get_by_label("Question de travail").fill("Comment simplifier les demandes des associations ?")
    page.get_by_role("button", name="Créer le défi").click()
    assert "Le défi 1 existe déjà sur ce site" in page.inner_text("body")
    assert (
        page.get_by_label("Question de travail").input_value() == "Comment simplifier les demandes des associations ?"
    )
    assert_no_axe_violations(page)
    page.get_by_label("Numéro du défi sur le site").fill("2")
    page.get_by_role("button", name="Créer le défi").click()
    page.wait_for_url("**/challenges/*/")
    origin = page.get_by_test_id("origin-project")
    assert "Issu du projet «\u00a0Un guichet unique pour les associations\u00a0»" in origin.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "challenge-from-project")
    project.refresh_from_db()
    challenge = project.challenge
    assert TeamMembership.objects.filter(challenge=challenge, person=owner, role="owner").exists()
    assert AuditEntry.objects.filter(challenge=challenge, action="from_project", actor=facilitator).exists()

    # The owner's assessment is now the challenge's
    _login(page, owner)
    page.goto(reverse("grids:challenge_assessments", args=[challenge.pk]))
    assert "Retravailler" in page.inner_text("body") or "retravailler" in page.inner_text("body")
    assert Assessment.objects.get(pk=assessment.pk).challenge_id == challenge.pk


def test_a_facilitator_edits_the_programme_and_reads_the_criteria_to_revisit(page, live_server):
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Goff")
    staff = UserFactory(email="claire@example.org", display_name="Claire Morvan", is_staff=True)
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    challenges = [ChallengeFactory(site=site, number=n) for n in (1, 2)]
    services.site_programme_item_add(site=site, kind="talk", title="Conférence d’ouverture")
    grid = grid_build((2, 1), title="Grille des cinq étapes", mandatory_first=False)
    trial = trial_services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    first = criteria_of(grid)[0]
    trial_services.trial_vote(
        trial=trial, tester=facilitator, criterion=first, verdict="revisit", comment="Nommer les usagers"
    )
    trial_services.trial_conclude(trial=trial, by=facilitator, conclusion="À préciser.", validated=False)
    following = grid_services.grid_update(grid=grid, by=staff, title="Grille des cinq étapes")

    # The site's programme, from the site page: a moment without a title is refused next to the field
    _login(page, facilitator)
    page.goto(reverse("challenges:site_detail", args=[site.pk]))
    page.get_by_role("link", name="Modifier le programme").click()
    page.wait_for_url("**/programme/")
    new = page.locator("form").filter(has=page.get_by_role("button", name="Ajouter le moment"))
    new.get_by_label("Type de moment").select_option("mini_talk")
    new.get_by_role("button", name="Ajouter le moment").click()
    assert "Donnez un titre à ce moment." in page.inner_text("body")
    new = page.locator("form").filter(has=page.get_by_role("button", name="Ajouter le moment"))
    new.get_by_label("Titre").fill("Mini-conférence sur le design de services")
    new.get_by_role("button", name="Ajouter le moment").click()
    assert "Le moment est ajouté au programme." in page.inner_text("body")
    assert_no_axe_violations(page)
    screenshot(page, "site-programme-editor")
    page.goto(reverse("challenges:site_detail", args=[site.pk]))
    assert "Mini-conférence sur le design de services" in page.get_by_test_id("site-programme").inner_text()

    # The next version of the grid marks the criterion its trial voted « à revoir » (staff: signed in by
    # session, their two-factor set-up is another journey's)
    page.context.clear_cookies()
    sign_in_with_cookie(page, live_server, staff)
    page.goto(reverse("grids:grid_detail", args=[following.pk]))
    note = page.locator(".revisit-note")
    assert "Nommer les usagers" in note.inner_text() and "À revoir" in note.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "grid-next-version-to-revisit")
