"""The notification centre: a person's notifications, newest first, with the unread badge and mark-as-read."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innovation.models import Notification
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

REMINDER_CONTEXT = {"site_id": 1, "place": "Cluny", "edition": "3e université", "starts_on": "2018-07-09"}


@pytest.fixture
def person(client):
    person = UserFactory(display_name="Sophie Tanguy")
    client.force_login(person)
    return person


def _aged(notification, *, minutes):
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    return notification


def _ids_in(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="notification-(\d+)"', page)]


def test_the_centre_lists_my_notifications_newest_first_with_a_summary_per_kind(client, person):
    old = _aged(NotificationFactory(recipient=person, context={"invited_by": "Yann Le Gall"}), minutes=30)
    new = _aged(NotificationFactory(recipient=person, kind="site_reminder", context=REMINDER_CONTEXT), minutes=5)
    NotificationFactory()  # somebody else's

    page = client.get(reverse("notifications")).content.decode()

    assert _ids_in(page) == [new.pk, old.pk]
    assert "Yann Le Gall vous a invité·e sur Défis." in page
    assert "Le site Cluny commence demain, lundi 9 juillet 2018." in page


def test_a_kind_without_its_own_template_shows_its_title_and_link(client, person):
    NotificationFactory(
        recipient=person,
        kind="some_future_kind",
        context={"title": "Votre export est prêt", "summary": "Rennes 2018, PDF", "url": "/exports/1/"},
    )
    NotificationFactory(recipient=person, kind="another_future_kind", context={})

    page = client.get(reverse("notifications")).content.decode()

    assert "<strong>Votre export est prêt</strong> — Rennes 2018, PDF" in page
    assert 'href="/exports/1/"' in page
    assert "<strong>Notification</strong>" in page  # no title at all: still something sensible


def test_the_centre_is_paginated(client, person):
    for _ in range(25):
        NotificationFactory(recipient=person)

    first = client.get(reverse("notifications")).content.decode()
    second = client.get(reverse("notifications"), {"page": 2}).content.decode()
    nonsense = client.get(reverse("notifications"), {"page": "abc"})

    assert len(_ids_in(first)) == 20 and len(_ids_in(second)) == 5
    assert not set(_ids_in(first)) & set(_ids_in(second))
    assert "Page 2 sur 2" in second
    assert nonsense.status_code == 200


def test_the_navigation_shows_the_unread_count_to_eyes_and_screen_readers(client, person):
    for _ in range(3):
        NotificationFactory(recipient=person)
    NotificationFactory(recipient=person, read_at=timezone.now())
    NotificationFactory(recipient=person, kind="digest", context={"groups": [], "count": 0})  # e-mail only

    page = client.get(reverse("home")).content.decode()

    link = re.search(r'<a id="nav-notifications".*?</a>', page, re.S).group(0)
    assert '<span class="visually-hidden">Notifications, 3 non lues</span>' in link
    assert '<span aria-hidden="true">Notifications <span class="badge rounded-pill text-bg-warning">3</span>' in link
    # On a small screen the menu is folded: its button shows the count too, and its name says it.
    assert re.search(
        r'<span id="nav-toggler-badge" class="badge[^"]*d-xl-none">3<span class="visually-hidden"> '
        r"notifications non lues</span></span>",
        page,
    )


def test_no_badge_when_everything_is_read(client, person):
    NotificationFactory(recipient=person, read_at=timezone.now())

    page = client.get(reverse("home")).content.decode()

    link = re.search(r'<a id="nav-notifications".*?</a>', page, re.S).group(0)
    assert "badge" not in link and "non lue" not in link
    assert '<span id="nav-toggler-badge" class="d-xl-none"></span>' in page


def test_the_digest_row_itself_is_not_listed(client, person):
    NotificationFactory(recipient=person, kind="digest", context={"groups": [], "count": 0})

    page = client.get(reverse("notifications")).content.decode()

    assert _ids_in(page) == []
    assert "Vous n’avez encore aucune notification." in page


def test_mark_one_as_read_without_javascript(client, person):
    notification = NotificationFactory(recipient=person)
    other = NotificationFactory(recipient=person)

    response = client.post(reverse("notification_read", args=[notification.pk]), {"next": "/notifications/?page=1"})

    assert response.status_code == 302 and response["Location"] == "/notifications/?page=1"
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.read_at is not None
    assert other.read_at is None
    page = client.get(response["Location"]).content.decode()
    assert "La notification est marquée comme lue." in page
    assert "1 notification non lue." in page


def test_mark_one_as_read_with_htmx_returns_the_item_and_the_new_badge(client, person):
    notification = NotificationFactory(recipient=person)
    NotificationFactory(recipient=person)

    response = client.post(reverse("notification_read", args=[notification.pk]), headers={"HX-Request": "true"})

    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="notification-{notification.pk}"' in body
    assert "Marquer comme lue" not in body  # the item is read now
    assert 'hx-swap-oob="true"' in body and "Notifications, 1 non lue<" in body
    assert re.search(
        r'<span id="nav-toggler-badge"[^>]*hx-swap-oob="true">1'
        r'<span class="visually-hidden"> notification non lue</span>',
        body,
    )
    assert "<html" not in body


def test_an_unsafe_next_goes_back_to_the_centre(client, person):
    notification = NotificationFactory(recipient=person)

    response = client.post(reverse("notification_read", args=[notification.pk]), {"next": "https://evil.example/"})

    assert response["Location"] == reverse("notifications")


def test_marking_somebody_elses_notification_answers_404_and_changes_nothing(client, person):
    theirs = NotificationFactory()

    response = client.post(reverse("notification_read", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(client, person):
    notification = NotificationFactory(recipient=person)

    response = client.get(reverse("notification_read", args=[notification.pk]))

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_as_read_marks_mine_only(client, person):
    mine = [NotificationFactory(recipient=person) for _ in range(3)]
    theirs = NotificationFactory()

    response = client.post(reverse("notifications_read_all"))

    assert response.status_code == 302
    assert Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None
    page = client.get(reverse("notifications")).content.decode()
    assert "Toutes les notifications sont marquées comme lues." in page
    assert "Aucune notification non lue." in page
    assert "Tout marquer comme lu" not in page


def test_mark_all_as_read_with_htmx_returns_the_centre_and_the_badge(client, person):
    NotificationFactory(recipient=person)

    response = client.post(reverse("notifications_read_all"), {"page": "1"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert body.lstrip().startswith('<section id="notification-centre"')
    assert "Toutes les notifications sont marquées comme lues." in body
    assert 'id="nav-notifications"' in body and "badge rounded-pill" not in body.split('id="nav-notifications"')[1]
    assert '<span id="nav-toggler-badge" class="d-xl-none" hx-swap-oob="true"></span>' in body


def test_the_list_answers_an_htmx_request_with_the_fragment(client, person):
    NotificationFactory(recipient=person)

    body = client.get(reverse("notifications"), headers={"HX-Request": "true"}).content.decode()

    assert body.lstrip().startswith('<section id="notification-centre"') and "<html" not in body


def test_each_mark_as_read_button_is_named_by_its_own_notification(client, person):
    """Two notifications of the same minute: a screen reader still tells their buttons apart."""
    first = NotificationFactory(recipient=person, context={"invited_by": "Yann Le Gall"})
    second = NotificationFactory(recipient=person, context={"invited_by": "Nadia Martin"})

    page = client.get(reverse("notifications")).content.decode()

    for item in (first, second):
        assert f'aria-labelledby="notification-read-{item.pk} notification-summary-{item.pk}"' in page
        summary = page.split(f'id="notification-summary-{item.pk}">')[1].split("</span>")[0]
        assert ("Yann Le Gall" if item == first else "Nadia Martin") in summary
