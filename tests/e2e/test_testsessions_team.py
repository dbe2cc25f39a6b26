"""Journey 3 of test sessions, in Chromium: the team's challenge page gets « Retours du test » (each
question's answers as an accessible chart and table, the free texts, « Notre équipe a visité N des M
défis »); the owner writes the debrief, which feeds the test phase, and reformulates the question from it."""

from __future__ import annotations

import re

import pytest

from challenges.models import Challenge, PhaseContent, QuestionReformulation, TeamMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.testsessions.factories import FeedbackFactory, SessionFactory, StandFactory
from testsessions.models import Debrief, TestSession

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTION = "Comment faire pour porter un challenge collectif à fort impact avec les habitants ?"
NEW_QUESTION = "Comment porter un challenge collectif à fort impact avec toutes les parties prenantes ?"


def test_the_team_reads_its_feedback_debriefs_and_reformulates(page, live_server):
    owner = UserFactory(email="porteur@example.org", display_name="Sophie Tanguy")
    site = SiteFactory(place="Paris")
    ours = ChallengeFactory(site=site, number=2, question=QUESTION, phase=Challenge.Phase.TEST)
    TeamMembership.objects.create(challenge=ours, person=owner, role="owner")
    session = SessionFactory(site=site, state=TestSession.State.CLOSED)
    stand = StandFactory(session=session, challenge=ours)
    others = [StandFactory(session=session, challenge=ChallengeFactory(site=site, number=n)) for n in range(3, 8)]
    # The testers of other challenges came to our stand
    answers = [
        (
            {"clarity": 5, "relevance": "validated", "useful": "Pour cadrer nos projets avant de les lancer."},
            others[0].challenge,
        ),
        ({"clarity": 4, "relevance": "validated", "change": "Montrer un exemple rempli."}, others[1].challenge),
        ({"clarity": 4, "relevance": "partly"}, None),
    ]
    for values, team in answers:
        FeedbackFactory(stand=stand, answers=values, visiting_challenge=team)
    # ... and our team visited three of the five other stands (one of them twice)
    for other in (others[0], others[2], others[4], others[4]):
        FeedbackFactory(stand=other, visiting_challenge=ours)

    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(owner.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)  # "**/" matches the login page itself
    page.goto(f"/challenges/{ours.pk}/")

    section = page.get_by_test_id("test-feedback")
    assert section.get_by_role("heading", name=re.compile("^Retours du test")).is_visible()
    coverage = page.get_by_test_id("team-coverage").inner_text().replace("\xa0", " ")
    assert "Notre équipe a visité 3 des 5 défis." in coverage
    assert "Notre stand a reçu 3 visites, des testeur·ses de 2 autres défis." in coverage
    # Each closed question: a chart named by its figures, and the same figures in a table
    relevance = section.get_by_test_id("question-summary").nth(1)
    assert relevance.get_by_role("img").get_attribute("aria-labelledby")
    assert "Validé : 2, En partie : 1, Non : 0" in relevance.locator("title").text_content().replace("\xa0", " ")
    assert relevance.get_by_role("row", name="Validé 2 67 %").is_visible()
    assert "« Montrer un exemple rempli. »" in section.get_by_test_id("free-texts").nth(1).inner_text().replace(
        "\xa0", " "
    )
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-team-feedback")

    # The owner debriefs: to rework, numbered conclusions; an empty list is refused next to the field
    page.get_by_role("link", name="Rédiger notre débrief").click()
    page.get_by_label("À retravailler").check()
    page.get_by_role("button", name="Enregistrer le débrief").click()
    assert page.get_by_text("Écrivez au moins une conclusion.").is_visible()
    assert page.get_by_label("À retravailler").is_checked()
    assert_no_axe_violations(page)
    page.get_by_label("Nos conclusions").fill(
        "Les tests sont applicables à tous types de défis, pas seulement aux défis numériques.\n"
        "Les projets doivent inclure la dimension « usagers » pour être incubés."
    )
    page.get_by_role("button", name="Enregistrer le débrief").click()

    # ... which opens the reformulation, prefilled with the question and the conclusions
    page.wait_for_url(re.compile(r"/reformulate/$"))
    assert page.get_by_label("Nouvelle question de travail").input_value() == QUESTION
    reason = page.get_by_label("Pourquoi la question change-t-elle ?").input_value()
    assert "2. Les projets doivent inclure la dimension « usagers »" in reason
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-team-reformulate")
    page.get_by_label("Nouvelle question de travail").fill(NEW_QUESTION)
    page.get_by_role("button", name="Reformuler").click()

    page.wait_for_url(f"**/challenges/{ours.pk}/")
    assert page.get_by_test_id("challenge-title").inner_text().endswith(NEW_QUESTION)
    assert QUESTION in page.get_by_test_id("question-history").inner_text()
    debrief = page.get_by_test_id("debrief")
    assert "À retravailler" in debrief.inner_text() and debrief.locator("ol li").count() == 2
    learnings = PhaseContent.objects.get(challenge=ours, phase="test").learnings
    assert "1. Les tests sont applicables" in learnings
    assert Debrief.objects.get(challenge=ours).outcome == "to_rework"
    assert QuestionReformulation.objects.get(challenge=ours).author == owner
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-team-after-debrief")
