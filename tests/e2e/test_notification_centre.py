"""A person with unread notifications sees the badge, opens the centre, marks them read and changes a preference."""

from __future__ import annotations

import pytest

from innovation.models import Notification, NotificationPreference
from tests.factories import PASSWORD, NotificationFactory, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)  # "**/" matches the login page itself


def test_badge_centre_mark_read_and_preferences(page, live_server):
    person = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    NotificationFactory(recipient=person, context={"invited_by": "Yann Le Gall"})
    NotificationFactory(
        recipient=person,
        kind="site_reminder",
        context={"place": "Rennes", "edition": "3e université", "starts_on": "2018-07-09"},
    )
    NotificationFactory(
        recipient=person, kind="some_future_kind", context={"title": "Votre export est prêt", "url": "/"}
    )
    NotificationFactory(context={"invited_by": "Quelqu’un d’autre"})  # somebody else's

    # Given a signed-in person with three unread notifications, the navigation says so
    _log_in(page, "sophie@example.org")
    badge_link = page.get_by_role("link", name="Notifications, 3 non lues")
    assert badge_link.is_visible()
    assert page.locator("#nav-notifications .badge").inner_text() == "3"

    # When they open the centre
    badge_link.click()
    page.wait_for_url("**/notifications/")
    items = page.get_by_test_id("notification")
    assert items.count() == 3
    assert page.get_by_text("Yann Le Gall vous a invité·e sur Défis.").is_visible()
    assert page.get_by_text("Le site Rennes commence demain, lundi 9 juillet 2018.").is_visible()
    assert page.get_by_text("Quelqu’un d’autre").count() == 0
    assert_no_axe_violations(page)
    screenshot(page, "notification-centre-unread")

    # One is marked read in place (htmx): the badge follows
    items.first.get_by_role("button", name="Marquer comme lue").click()
    page.get_by_role("link", name="Notifications, 2 non lues").wait_for()
    assert page.get_by_role("button", name="Marquer comme lue").count() == 2

    # Then all of them
    page.get_by_role("button", name="Tout marquer comme lu").click()
    page.get_by_text("Toutes les notifications sont marquées comme lues.").wait_for()
    assert page.get_by_role("link", name="Notifications", exact=True).is_visible()
    assert page.locator("#nav-notifications .badge").count() == 0
    assert page.get_by_role("button", name="Marquer comme lue").count() == 0
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=True).count() == 1  # the other person's is untouched
    assert_no_axe_violations(page)
    screenshot(page, "notification-centre-all-read")

    # And they choose the daily digest for reminders
    page.get_by_role("link", name="Comment les recevoir ?").click()
    page.wait_for_url("**/notifications/preferences/")
    assert_no_axe_violations(page)
    page.get_by_role("group", name="Rappels").get_by_label("Récapitulatif quotidien").check()
    page.get_by_role("group", name="Rapports et exports").get_by_label("Désactivé (sur le site seulement)").check()
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    page.get_by_text("Vos préférences de notification sont enregistrées.").wait_for()
    assert page.get_by_role("group", name="Rappels").get_by_label("Récapitulatif quotidien").is_checked()
    stored = dict(NotificationPreference.objects.filter(person=person).values_list("category", "delivery"))
    assert stored["reminders"] == "digest" and stored["reports"] == "off" and stored["challenges"] == "immediate"
    assert_no_axe_violations(page)
    screenshot(page, "notification-preferences-saved")


def test_on_a_phone_the_folded_menu_shows_the_count(phone_page):
    person = UserFactory(email="karim@example.org")
    for place in ("Rennes", "Cluny"):
        NotificationFactory(recipient=person, kind="site_reminder", context={"place": place, "starts_on": "2018-07-09"})

    _log_in(phone_page, "karim@example.org")

    # The visible count, and in the button's name the same count in words (label in name, WCAG 2.5.3).
    assert phone_page.locator("#nav-toggler-badge").inner_text().split() == ["2", "notifications", "non", "lues"]
    screenshot(phone_page, "notification-badge-phone")
    phone_page.get_by_role("button", name="Afficher ou masquer le menu").click()
    phone_page.get_by_role("link", name="Notifications, 2 non lues").click()
    phone_page.wait_for_url("**/notifications/")
    phone_page.get_by_role("button", name="Tout marquer comme lu").click()
    phone_page.get_by_text("Aucune notification non lue.").wait_for()
    assert phone_page.locator("#nav-toggler-badge").inner_text() == ""
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "notification-centre-phone")
