from __future__ import annotations

import pytest
from django.core.management import call_command

from innovation.demo import DEMO_LOGINS, DEMO_PASSWORD
from innovation.models import Organisation, User

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_every_login_works(client):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (User.objects.count(), Organisation.objects.count())
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert (User.objects.count(), Organisation.objects.count()) == counts
    for login in DEMO_LOGINS:
        assert client.login(email=login.email, password=DEMO_PASSWORD), login.email
    assert User.objects.get(email="staff@demo.defis.fr").is_staff
