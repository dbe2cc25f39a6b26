"""The permission matrix checks what a POST changed, not only its status (tests/helpers/matrix.py)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from innovation.models import Notification
from tests.factories import NotificationFactory
from tests.helpers.matrix import cases_for, check_case, same_for_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(owner):
    return {"notification": NotificationFactory(recipient=owner)}


EXPECTED = {**same_for_all(404), "owner": 302}


def _read_at(w):
    return Notification.objects.get(pk=w["notification"].pk).read_at


def _row(effect, expected=EXPECTED):
    (case,) = [
        case
        for case in cases_for(
            "notification_read", expected, method="post", args=lambda w: [w["notification"].pk], effect=effect
        )
        if case.persona == "owner"
    ]
    return case


def test_an_accepted_post_that_changes_nothing_fails_its_row(world, personas):
    case = _row(lambda w: "always the same")

    with pytest.raises(AssertionError, match="changed nothing"):
        check_case(case, world=world, personas=personas)


def test_a_refused_post_that_changes_something_fails_its_row(world, personas):
    counter = itertools.count()
    refused = replace(_row(lambda w: next(counter)), persona="outsider", expected=404)

    with pytest.raises(AssertionError, match="yet changed"):
        check_case(refused, world=world, personas=personas)


def test_an_accepted_post_with_its_effect_passes(world, personas):
    case = _row(
        lambda w: Notification.objects.get(pk=w["notification"].pk).read_at, {**same_for_all(404), "owner": 302}
    )

    check_case(case, world=world, personas=personas)


def test_a_get_row_cannot_declare_an_effect():
    with pytest.raises(ValueError, match="GET"):
        cases_for("notifications", same_for_all(200), effect=lambda w: 0)
