"""Forms with a link or an e-mail address leave checking to the server (``novalidate``).

A browser checks ``type="url"`` and ``type="email"`` fields itself, in its own language, and refuses an address
typed as « www.rennes.fr ». The server accepts it (``https://`` is assumed) and says anything wrong in French,
next to the field, keeping what was typed.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from labs.models import Resource
from tests.helpers.html import forms_checked_by_the_browser

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "who"),
    [
        (lambda w: reverse("labs:resource_create", args=[w["lab"].pk]), "facilitator"),
        (lambda w: reverse("labs:onboarding_edit", args=[w["network"].pk]), "facilitator"),
        (lambda w: reverse("labs:workshop_detail", args=[w["workshop"].pk]), "facilitator"),
        (lambda w: reverse("labs:member_invite", args=[w["network"].pk]), "facilitator"),
        (lambda w: reverse("labs:lab_create"), "staff"),
    ],
    ids=["resource", "onboarding journey", "workshop leads", "member invitation", "new lab"],
)
def test_no_form_with_a_link_or_an_address_is_checked_by_the_browser(client, world, request, page, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(page(world))

    assert response.status_code == 200
    assert forms_checked_by_the_browser(response.content.decode()) == []


def test_a_resource_link_typed_without_https_is_kept_with_it(client, world, facilitator):
    client.force_login(facilitator)
    data = {"kind": "method", "title": "Carte d’empathie", "body": "", "url": "www.rennes.fr/carte", "phases": []}

    client.post(reverse("labs:resource_create", args=[world["lab"].pk]), data)

    assert Resource.objects.get(lab=world["lab"], title="Carte d’empathie").url == "https://www.rennes.fr/carte"
