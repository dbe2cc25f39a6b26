"""The challenge's owner decides whether the open data show its latest verdict, from the challenge page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_owner_sees_the_switch_on_the_challenge_page_and_others_do_not(client, world, owner, contributor, staff):
    url = reverse("challenges:challenge_detail", args=[world["challenge"].pk])

    client.force_login(owner)
    assert 'data-testid="verdict-sharing"' in client.get(url).content.decode()
    for other in (contributor, staff):
        client.force_login(other)
        assert 'data-testid="verdict-sharing"' not in client.get(url).content.decode()


def test_switching_it_on_and_off_is_audited_and_told(client, world, owner):
    client.force_login(owner)
    url = reverse("opendata:verdict_sharing", args=[world["challenge"].pk])

    on = client.post(url, {"shares": "1"}, follow=True)
    world["challenge"].refresh_from_db()
    assert world["challenge"].shares_verdict
    assert "montrent désormais le verdict" in on.content.decode()

    client.post(url, {"shares": "0"})
    world["challenge"].refresh_from_db()
    assert not world["challenge"].shares_verdict
    changes = list(
        AuditEntry.objects.filter(challenge=world["challenge"], actor=owner)
        .order_by("id")
        .values_list("changes", flat=True)
    )
    assert changes == [{"shares_verdict": [False, True]}, {"shares_verdict": [True, False]}]
