"""The four e-mails of test sessions render in the recipient's language, with their links."""

from __future__ import annotations

import datetime

import pytest

from innovation.models import Notification
from innovation.services.notifications import notification_render
from tests.challenges.factories import TeamMembershipFactory
from testsessions.services import notifications
from testsessions.services import sessions as session_services
from testsessions.services.feedback import feedback_submit

pytestmark = pytest.mark.django_db


def _mail(kind: str, person) -> tuple[str, str, str]:
    message = notification_render(notification=Notification.objects.get(kind=kind, recipient=person))
    html = message.alternatives[0][0]
    return message.subject.replace("\xa0", " "), message.body.replace("\xa0", " "), html


def test_each_e_mail_renders_in_french_with_its_link(sessions, facilitator, owner, settings):
    settings.SITE_URL = "https://defis.example.fr"
    stand = sessions["stand"]
    session = sessions["session"]
    session.state = "draft"
    session.save(update_fields=["state"])

    session_services.session_open(session=session, actor=facilitator)
    feedback_submit(stand=stand, tester=None, browser_key="browser-key-mail-01", profile="", answers={"clarity": "4"})
    notifications.session_reminders_send(today=datetime.date(2018, 7, 10))
    session_services.session_close(session=session, actor=facilitator)

    subject, body, html = _mail("testsession_opened", owner)
    assert subject == "[Défis] Exposition des prototypes est ouverte : votre stand Défi 1"
    assert (
        f"https://defis.example.fr/test-sessions/stands/{stand.pk}/poster.pdf" in body
        and "Imprimer votre affiche" in html
    )
    subject, body, _ = _mail("testsession_feedback", owner)
    assert subject == "[Défis] Nouveau retour sur votre stand Défi 1" and "aujourd’hui" in body
    subject, body, _ = _mail("testsession_reminder", owner)
    assert subject == "[Défis] Rappel : Exposition des prototypes a lieu demain"
    assert "mercredi 11 juillet 2018" in body and "Vos stands : Défi 1" in body
    subject, body, _ = _mail("testsession_closed", facilitator)
    assert subject.startswith("[Défis] Exposition des prototypes est fermée : ")
    assert "Défi 1 a visité" in body


def test_an_english_speaker_gets_the_e_mail_in_english(sessions, facilitator):
    person = TeamMembershipFactory(challenge=sessions["stand"].challenge, role="owner").person
    person.language = "en"
    person.save(update_fields=["language"])
    session = sessions["session"]
    session.state = "draft"
    session.save(update_fields=["state"])

    session_services.session_open(session=session, actor=facilitator)

    subject, _body, _html = _mail("testsession_opened", person)
    assert subject == "[Défis] Exposition des prototypes is open: your stand Challenge 1"  # the stand, in English too
