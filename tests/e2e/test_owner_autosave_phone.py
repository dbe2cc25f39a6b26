"""The owner answers quickly on a phone: autosave never fails with a 500, a failure is shown and retried,
leaving with unsaved answers warns, and an incomplete assessment asks before it locks (issue 10)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from grids.models import Answer, Assessment
from grids.services.grids import default_grid_ensure
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import PASSWORD, UserFactory
from tests.grids.assessment_factories import criteria_of
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


# "Enregistré…" only: a plain get_by_text would also match "Non enregistré, nouvel essai…".
SAVED = re.compile(r"^Enregistré")


def test_the_owner_answers_fast_on_a_phone_sees_a_failed_save_retried_and_confirms_an_incomplete_submit(
    phone_page, live_server
):
    page = phone_page
    grid = default_grid_ensure()
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    challenge = ChallengeFactory(site=SiteFactory(facilitators=[UserFactory()]), number=4)
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    criteria = criteria_of(grid)
    total = len(criteria)
    server_errors: list[str] = []
    page.on("response", lambda r: server_errors.append(r.url) if r.status >= 500 else None)

    # The owner signs in and starts their self-assessment
    page.goto(reverse("account_login"))
    assert_no_axe_violations(page)
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
    counter = page.get_by_test_id("answered-count")
    assert counter.inner_text().startswith(f"0 critères renseignés sur {total}")

    # 1. Quick clicks: several criteria, one after the other without waiting; the counter follows live
    quick = criteria[:8]
    page.locator(f"#justification-{quick[0].pk}").fill("Trois usagers rencontrés en mairie.")
    for index, criterion in enumerate(quick):
        page.locator(f"#level-{criterion.pk}-{index % 4}").check()
    assert counter.inner_text().startswith(f"8 critères renseignés sur {total}")
    assert page.get_by_test_id("unanswered-count").inner_text().startswith(f"{total - 8} critères sans réponse")
    for criterion in quick:
        page.get_by_test_id(f"status-{criterion.pk}").get_by_text(SAVED).wait_for()
    assert Answer.objects.filter(assessment=assessment).count() == 8

    # 2. The next save fails once (a server error): it is shown, then retried and saved
    failing = criteria[8]
    failures = {"left": 1}

    def fail_once(route):
        if failures["left"]:
            failures["left"] -= 1
            route.fulfill(status=503, body="Service indisponible")
        else:
            route.continue_()

    page.route(re.compile(rf".*/assessments/{assessment.pk}/criteria/{failing.pk}/.*"), fail_once)
    page.locator(f"#level-{failing.pk}-2").check()
    status = page.get_by_test_id(f"status-{failing.pk}")
    status.get_by_text("Non enregistré, nouvel essai…").wait_for()
    screenshot(page, "autosave-retrying-phone")
    assert_no_axe_violations(page)
    status.get_by_text(SAVED).wait_for(timeout=15000)
    assert Answer.objects.get(assessment=assessment, criterion=failing).level == 2
    screenshot(page, "autosave-saved-after-retry-phone")

    # 3. A justification typed and not yet saved: leaving the page asks first
    page.locator(f"#justification-{criteria[9].pk}").fill("Pas encore envoyé")
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.evaluate("window.location.href = '/'")  # a navigation the page did not start itself
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert "/assessments/" in page.url
    page.remove_listener("dialog", on_dialog)
    page.locator(f"#justification-{criteria[9].pk}").press("Tab")  # leaving the field sends it
    page.get_by_test_id(f"status-{criteria[9].pk}").get_by_text(SAVED).wait_for(timeout=15000)

    # 4. Submitting with unanswered criteria asks for the confirmation with the count
    page.get_by_role("button", name="Rendre l’évaluation").click()
    page.wait_for_load_state("networkidle")
    unanswered = total - 9
    assert f"{unanswered} critères sans réponse sur {total}" in page.locator("main").inner_text()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert_no_axe_violations(page)
    screenshot(page, "incomplete-submit-asks-phone")
    page.get_by_label("Je confirme : rendre l’évaluation même avec des critères sans réponse").check()
    page.get_by_role("button", name="Rendre l’évaluation").click()
    page.wait_for_url("**/results/")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert_no_axe_violations(page)
    # the only failed response is the one the test made fail: the server itself never answered 5xx
    assert len(server_errors) == 1 and f"/criteria/{failing.pk}/" in server_errors[0]
