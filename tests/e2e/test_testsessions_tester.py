"""Journey 2 of test sessions, on a phone (390×844): a tester reads the QR code of a printed poster, lands on
the stand's page with no account, reads the prototype and answers in under a minute; the thank-you page
sends them to the least-visited stands. A signed-in participant's visit counts for their own team."""

from __future__ import annotations

import time

import pytest

from challenges.models import Challenge, TeamMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot, sign_in_with_form
from tests.testsessions.factories import FeedbackFactory, SessionFactory, StandFactory
from tests.testsessions.test_documents import decode_qr_codes
from testsessions import documents
from testsessions.models import Feedback

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def exhibition(live_server, settings, tmp_path):
    """An open session with four stands: 1 (3 visits), 2 (the tester's), 3 (1 visit), 4 (none); and its posters."""
    settings.SITE_URL = live_server.url
    site = SiteFactory(place="Rennes")
    session = SessionFactory(site=site, place="Maison des associations")
    stands = {}
    for number, question in (
        (1, "Comment faciliter l’accès aux droits des personnes âgées ?"),
        (2, "Comment simplifier les inscriptions scolaires pour les familles ?"),
        (3, "Comment proposer aux collèges un lab numérique itinérant ?"),
        (4, "Comment mutualiser l’accueil des services publics ?"),
    ):
        challenge = ChallengeFactory(site=site, number=number, question=question, phase=Challenge.Phase.PROTOTYPE)
        stands[number] = StandFactory(
            session=session,
            challenge=challenge,
            location=f"Table {number}",
            prototype="Un dossier unique de rentrée, en ligne ou au guichet, qui inscrit à l’école, à la cantine "
            "et au périscolaire en une fois.",
            questions="Le dossier unique vous paraît-il plus simple ?" if number == 2 else "",
        )
    for _ in range(3):
        FeedbackFactory(stand=stands[1])
    FeedbackFactory(stand=stands[3])
    posters = tmp_path / "affiches.pdf"
    documents.posters_pdf_write(session=session, stands=list(stands.values()), target=posters)
    return session, stands, posters


def test_a_tester_scans_a_poster_and_answers_on_a_phone_in_under_a_minute(phone_page, exhibition):
    _session, stands, posters = exhibition
    page = phone_page

    # The QR code of the second poster, read from the PDF as a phone's camera would
    url = decode_qr_codes(posters)[1]
    assert url.endswith(f"/t/{stands[2].token}/")
    started = time.monotonic()
    page.goto(url)

    # No account: the stand's page, its prototype and the questions; no script on the page
    assert page.get_by_test_id("stand-title").inner_text().startswith("Défi 2")
    assert "en une fois" in page.get_by_test_id("prototype").inner_text()
    assert page.locator("script").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-phone-stand")

    # Sending nothing is refused with a message, and nothing is lost
    page.get_by_label("Vous êtes…").select_option("user")
    page.get_by_role("button", name="Envoyer mon avis").click()
    assert "Répondez à au moins une question" in page.get_by_test_id("form-errors").inner_text()
    assert page.get_by_label("Vous êtes…").input_value() == "user"
    assert_no_axe_violations(page)

    # Two taps and a few words
    page.get_by_text("4", exact=True).tap()
    page.get_by_text("En partie", exact=True).tap()
    page.get_by_label("Que faudrait-il changer").fill("Prévoir les gardes alternées.")
    page.get_by_label("Le dossier unique vous paraît-il plus simple ?").fill("Oui, bien plus.")
    screenshot(page, "testsessions-phone-answers")
    page.get_by_role("button", name="Envoyer mon avis").tap()
    page.wait_for_url("**/thanks/")
    assert time.monotonic() - started < 60

    feedback = Feedback.objects.get(stand=stands[2])
    assert feedback.answers == {"clarity": 4, "relevance": "partly", "change": "Prévoir les gardes alternées."}
    assert feedback.team_answers == [
        {"question": "Le dossier unique vous paraît-il plus simple ?", "answer": "Oui, bien plus."}
    ]
    assert (feedback.tester, feedback.profile) == (None, "user")

    # The thank-you page sends them to the least-visited stands: 4 (no visit), then 3 (one), then 1 (three)
    suggestions = page.get_by_test_id("suggestions").get_by_role("link")
    assert [suggestions.nth(n).inner_text().split("\n")[0] for n in range(3)] == [
        "Défi 4 · Table 4",
        "Défi 3 · Table 3",
        "Défi 1 · Table 1",
    ]
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-phone-thanks")

    # Back on the stand, the answer is there to change (one feedback per tester and stand)
    page.get_by_role("link", name="Modifier mes réponses sur le Défi 2").tap()
    assert page.get_by_label("Que faudrait-il changer").input_value() == "Prévoir les gardes alternées."
    page.locator('label[for="id_q_clarity-5"]').tap()  # « 5 (Tout à fait) »
    page.get_by_role("button", name="Envoyer mes modifications").tap()
    page.wait_for_url("**/thanks/")
    assert Feedback.objects.get(stand=stands[2]).answers["clarity"] == 5


