"""The team's and the peer review's invitations leave checking the address to the server (``novalidate``): a
browser would refuse it in its own language, before the server could say what is wrong in French."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.helpers.html import forms_checked_by_the_browser

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["challenges:team_manage", "grids:peer_review_assign"])
def test_an_invitation_s_address_is_checked_by_the_server(client, world, facilitator, name):
    client.force_login(facilitator)
    response = client.get(reverse(name, args=[world["challenge"].pk]))

    assert response.status_code == 200
    assert forms_checked_by_the_browser(response.content.decode()) == []
