"""An e-mail speaks its recipient's language, whatever the language of the person whose action sent it.

Notification contexts hold data (numbers, questions, choice keys); every word is chosen when the e-mail
is rendered, in the recipient's language: subject, body, and the labels of verdicts, kinds and roles.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from challenges.models import TeamMembership
from challenges.services import reminders, teams
from grids.services import assessments as services
from innovation.models import Notification
from innovation.services.notifications import notification_render
from tests.factories import UserFactory
from tests.grids.assessment_factories import answer_all

pytestmark = pytest.mark.django_db


def _email(kind: str, recipient) -> str:
    message = notification_render(notification=Notification.objects.get(kind=kind, recipient=recipient))
    return "\n".join([message.subject, message.body, message.alternatives[0][0]])


@pytest.fixture
def english_owner(world, owner):
    owner.language = "en"
    owner.save(update_fields=["language"])
    return owner


def test_a_peer_review_assigned_and_submitted_in_french_reaches_english_people_in_english(
    world, english_owner, facilitator
):
    # Given a French-speaking facilitator and peer, and an English-speaking owner and peer reviewer
    peer = UserFactory(language="en")
    question = world["challenge"].question

    # When the facilitator assigns a review and the peer submits it, both in French
    with translation.override("fr"):
        review = services.peer_review_assign(challenge=world["challenge"], reviewer=peer, by=facilitator)
        answer_all(review, level=3)
        services.assessment_submit(assessment=review, by=peer)

    # Then the assignment and the result are in English, verdict included
    assigned = _email("assessment_review_assigned", peer)
    assert "A review of challenge 1 is assigned to you" in assigned
    assert f"asks you to review challenge 1, “{question}”, against its criteria grid." in assigned
    submitted = _email("assessment_review_submitted", english_owner)
    assert "A review of challenge 1 was submitted" in submitted
    assert f"submitted a peer review of challenge 1, “{question}”. Verdict: Ready for public action." in submitted
    for french in ("relecture", "Défi 1", "Verdict\u00a0:", "Relève", "Bonjour"):
        assert french not in assigned + submitted


def test_a_self_assessment_submitted_in_english_reaches_a_french_facilitator_in_french(world, owner, facilitator):
    # Given an owner who uses English, and a facilitator who reads French
    facilitator.language = "fr"
    facilitator.save(update_fields=["language"])

    # When the owner submits a weak self-assessment, in English
    with translation.override("en"):
        own = services.assessment_start(challenge=world["challenge"], by=owner)
        answer_all(own, level=0)
        services.assessment_submit(assessment=own, by=owner)

    # Then the facilitator's e-mail is French, verdict included
    email = _email("assessment_submitted", facilitator)
    assert "Défi 1\u00a0: le ou la porteur·se a rendu une auto-évaluation" in email
    assert "a rendu une auto-évaluation du défi 1" in email
    assert "Verdict\u00a0: À retravailler." in email
    for english in ("submitted", "To rework", "Hello", "challenge 1"):
        assert english not in email


@pytest.mark.parametrize(
    ("role", "sentence"),
    [
        (TeamMembership.Role.OWNER, "as its owner."),
        (TeamMembership.Role.FACILITATOR, "as a facilitator."),
        (TeamMembership.Role.CONTRIBUTOR, "as a contributor."),
    ],
)
def test_a_team_invitation_sent_in_french_reaches_an_english_newcomer_in_english(world, facilitator, role, sentence):
    # Given a newcomer whose account will speak English
    newcomer = UserFactory(email="newcomer@example.org", language="en")
    newcomer.set_unusable_password()
    newcomer.save()

    # When a French-speaking facilitator adds them to the team
    with translation.override("fr"):
        teams.team_member_invite(challenge=world["challenge"], invited_by=facilitator, email=newcomer.email, role=role)

    # Then the invitation says what they are invited to, role included, in English
    email = _email("invitation", newcomer)
    assert "You are invited to Défis" in email
    assert f"Join the team of challenge 1, “{world['challenge'].question}”, {sentence}" in email
    assert "Rejoignez" not in email and "porteur" not in email


def test_a_site_reminder_lists_the_challenges_in_the_recipient_s_language(world, english_owner):
    # Given a site starting tomorrow, and an owner who reads English
    site = world["site"]
    site.starts_on = datetime.date(2026, 7, 9)
    site.save(update_fields=["starts_on"])

    # When the reminders are written (by beat, whatever its language)
    with translation.override("fr"):
        reminders.site_reminders_send(today=datetime.date(2026, 7, 8))

    # Then the owner's reminder names the day and the challenges in English
    email = _email("site_reminder", english_owner)
    assert "starts tomorrow, Thursday 9 July 2026." in email
    assert f"Challenge 1: {world['challenge'].question}" in email
    assert "Défi 1" not in email and "juillet" not in email
