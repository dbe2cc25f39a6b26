"""Journey 1 of test sessions, in Chromium: a facilitator creates a session for a site, opens the stands in
bulk, prints the posters (a job with progress, one A4 page per stand with its QR code), opens the session,
watches the live board fill as testers answer, and closes it, which locks feedback. Every page passes axe."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from challenges.models import Challenge, TeamMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.testsessions.test_documents import decode_qr_codes
from testsessions.models import Stand, TestSession
from testsessions.services import feedback as feedback_services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)  # "**/" matches the login page itself


def test_facilitator_runs_a_test_session(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Goff")
    site = SiteFactory(place="Rennes", facilitators=[facilitator], edition__title="3e université d’été")
    one = ChallengeFactory(site=site, number=1, phase=Challenge.Phase.TEST, question="Comment informer les aînés ?")
    ChallengeFactory(site=site, number=2, phase=Challenge.Phase.PROTOTYPE, question="Comment réserver un créneau ?")
    ChallengeFactory(site=site, number=3, phase=Challenge.Phase.IDEATION)
    ChallengeFactory(site=site, number=4, phase=Challenge.Phase.TEST, question="Comment mutualiser l’accueil ?")
    member = UserFactory(email="membre@example.org")
    TeamMembership.objects.create(challenge=one, person=member, role="owner")
    _log_in(page, facilitator.email)

    # The site page leads to its test sessions; a new session is a draft.
    page.goto(f"/sites/{site.pk}/")
    page.get_by_role("link", name="Séances de test").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Nouvelle séance de test").click()
    assert page.get_by_label("Titre").input_value() == "Exposition des prototypes"
    page.get_by_label("Lieu").fill("Maison des associations")
    page.get_by_label("Début").fill("2018-07-11T10:00")
    page.get_by_label("Fin").fill("2018-07-11T09:00")  # before the start: refused next to the field, the rest kept
    page.get_by_role("button", name="Créer la séance").click()
    assert page.get_by_text("La séance doit se terminer après son début.").is_visible()
    assert page.get_by_label("Lieu").input_value() == "Maison des associations"
    # No summary on a short form: the field in error has the focus, and the title says there is an error.
    assert page.evaluate("() => document.activeElement.id") == "id_ends_at"
    assert page.title().startswith("Erreur\u00a0: Nouvelle séance de test")
    assert_no_axe_violations(page)
    page.get_by_label("Fin").fill("2018-07-11T12:30")
    page.get_by_role("button", name="Créer la séance").click()
    page.wait_for_url(re.compile(r"/test-sessions/\d+/$"))
    session = TestSession.objects.get(site=site)
    assert session.state == TestSession.State.DRAFT
    assert_no_axe_violations(page)

    # Stands in bulk, for the challenges in prototype or test.
    page.get_by_role("button", name="Ouvrir un stand pour chaque défi en prototype ou en test").click()
    assert page.get_by_text("3 stands ouverts : Défi 1, Défi 2, Défi 4.".replace(" :", "\xa0:")).is_visible()
    rows = page.get_by_test_id("stands").locator("tbody tr")
    assert rows.count() == 3
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-facilitator-stands")

    # The posters: a job with its progress page, then one A4 page per stand with its QR code.
    page.get_by_role("button", name="Imprimer les affiches (PDF, une page A4 par stand)").click()
    page.wait_for_url("**/exports/*/")
    assert page.get_by_test_id("export-state").inner_text() == "Votre fichier est prêt."
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    posters = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(posters)
    assert posters.name.startswith("affiches-rennes")
    reader = PdfReader(posters)
    assert len(reader.pages) == 3
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4
    tokens = list(Stand.objects.filter(session=session).order_by("position").values_list("token", flat=True))
    assert decode_qr_codes(posters) == [f"{live_server.url}/t/{token}/" for token in tokens]

    # Open the session, then watch the board.
    page.goto(f"/test-sessions/{session.pk}/")
    page.get_by_role("button", name="Ouvrir la séance aux testeur·ses").click()
    assert page.get_by_test_id("session-state-badge").inner_text() == "Ouverte aux testeur·ses"
    page.get_by_role("link", name="Tableau en direct").click()
    assert page.locator(".board-stand-unvisited").count() == 3
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-board-empty")

    # Testers answer: a member of challenge 1's team on stand 2, two anonymous testers on stand 4.
    stands = {stand.position: stand for stand in Stand.objects.filter(session=session).select_related("session")}
    feedback_services.feedback_submit(
        stand=stands[2], tester=member, browser_key="", profile="", answers={"clarity": "5"}
    )
    for key in ("browser-anonymous-0001", "browser-anonymous-0002"):
        feedback_services.feedback_submit(
            stand=stands[4], tester=None, browser_key=key, profile="user", answers={"relevance": "partly"}
        )
    # The board polls every 3 seconds: the visits arrive without a reload
    page.wait_for_function("() => document.querySelectorAll('.board-stand-unvisited').length === 1", timeout=15_000)
    stand_rows = page.get_by_test_id("board-stand")
    assert [stand_rows.nth(n).locator("th").inner_text().split()[:2] for n in range(3)] == [
        ["Défi", "4"],
        ["Défi", "2"],
        ["Défi", "1"],
    ]
    assert "un·e testeur·se du défi 1" in page.get_by_test_id("board-recent").inner_text()
    teams = page.get_by_test_id("board-teams").inner_text().replace("\xa0", " ")
    assert "Défi 1 a visité 1 des 2 autres défis" in teams
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-board-live")

    # Close the session: feedback is locked.
    page.goto(f"/test-sessions/{session.pk}/")
    page.get_by_role("button", name="Fermer la séance (verrouille les retours)").click()
    # asked once more, with what the session reached: a closed session cannot be opened again
    assert page.get_by_test_id("confirm-close").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Oui, fermer la séance").click()
    assert page.get_by_test_id("session-state-badge").inner_text() == "Fermée"
    assert_no_axe_violations(page)
    page.goto(f"/t/{stands[2].token}/")
    assert "L’exposition est terminée" in page.get_by_test_id("session-state").inner_text()
    assert page.locator("form[method=post] button[type=submit]", has_text="Envoyer").count() == 0
