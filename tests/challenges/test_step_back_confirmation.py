"""Going back to an earlier phase, or taking a published challenge back to draft, is asked twice (server side)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges.models import AuditEntry, Challenge
from challenges.services import challenges as services

pytestmark = pytest.mark.django_db


def test_moving_back_a_phase_asks_first_and_changes_nothing(client, world, facilitator):
    challenge = world["challenge"]
    services.challenge_move_phase(challenge=challenge, actor=facilitator, phase="test")
    client.force_login(facilitator)
    url = reverse("challenges:challenge_move_phase", args=[challenge.pk])

    response = client.post(url, {"phase": "ideation"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Revenir à la phase «\u00a0Idéation\u00a0»\u00a0?" in html
    assert 'name="confirmed" value="on"' in html and 'name="phase" value="ideation"' in html
    challenge.refresh_from_db()
    assert challenge.phase == "test"
    assert AuditEntry.objects.filter(challenge=challenge, action=AuditEntry.Action.PHASE_MOVED).count() == 1


def test_moving_back_a_phase_once_confirmed(client, world, facilitator):
    challenge = world["challenge"]
    services.challenge_move_phase(challenge=challenge, actor=facilitator, phase="test")
    client.force_login(facilitator)

    response = client.post(
        reverse("challenges:challenge_move_phase", args=[challenge.pk]), {"phase": "ideation", "confirmed": "on"}
    )

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.phase == "ideation"


def test_moving_forwards_needs_no_confirmation(client, world, facilitator):
    client.force_login(facilitator)

    response = client.post(reverse("challenges:challenge_move_phase", args=[world["challenge"].pk]), {"phase": "test"})

    assert response.status_code == 302
    world["challenge"].refresh_from_db()
    assert world["challenge"].phase == "test"


def test_back_to_draft_asks_first(client, world, facilitator):
    challenge = world["challenge"]
    client.force_login(facilitator)
    url = reverse("challenges:challenge_status", args=[challenge.pk])

    response = client.post(url, {"status": "draft"})

    assert response.status_code == 200
    assert "Repasser le défi en brouillon\u00a0?" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.PUBLISHED

    response = client.post(url, {"status": "draft", "confirmed": "on"})

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.DRAFT


def test_publishing_needs_no_confirmation(client, world, facilitator):
    client.force_login(facilitator)

    client.post(reverse("challenges:challenge_status", args=[world["draft"].pk]), {"status": "published"})

    world["draft"].refresh_from_db()
    assert world["draft"].status == Challenge.Status.PUBLISHED