def test_a_signed_in_participant_s_visit_counts_for_their_own_team(phone_page, exhibition):
    _session, stands, posters = exhibition
    page = phone_page
    participant = UserFactory(email="participante@example.org", display_name="Gwenaëlle")
    TeamMembership.objects.create(challenge=stands[1].challenge, person=participant, role="contributor")
    sign_in_with_form(page, participant.email, PASSWORD)

    # Her own team's stand takes no feedback from her
    page.goto(decode_qr_codes(posters)[0])
    assert "C’est le stand de votre équipe" in page.get_by_test_id("session-state").inner_text()
    assert_no_axe_violations(page)

    page.goto(decode_qr_codes(posters)[2])
    page.get_by_text("Validé", exact=True).tap()
    page.get_by_role("button", name="Envoyer mon avis").tap()
    page.wait_for_url("**/thanks/")

    feedback = Feedback.objects.get(stand=stands[3], tester=participant)
    assert feedback.visiting_challenge == stands[1].challenge and feedback.profile == "participant"
    # Her suggestions leave out her team's stand and the one she just did; stands 2 and 4 have no visit
    # yet, so their order depends on her (testers leaving the same stand are spread between them)
    suggestions = page.get_by_test_id("suggestions").get_by_role("link")
    labels = [suggestions.nth(n).inner_text().split(" ·")[0] for n in range(suggestions.count())]
    assert sorted(labels) == ["Défi 2", "Défi 4"]
    screenshot(page, "testsessions-phone-participant-thanks")


def test_a_participant_finds_the_stands_in_the_app_and_sees_where_she_answered(phone_page, exhibition):
    """No poster at hand: from her own stand's page, the site's sessions page lists the open exhibition."""
    session, stands, _posters = exhibition
    page = phone_page
    participant = UserFactory(email="participante@example.org", display_name="Gwenaëlle")
    TeamMembership.objects.create(challenge=stands[2].challenge, person=participant, role="contributor")
    sign_in_with_form(page, participant.email, PASSWORD)

    page.goto(f"/t/{stands[2].token}/")
    page.get_by_role("link", name="Les autres stands de l’exposition").tap()
    exhibition_list = page.get_by_test_id("exhibition")
    assert "stand de votre équipe" in exhibition_list.get_by_role("listitem").nth(1).inner_text()
    assert exhibition_list.get_by_role("link").count() == 3  # every stand but her team's
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_axe_violations(page)

    exhibition_list.get_by_role("link", name="Défi 3 · Comment proposer aux collèges").tap()
    page.get_by_text("Validé", exact=True).tap()
    page.get_by_role("button", name="Envoyer mon avis").tap()
    page.wait_for_url("**/thanks/")
    page.goto(f"/sites/{session.site_id}/test-sessions/#session-{session.pk}")

    third = page.get_by_test_id("exhibition").get_by_role("listitem").nth(2)
    assert "avis donné" in third.inner_text()
    assert Feedback.objects.filter(stand=stands[3], tester=participant).exists()
    screenshot(page, "testsessions-phone-exhibition")
