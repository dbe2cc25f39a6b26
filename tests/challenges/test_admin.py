"""The administration of editions, sites, themes, challenges (with their inlines) and the audit trail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges.services import challenges as services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["edition", "site", "theme", "challenge", "auditentry"])
def test_staff_can_list_and_open_each_model(client, world, staff, model):
    services.challenge_move_phase(challenge=world["challenge"], actor=staff, phase="test")
    client.force_login(staff)
    objects = {
        "edition": world["edition"],
        "site": world["site"],
        "theme": None,
        "challenge": world["challenge"],
        "auditentry": world["challenge"].audit_entries.first(),
    }

    listing = client.get(reverse(f"admin:challenges_{model}_changelist"))

    assert listing.status_code == 200
    if objects[model] is not None:
        change = client.get(reverse(f"admin:challenges_{model}_change", args=[objects[model].pk]))
        assert change.status_code == 200


def test_challenge_admin_shows_its_team_and_question_history_inline(client, world, staff):
    client.force_login(staff)

    html = client.get(reverse("admin:challenges_challenge_change", args=[world["challenge"].pk])).content.decode()

    assert "team-TOTAL_FORMS" in html and "reformulations-TOTAL_FORMS" in html and "attachments-TOTAL_FORMS" in html


def test_audit_entries_cannot_be_added_or_changed_in_the_admin(client, world, staff):
    client.force_login(staff)

    assert client.get(reverse("admin:challenges_auditentry_add")).status_code == 403
