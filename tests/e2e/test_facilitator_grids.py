"""The facilitator in Chromium: duplicates the default grid and edits the copy, compares results, follows the site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grids.models import Assessment, Grid
from grids.services import assessments as services
from grids.services.grids import default_grid_ensure
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import UserFactory
from tests.grids.assessment_factories import AssessmentFactory, answer_all, submitted
from tests.helpers.browser import assert_no_axe_violations, screenshot, sign_in_with_cookie

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_facilitator_edits_a_grid_and_follows_the_site(page, live_server):
    grid = default_grid_ensure()
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Gall")
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    challenge = ChallengeFactory(site=site, number=1)
    ChallengeFactory(site=site, number=2)
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    submitted(AssessmentFactory(challenge=challenge, grid=grid, assessor=owner), level=3)
    review = services.review_start(challenge=challenge, by=facilitator)
    answer_all(review, level=1)
    services.assessment_submit(assessment=review, by=facilitator)
    sign_in_with_cookie(page, live_server, facilitator)

    # The grid editor: the platform's default grid is read-only for a facilitator, who duplicates it
    page.goto(reverse("grids:grid_list"))
    assert_no_axe_violations(page)
    page.get_by_role("link", name=grid.title).click()
    assert page.get_by_test_id("grid-read-only").is_visible()
    assert page.get_by_role("link", name="Ajouter un critère").count() == 0
    assert_no_axe_violations(page)
    page.get_by_label("Titre de la copie").fill("Grille de Rennes")
    page.get_by_role("button", name="Dupliquer pour adapter").click()
    page.get_by_role("heading", name="Grille de Rennes").wait_for()
    copy = Grid.objects.get(title="Grille de Rennes")
    assert copy.organisation_id == facilitator.organisation_id
    assert page.get_by_test_id("grid-owner").inner_text() == facilitator.organisation.name

    # Once used, the copy gets a new version when a criterion is added
    submitted(AssessmentFactory(challenge=ChallengeFactory(), grid=copy), level=3)
    page.reload()
    assert_no_axe_violations(page)
    screenshot(page, "grid-editor")
    page.get_by_test_id("step-3").get_by_role("link", name="Ajouter un critère").click()
    page.get_by_label("Critère").fill("Un référent numérique est identifié")
    page.get_by_label("Poids").fill("2")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Enregistrer le critère").click()
    assert page.get_by_text("votre modification a créé la version 2").is_visible()
    assert "Un référent numérique est identifié" in page.get_by_test_id("step-3").inner_text()
    page.get_by_test_id("step-3").get_by_role("button", name="Monter Les ressources et les capacités").click()
    assert "Les ressources et les capacités" in page.get_by_test_id("step-2").inner_text()
    assert Grid.objects.filter(lineage=copy.lineage).count() == 2
    assert Grid.objects.filter(lineage=grid.lineage).count() == 1  # the default grid did not move

    # Self and facilitator results side by side, gaps flagged
    page.goto(reverse("grids:assessment_results", args=[review.pk]))
    assert page.get_by_test_id("comparison").get_by_text("écart de 2 niveaux ou plus").count() == 19
    assert_no_axe_violations(page)
    screenshot(page, "assessment-side-by-side")

    # The site overview, sorted by the overall score
    page.goto(reverse("grids:site_assessments", args=[site.pk]))
    page.get_by_role("link", name="Global").click()
    assert "sort=overall" in page.url
    assert page.get_by_test_id("site-overview").locator("tbody tr").count() == 2
    assert_no_axe_violations(page)
    screenshot(page, "site-overview")

    # Assigning a peer review, with a French message for an unknown address
    page.goto(reverse("grids:peer_review_assign", args=[challenge.pk]))
    page.get_by_label("Adresse électronique du pair relecteur").fill("inconnu@example.org")
    page.get_by_role("button", name="Confier la relecture").click()
    assert page.get_by_text("Personne n’a encore de compte Défis avec cette adresse.").is_visible()
    assert_no_axe_violations(page)
    assert Assessment.objects.filter(kind="peer").count() == 0
