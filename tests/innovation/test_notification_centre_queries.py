"""The notification pages make as many queries with 200 notifications as with 10."""

from __future__ import annotations

import pytest
from django.urls import reverse

from innovation.services import notifications
from tests.factories import NotificationFactory, UserFactory
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok

pytestmark = pytest.mark.django_db

KINDS = ["invitation", "site_reminder", "some_future_kind"]
CONTEXTS = {
    "invitation": {"invited_by": "Yann"},
    "site_reminder": {"place": "Rennes", "starts_on": "2018-07-09"},
    "some_future_kind": {"title": "Export prêt", "url": "/x/"},
}


def _person_with(count: int):
    person = UserFactory()
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        NotificationFactory(recipient=person, kind=kind, context=CONTEXTS[kind])
    return person


@pytest.mark.parametrize("url_name", ["notifications", "notification_preferences"])
def test_constant_queries_with_10_and_200_notifications(client, url_name):
    logs = []
    for size in (10, 200):
        person = _person_with(size)
        if size == 200:
            for category in ("challenges", "reports", "reminders"):
                notifications.notification_preference_set(person=person, category=category, delivery="digest")
        client.force_login(person)
        get_ok(client, reverse(url_name))()  # warm the template cache
        logs.append(count_queries(get_ok(client, reverse(url_name))))

    assert_constant_queries(*logs, what=url_name)


def test_the_list_page_budget(client):
    person = _person_with(200)
    client.force_login(person)

    log = count_queries(get_ok(client, reverse("notifications")))

    # session, user, the count for the paginator, the unread count (shared by the page and the badge),
    # the navigation's permission look-ups (site facilitation for the grids link, then Django's two
    # permission tables, read once per request), the page of notifications.
    assert log.count <= 8, log.explain()
