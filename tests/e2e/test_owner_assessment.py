"""The owner's journey in Chromium: score half the grid, reload, complete, submit, read the result."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grids.models import Answer, Assessment
from grids.services.grids import default_grid_ensure
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import PASSWORD, UserFactory
from tests.grids.assessment_factories import criteria_of
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _answer(page, criterion, level: str, justification: str) -> None:
    block = page.get_by_test_id(f"criterion-{criterion.pk}")
    block.get_by_label("Justification").fill(justification)
    block.locator(f"#level-{criterion.pk}-{level}").check()
    page.wait_for_load_state("networkidle")
    status = page.get_by_test_id(f"status-{criterion.pk}")
    status.get_by_text("Enregistré").wait_for()


def test_the_owner_scores_reloads_submits_and_reads_what_to_rework(page, live_server):
    # Given the default grid (the flush of transactional tests removes it) and an owner's challenge
    grid = default_grid_ensure()
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    facilitator = UserFactory(email="yann@example.org")
    challenge = ChallengeFactory(site=SiteFactory(facilitators=[facilitator]), number=3)
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    criteria = criteria_of(grid)
    half = len(criteria) // 2

    # 1. The owner logs in and scores half the grid
    page.goto(reverse("account_login"))
    page.get_by_label("Courriel").fill(owner.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(reverse("grids:challenge_assessments", args=[challenge.pk]))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Évaluer mon défi").click()
    page.wait_for_url("**/assessments/*/")
    assessment = Assessment.objects.get(challenge=challenge)
    assert_no_axe_violations(page)
    for criterion in criteria[:half]:
        level = "3" if criterion.step.position == 1 else "1"
        _answer(page, criterion, level, f"Justification de « {criterion.text[:20]} »")
    screenshot(page, "assessment-half-answered")
    assert Answer.objects.filter(assessment=assessment).count() == half

    # 2. Reloading loses nothing
    page.reload()
    for criterion in criteria[:half]:
        level = "3" if criterion.step.position == 1 else "1"
        assert page.locator(f"#level-{criterion.pk}-{level}").is_checked()
        assert page.locator(f"#justification-{criterion.pk}").input_value().startswith("Justification de")
    assert page.get_by_test_id("answered-count").inner_text().startswith(f"{half} critères renseignés")

    # 3. Completes (one "not applicable") and submits
    for criterion in criteria[half:]:
        _answer(page, criterion, "na" if criterion == criteria[-1] else "1", "Pas encore assez avancé.")
    page.get_by_role("button", name="Rendre l’évaluation").click()
    page.wait_for_url("**/results/")

    # 4. The verdict, the chart and what to rework
    assert "à retravailler" in page.get_by_test_id("verdict").inner_text()
    assert page.get_by_test_id("radar-chart").is_visible()
    rows = page.get_by_test_id("step-scores").locator("tbody tr")
    assert rows.count() == 5
    assert rows.first.locator("td").first.inner_text() == "100"
    rework = page.get_by_test_id("rework")
    assert "Ce qu’il faut retravailler" in rework.inner_text()
    assert "Identifiez un décideur" in rework.inner_text()  # guidance of step 2
    assert_no_axe_violations(page)
    screenshot(page, "assessment-results")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.verdict == Assessment.Verdict.REWORK

    # A submitted assessment is locked: the form sends back to the result
    page.goto(reverse("grids:assessment_form", args=[assessment.pk]))
    page.wait_for_url("**/results/")
