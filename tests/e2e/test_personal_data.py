"""A person downloads their data and finds their assessment in it, then deletes their account.

Afterwards they can no longer sign in, while their assessment still shows to the facilitator, attributed to
« Utilisateur supprimé ». Along the way: axe on every page, and only the three cookies the personal-data
page announces.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from django.urls import reverse

from challenges.models import Challenge
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import PASSWORD, UserFactory
from tests.grids.assessment_factories import AssessmentFactory, grid_build, submitted
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.helpers.two_factor import sign_in_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANNOUNCED_COOKIES = {"sessionid", "csrftoken", "django_language"}


@pytest.fixture
def journey(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Gall")
    challenge = ChallengeFactory(
        site=SiteFactory(place="Rennes", facilitators=[facilitator]),
        number=3,
        question="Comment simplifier les inscriptions à la cantine ?",
        status=Challenge.Status.PUBLISHED,
    )
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    assessment = submitted(AssessmentFactory(challenge=challenge, grid=grid_build(), assessor=owner), level=3)
    return owner, facilitator, challenge, assessment


def test_a_person_downloads_their_data_then_deletes_their_account(page, live_server, journey, tmp_path):
    owner, facilitator, challenge, assessment = journey

    # 1. The owner opens their account from the footer, then their data
    sign_in_in_browser(page, owner.email, PASSWORD)
    page.locator("footer").get_by_role("link", name="Mon compte").click()
    page.wait_for_url("**/compte/")
    assert_no_axe_violations(page)
    screenshot(page, "account-overview")
    page.get_by_role("link", name="Mes données").last.click()
    page.wait_for_url("**/compte/donnees/")
    assert_no_axe_violations(page)
    screenshot(page, "account-my-data")

    # 2. They ask for their file, follow its progress and download it
    page.get_by_role("button", name="Préparer le fichier de mes données").click()
    page.wait_for_url("**/exports/*/")
    link = page.get_by_test_id("export-download")
    link.wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "account-data-ready")
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "mes-donnees.zip"
    download_info.value.save_as(path)

    # Then their assessment is in it, with its verdict and answers
    with zipfile.ZipFile(path) as archive:
        assert {"assessments.json", "assessments.csv", "profile.json", "LISEZMOI.txt"} <= set(archive.namelist())
        [found] = json.loads(archive.read("assessments.json"))
        csv_text = archive.read("assessments.csv").decode("utf-8-sig")
    assert found["challenge_question"] == challenge.question
    assert found["verdict"] == assessment.verdict and found["status"] == "submitted"
    assert challenge.question in csv_text

    # 3. They delete their account: a wrong password first, then theirs
    page.goto(reverse("my_data"))
    page.get_by_role("link", name="Supprimer mon compte…").click()
    page.wait_for_url("**/compte/supprimer/")
    assert_no_axe_violations(page)
    page.get_by_label("Votre mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    assert page.get_by_text("Ce n’est pas votre mot de passe.").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "account-delete-wrong-password")
    page.get_by_label("Votre mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("Votre compte est supprimé.").is_visible()
    assert page.get_by_role("link", name="Connexion").first.is_visible()
    screenshot(page, "account-deleted")

    # 4. They can no longer sign in
    page.goto(reverse("account_login"))
    page.get_by_label("Courriel").fill(owner.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    assert page.get_by_text("L’adresse e-mail ou le mot de passe sont incorrects.").is_visible()

    # Only the cookies the personal-data page announces were ever set
    assert {cookie["name"] for cookie in page.context.cookies()} <= ANNOUNCED_COOKIES

    # 5. The facilitator still reads the assessment, attributed to « Utilisateur supprimé »
    page.context.clear_cookies()
    sign_in_in_browser(page, facilitator.email, PASSWORD)
    page.goto(reverse("grids:challenge_assessments", args=[challenge.pk]))
    row = page.get_by_role("row").filter(has_text="Utilisateur supprimé")
    assert row.count() == 1
    assert "Sophie" not in page.content()
    assert_no_axe_violations(page)
    screenshot(page, "assessment-of-deleted-user")
    page.goto(reverse("grids:assessment_results", args=[assessment.pk]))
    assert page.get_by_text("Utilisateur supprimé").first.is_visible()
