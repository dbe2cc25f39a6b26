"""A person's e-mail address is shown to staff and to the person only, never on public pages (issue 10).

A team member invited without a name used to appear as their e-mail address on the public challenge
page, because ``User.__str__`` fell back to it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from challenges.services.teams import team_member_invite
from innovation.models import User

pytestmark = pytest.mark.django_db

EMAIL = "camille.durand@mairie-exemple.fr"


@pytest.fixture
def invited(world, facilitator):
    membership = team_member_invite(
        challenge=world["challenge"], invited_by=facilitator, email=EMAIL, role="contributor"
    )
    return membership.person


def test_an_invited_person_without_a_name_is_shown_as_pending_not_as_their_address(invited):
    with translation.override("fr"):
        assert str(invited) == "Invité·e (en attente)"
        assert invited.get_short_name() == "Invité·e (en attente)"
    assert EMAIL not in str(invited)


def test_someone_who_signed_in_without_a_name_is_not_shown_as_their_address(invited):
    invited.set_password("un mot de passe solide 2026")
    invited.save()

    with translation.override("fr"):
        assert str(invited) == "Membre sans nom affiché"


def test_the_public_challenge_page_never_shows_the_address_to_anonymous_visitors(client, world, invited):
    response = client.get(reverse("challenges:challenge_detail", args=[world["challenge"].pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert EMAIL not in html
    assert "camille.durand" not in html


def test_another_member_does_not_see_the_address_either(client, world, invited, contributor):
    client.force_login(contributor)

    for url in (
        reverse("challenges:challenge_detail", args=[world["challenge"].pk]),
        reverse("challenges:challenge_history", args=[world["challenge"].pk]),
    ):
        html = client.get(url).content.decode()
        assert EMAIL not in html, url


def test_the_team_page_shows_the_address_to_staff_but_not_to_the_facilitator(
    client, world, invited, facilitator, staff
):
    url = reverse("challenges:team_manage", args=[world["challenge"].pk])
    client.force_login(facilitator)
    assert EMAIL not in client.get(url).content.decode()

    client.force_login(staff)
    assert EMAIL in client.get(url).content.decode()


def test_the_person_still_sees_their_own_address_on_their_account(client, invited):
    invited.set_password("un mot de passe solide 2026")
    invited.save()
    client.force_login(User.objects.get(pk=invited.pk))

    assert EMAIL in client.get(reverse("my_account")).content.decode()
