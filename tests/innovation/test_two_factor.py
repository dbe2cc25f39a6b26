"""Two-factor sign-in: anyone may switch it on; staff must, before any page but the account ones."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import PASSWORD, TOTP_SECRET, UserFactory
from tests.helpers.two_factor import fresh_totp_code, totp_code

pytestmark = pytest.mark.django_db

ACTIVATE = reverse("mfa_activate_totp")


def _reauthenticate(client) -> None:
    """allauth asks for the password again before a second factor is added (MFA_REAUTHENTICATION_REQUIRED)."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content


@pytest.fixture
def new_staff(db):
    return UserFactory(email="claire@example.org", is_staff=True, two_factor=False)


@pytest.mark.parametrize(
    "url",
    [reverse("challenges:staff_edition_list"), reverse("admin:index"), reverse("home"), reverse("my_account")],
)
def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, new_staff, url):
    client.force_login(new_staff)

    response = client.get(url)

    assert response.status_code == 302 and response["Location"] == ACTIVATE


@pytest.mark.parametrize(
    "url_name", ["mfa_index", "account_email", "accessibility", "privacy_policy", "legal_notice", "healthz"]
)
def test_the_account_and_information_pages_stay_open_to_them(client, new_staff, url_name):
    client.force_login(new_staff)

    assert client.get(reverse(url_name)).status_code == 200


def test_they_can_still_sign_out(client, new_staff):
    client.force_login(new_staff)

    client.post(reverse("account_logout"))

    assert "_auth_user_id" not in client.session


def test_other_people_are_not_forced(client, owner):
    client.force_login(owner)

    assert client.get(reverse("home")).status_code == 200


def test_staff_with_an_authenticator_app_go_where_they_asked(client, staff):
    client.force_login(staff)

    assert client.get(reverse("challenges:staff_edition_list")).status_code == 200


def test_a_member_of_staff_sets_up_the_app_after_signing_in_and_then_reaches_staff_pages(client, new_staff):
    # Given a member of staff who signs in with their password
    response = client.post(reverse("account_login"), {"login": new_staff.email, "password": PASSWORD})
    assert response.status_code == 302

    # When they open a staff page, they are sent to the set-up, which first asks their password again
    assert client.get(reverse("challenges:staff_edition_list"))["Location"] == ACTIVATE
    assert client.get(ACTIVATE)["Location"].startswith(reverse("account_reauthenticate"))
    _reauthenticate(client)

    # Then the set-up shows a secret for their app
    setup = client.get(ACTIVATE)
    assert setup.status_code == 200
    secret = setup.context["form"].secret

    # When they type the code their app shows
    activated = client.post(ACTIVATE, {"code": fresh_totp_code(secret)})

    # Then the app is theirs, recovery codes are offered, and the staff pages open
    assert activated.status_code == 302 and activated["Location"] == reverse("mfa_view_recovery_codes")
    types = set(Authenticator.objects.filter(user=new_staff).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get(reverse("challenges:staff_edition_list")).status_code == 200


def test_a_wrong_code_is_refused_next_to_the_field(client, new_staff):
    client.post(reverse("account_login"), {"login": new_staff.email, "password": PASSWORD})
    _reauthenticate(client)
    client.get(ACTIVATE)

    response = client.post(ACTIVATE, {"code": "000000"})

    assert response.status_code == 200 and response.context["form"].errors["code"]
    assert not Authenticator.objects.filter(user=new_staff).exists()


def test_signing_in_with_an_app_asks_for_its_code_after_the_password(client, staff):
    # When staff give their password, they are asked for the code
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    # A wrong code leaves them out
    assert client.post(reverse("mfa_authenticate"), {"code": "123456"}).status_code == 200
    assert "_auth_user_id" not in client.session

    # The code of their app lets them in
    signed_in = client.post(reverse("mfa_authenticate"), {"code": fresh_totp_code(TOTP_SECRET)})
    assert signed_in.status_code == 302
    assert client.get(reverse("challenges:staff_edition_list")).status_code == 200


def test_a_code_is_computed_as_an_authenticator_app_does():
    # RFC 6238's reference secret "12345678901234567890" (base32 below) gives 287082 at 59 s, on 6 digits.
    assert totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=59) == "287082"


def test_the_admin_signs_in_through_the_same_two_factor_login(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_someone_elses_security_key_is_out_of_reach(client, owner):
    key = Authenticator.objects.create(
        user=UserFactory(), type=Authenticator.Type.WEBAUTHN, data={"name": "Clé USB", "credential": {}}
    )
    client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    _reauthenticate(client)

    assert client.get(reverse("mfa_edit_webauthn", args=[key.pk])).status_code == 404
    assert client.post(reverse("mfa_remove_webauthn", args=[key.pk])).status_code == 404
    assert Authenticator.objects.filter(pk=key.pk).exists()
