"""The « Réseaux et labos » notifications: one category people can set, every kind's e-mail rendered in the
recipient's language (French and English) and summarised in the notification centre."""

from __future__ import annotations

import pytest
from django.urls import reverse

from innovation.services import notifications
from innovation.templatetags.notification_tags import notification_summary
from labs.services import kinds
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTEXTS = {
    kinds.NETWORK_ADDED: {"network": "Réseau", "lab": "La Transfo", "role": "referent", "invited_by": "Inès",
                          "application_accepted": False, "url": "http://x/n"},
    kinds.APPLICATION_RECEIVED: {"network": "Réseau", "person": "Paul", "message": "J’anime des ateliers.",
                                 "url": "http://x/m"},
    kinds.APPLICATION_DECLINED: {"network": "Réseau", "lab": "La Transfo"},
    kinds.CHARTER_PUBLISHED: {"network": "Réseau", "version": 2, "summary": "Plus courte.", "url": "http://x/c"},
    kinds.CHARTER_REMINDER: {"network": "Réseau", "version": 2, "url": "http://x/c"},
    kinds.STEP_ATTESTED: {"step": "Suivre le MOOC", "network": "Réseau", "attested_by": "Inès", "url": "http://x/me"},
    kinds.AUTHORISATION_EXPIRING: {"member": "Thomas", "is_member": False, "network": "Réseau",
                                   "valid_until": "2026-12-18", "url": "http://x/a"},
    kinds.SESSION_REMINDER: {"lab": "La Transfo", "number": 11, "title": "La Transfo a un an", "place": "Toulouse",
                             "starts_on": "2018-03-26", "ends_on": "2018-03-27", "url": "http://x/s",
                             "agenda": [{"day": "2018-03-26", "starts_at": "09:30", "ends_at": "10:00",
                                         "kind": "ice_breaker", "title": "Accueil", "speakers": ""}]},
    kinds.WORKSHOP_SYNTHESIS: {"workshop": "Atelier 2 – Emergence", "lab": "La Transfo", "proposal": "Un voyage.",
                               "url": "http://x/w"},
    kinds.NEXT_STEP_DUE: {"action": "Écrire la note", "workshop": "Atelier 2 – Emergence", "due_on": "2026-12-01",
                          "url": "http://x/w"},
    kinds.COMMISSION_INVITED: {"commission": "Occiline", "lab": "La Transfo", "url": "http://x/c"},
    kinds.COMMISSION_INTAKE_PLANNED: {"commission": "Occiline", "lab": "La Transfo", "url": "http://x/c",
                                      "held_at": "2018-03-27T10:00:00+02:00", "place": "Toulouse"},
    kinds.COMMISSION_GRID_TO_CHECK: {"commission": "Occiline", "lab": "La Transfo", "url": "http://x/c",
                                     "version": 2},
    kinds.COMMISSION_TO_VALIDATE: {"commission": "Occiline", "lab": "La Transfo", "url": "http://x/c"},
    kinds.COMMISSION_STAFFING_PROPOSED: {"commission": "Occiline", "lab": "La Transfo", "url": "http://x/c"},
    kinds.COMMISSION_TEAM_CONFIRMED: {"commission": "Occiline", "lab": "La Transfo", "url": "http://x/c"},
    kinds.COMMISSION_ABANDONED: {"commission": "Occiline", "lab": "La Transfo", "url": "http://x/c",
                                 "reason": "Plus de budget"},
}  # fmt: skip
ENGLISH_SUBJECTS = {
    kinds.NETWORK_ADDED: "You join the network “Réseau”",
    kinds.CHARTER_PUBLISHED: "Version 2 of the charter of “Réseau”",
    kinds.SESSION_REMINDER: "Reminder: session #11 starts tomorrow",
    kinds.NEXT_STEP_DUE: "Next step due: Écrire la note",
    kinds.COMMISSION_TO_VALIDATE: "A reformulation to validate: Occiline",
}


def test_every_labs_kind_is_in_the_networks_and_labs_category():
    labs_kinds = [kind for kind in notifications.KINDS.values() if kind.key.startswith("labs_")]

    assert sorted(kind.key for kind in labs_kinds) == sorted(kind.key for kind in CONTEXTS)
    assert {kind.category for kind in labs_kinds} == {"labs"}
    assert str(notifications.CATEGORIES["labs"]) == "Réseaux et labos"


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", list(CONTEXTS), ids=lambda kind: kind.key)
def test_each_e_mail_renders_in_the_recipient_s_language(kind, language):
    recipient = UserFactory(language=language)
    row = NotificationFactory(recipient=recipient, kind=kind.key, context=CONTEXTS[kind])

    message = notifications.notification_render(notification=row)

    assert "{{" not in message.body and "{%" not in message.body
    html = message.alternatives[0][0]
    assert "Bonjour," in message.body if language == "fr" else "Hello," in message.body
    assert ("Bonjour," in html) == (language == "fr")
    if language == "en" and kind in ENGLISH_SUBJECTS:
        assert message.subject == "[Défis] " + ENGLISH_SUBJECTS[kind]
    summary = notification_summary(row)
    assert summary.startswith("<strong>") and "{{" not in summary


def test_the_role_reads_as_a_word_and_the_agenda_is_in_the_reminder():
    added = NotificationFactory(kind=kinds.NETWORK_ADDED.key, context=CONTEXTS[kinds.NETWORK_ADDED])
    reminder = NotificationFactory(kind=kinds.SESSION_REMINDER.key, context=CONTEXTS[kinds.SESSION_REMINDER])

    assert "comme Référent·e." in notifications.notification_render(notification=added).body
    body = notifications.notification_render(notification=reminder).body
    assert "09:30–10:00 · Accueil" in body and "lundi 26 mars 2018" in body


def test_people_choose_how_they_receive_networks_and_labs(client, owner):
    client.force_login(owner)

    page = client.get(reverse("notification_preferences")).content.decode()

    assert "Réseaux et labos" in page
