"""The preferences page: one choice per category, French messages on bad input, account always immediate."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from innovation.models import Delivery, NotificationPreference
from innovation.services import notifications
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "notification_preferences"
# Every category a person may choose for, including those the apps add (test sessions...).
ALL_IMMEDIATE = dict.fromkeys(sorted(set(notifications.CATEGORIES) - notifications.LOCKED_CATEGORIES), "immediate")


def _checked(page: str, name: str) -> list[str]:
    """The values of the checked radio buttons named ``name``."""
    inputs = re.findall(r"<input[^>]*>", page, re.S)
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in inputs
        if f'name="{name}"' in tag and re.search(r"\schecked[\s>]", tag)
    ]


@pytest.fixture
def person(client):
    person = UserFactory()
    client.force_login(person)
    return person


def test_the_page_shows_a_labelled_choice_per_category_with_the_current_one_checked(client, person):
    notifications.notification_preference_set(person=person, category="reports", delivery=Delivery.DIGEST)

    page = client.get(reverse(URL)).content.decode()

    for legend in ("Défis et équipes", "Auto-évaluations et relectures", "Rapports et exports", "Rappels"):
        assert legend in page
    assert _checked(page, "reports") == ["digest"]
    assert _checked(page, "challenges") == ["immediate"]
    assert 'name="account"' not in page  # not switchable
    assert "Les invitations et les messages concernant votre compte sont toujours envoyés immédiatement" in page
    for choice in ("Courriel immédiat", "Récapitulatif quotidien", "Désactivé (sur le site seulement)"):
        assert choice in page


def test_saving_stores_each_choice_and_says_so(client, person):
    data = {**ALL_IMMEDIATE, "reminders": "digest", "reports": "off"}

    response = client.post(reverse(URL), data, follow=True)

    assert response.redirect_chain == [(reverse(URL), 302)]
    assert "Vos préférences de notification sont enregistrées." in response.content.decode()
    stored = dict(NotificationPreference.objects.filter(person=person).values_list("category", "delivery"))
    assert stored == {**ALL_IMMEDIATE, "reminders": "digest", "reports": "off"}
    assert notifications.notification_delivery_for(person=person, category="reports") == Delivery.OFF


def test_an_unknown_value_gets_a_french_message_and_keeps_what_was_typed(client, person):
    data = {**ALL_IMMEDIATE, "reminders": "digest", "reports": "weekly"}

    response = client.post(reverse(URL), data)

    assert response.status_code == 200
    page = response.content.decode()
    message = (
        "«\u00a0weekly\u00a0» n’est pas un choix valide\u00a0: "
        "choisissez courriel immédiat, récapitulatif quotidien ou désactivé."
    )
    assert message in page
    assert _checked(page, "reminders") == ["digest"]
    assert not NotificationPreference.objects.filter(person=person).exists()


def test_a_missing_choice_gets_a_french_message(client, person):
    data = {key: value for key, value in ALL_IMMEDIATE.items() if key != "challenges"}

    response = client.post(reverse(URL), data)

    assert response.status_code == 200
    assert "Choisissez comment recevoir ces notifications." in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_account_category_cannot_be_switched_off_through_the_form(client, person):
    response = client.post(reverse(URL), {**ALL_IMMEDIATE, "account": "off"})

    assert response.status_code == 302
    assert not NotificationPreference.objects.filter(person=person, category="account").exists()
    assert notifications.notification_delivery_for(person=person, category="account") == Delivery.IMMEDIATE


def test_a_person_changes_their_mind(client, person):
    client.post(reverse(URL), {**ALL_IMMEDIATE, "challenges": "off"})
    client.post(reverse(URL), {**ALL_IMMEDIATE, "challenges": "digest"})

    assert NotificationPreference.objects.get(person=person, category="challenges").delivery == Delivery.DIGEST
    assert NotificationPreference.objects.filter(person=person).count() == len(ALL_IMMEDIATE)


def test_an_app_can_add_a_category_that_people_then_choose_a_delivery_for(db, owner):
    from innovation.services import notifications

    # Given a category an app registers
    notifications.notification_category_register(key="test-category", label="Test category")
    try:
        # When a person chooses the daily digest for it
        notifications.notification_preference_set(person=owner, category="test-category", delivery="digest")
        # Then it is stored and used for the kinds of that category
        assert notifications.notification_delivery_for(person=owner, category="test-category") == "digest"
    finally:
        notifications.CATEGORIES.pop("test-category")
