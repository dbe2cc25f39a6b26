"""Persona × URL for a person's own account, the two-factor pages and the public information pages.

Every signed-in persona has an account page of their own, so most rows are "200 for everybody signed in";
the POST rows check their effect on the persona's own row. The calendar feed needs no sign-in: its secret
address is the key. The two-factor pages are allauth's (``force_login`` records no recent sign-in, so the
pages that change a factor ask to reauthenticate first: 302).
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

from innovation.models import Export, User
from tests.factories import UserFactory
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all


def _signed_in(status, **overrides):
    return {**same_for_all(status), "anonymous": LOGIN, **overrides}


PUBLIC = same_for_all(200)

CASES = [
    *cases_for("my_account", _signed_in(200)),
    *cases_for("my_data", _signed_in(200)),
    *cases_for("my_data", _signed_in(302), method="post"),
    *cases_for("my_account_delete", _signed_in(200)),
    # A wrong password deletes nothing: the form comes back with its error.
    *cases_for("my_account_delete", _signed_in(400), method="post", data={"password": "not-the-password"}),
    *cases_for("my_calendar_regenerate", _signed_in(302), method="post"),
    *cases_for("my_calendar_regenerate", same_for_all(405)),
    *cases_for("person_calendar", PUBLIC, args=lambda w: [w["calendar_token"]]),
    *cases_for("person_calendar", same_for_all(404), args=lambda w: ["not-a-key"]),
    *cases_for("accessibility", PUBLIC),
    *cases_for("legal_notice", PUBLIC),
    *cases_for("privacy_policy", PUBLIC),
    # allauth's two-factor pages.
    *cases_for("mfa_index", _signed_in(200)),
    *cases_for("mfa_activate_totp", _signed_in(302)),
    *cases_for("mfa_deactivate_totp", _signed_in(404, staff=302)),  # only staff have an app here
    *cases_for("mfa_generate_recovery_codes", _signed_in(302)),
    *cases_for("mfa_view_recovery_codes", _signed_in(404)),  # nobody generated codes yet
    *cases_for("mfa_download_recovery_codes", _signed_in(404)),
    *cases_for("mfa_authenticate", _signed_in(302)),  # no sign-in in progress: back home
    *cases_for("mfa_reauthenticate", _signed_in(302, staff=200)),  # only who has an app confirms with it
    # Security keys (WebAuthn): adding, renaming or removing one asks to reauthenticate first.
    *cases_for("mfa_list_webauthn", _signed_in(200)),
    *cases_for("mfa_add_webauthn", _signed_in(302)),
    *cases_for("mfa_reauthenticate_webauthn", _signed_in(302)),  # nobody has a key: the password page
    *cases_for("mfa_edit_webauthn", _signed_in(302), args=lambda w: [w["someone_elses_key"]]),
    *cases_for("mfa_remove_webauthn", _signed_in(302), args=lambda w: [w["someone_elses_key"]]),
]


TOKEN = "k" * 43


@pytest.fixture
def world(db, personas):
    # Every signed-in persona has a calendar address; the owner's is the one the feed rows read.
    for index, person in enumerate(p for p in personas.values() if p is not None):
        User.objects.filter(pk=person.pk).update(
            calendar_token=TOKEN if person == personas["owner"] else f"{index}" * 43
        )
    key = Authenticator.objects.create(
        user=UserFactory(), type=Authenticator.Type.WEBAUTHN, data={"name": "Clé USB", "credential": {}}
    )
    return {"calendar_token": TOKEN, "someone_elses_key": key.pk}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        check_case(case, world=world, personas=personas)

    person = personas.get(case.persona)
    if person is None or case.method != "post":
        return
    person.refresh_from_db()
    # Then the POST did what it says to the persona's own account, and nothing else
    if case.url_name == "my_data":
        assert Export.objects.filter(requested_by=person, parameters__builder="innovation.personal_data").exists()
    if case.url_name == "my_calendar_regenerate":
        assert person.calendar_token and len(set(person.calendar_token)) > 1  # a new random key
    if case.url_name == "my_account_delete":
        assert person.erased_at is None and person.is_active
