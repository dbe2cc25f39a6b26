"""Persona × URL for the notification centre: everyone sees their own; another's notification answers 404."""

from __future__ import annotations

import pytest

from innovation.models import Notification
from innovation.services import notifications
from tests.factories import NotificationFactory
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all

SIGNED_IN_OK = {**same_for_all(200), "anonymous": LOGIN}
# Every category a person may choose for, including those the apps add (test sessions...).
ALL_DIGEST = dict.fromkeys(sorted(set(notifications.CATEGORIES) - notifications.LOCKED_CATEGORIES), "digest")
SIGNED_IN_REDIRECT = {**same_for_all(302), "anonymous": LOGIN}


def _owners_notification(world):
    return [world["owners_notification"].pk]


def _read_at(w):
    return Notification.objects.get(pk=w["owners_notification"].pk).read_at


CASES = [
    *cases_for("notifications", SIGNED_IN_OK),
    *cases_for("notification_preferences", SIGNED_IN_OK),
    *cases_for("notification_preferences", SIGNED_IN_REDIRECT, method="post", data=ALL_DIGEST),
    *cases_for("notifications_read_all", SIGNED_IN_REDIRECT, method="post"),
    # The owner's notification: the owner marks it read; for anybody else it does not exist.
    *cases_for(
        "notification_read",
        {**same_for_all(404), "owner": 302, "anonymous": LOGIN},
        method="post",
        args=_owners_notification,
        effect=_read_at,
    ),
]


@pytest.fixture
def world(owner):
    return {"owners_notification": NotificationFactory(recipient=owner)}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
