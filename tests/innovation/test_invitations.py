"""An invited person follows the link, sets a password and lands on what they were invited to."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from innovation.models import Invitation, Notification
from innovation.services import invitations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(inviter, email="nouvelle@example.org", next_url="/destination/"):
    person, created = invitations.person_get_or_create(email=email, display_name="Nouvelle Personne")
    invitation = invitations.invitation_create(
        person=person, invited_by=inviter, next_url=next_url, purpose="Rejoindre l'équipe du défi 3"
    )
    return person, created, invitation


def accept_link(message) -> str:
    return re.search(r"http://\S+/invitations/\S+/", message.body).group(0).split("8000", 1)[-1]


def test_invitation_writes_one_outbox_row_and_sends_it_after_commit(django_capture_on_commit_callbacks):
    inviter = UserFactory(display_name="Yann Le Gall")

    with django_capture_on_commit_callbacks(execute=True):
        person, created, _invitation = invite(inviter)

    assert created and not person.has_usable_password()
    notification = Notification.objects.get(recipient=person, kind="invitation")
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Défis] Vous êtes invité·e sur Défis"
    assert "Yann Le Gall vous invite à rejoindre Défis." in message.body
    html = message.alternatives[0]
    assert html[1] == "text/html" and "Choisir mon mot de passe" in html[0]


def test_following_the_link_sets_a_password_verifies_the_address_and_lands_on_the_destination(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person, _, _ = invite(UserFactory(), next_url="/destination/")
    link = accept_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "nouvelle@example.org" in page.content.decode()
    response = client.post(
        link, {"password": "un-mot-de-passe-solide-42", "password_again": "un-mot-de-passe-solide-42"}
    )

    assert response.status_code == 302 and response["Location"] == "/destination/"
    person.refresh_from_db()
    assert person.check_password("un-mot-de-passe-solide-42")
    assert EmailAddress.objects.get(user=person).verified
    assert Invitation.objects.get(person=person).accepted_at is not None
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_used_link_answers_gone(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(UserFactory())
    link = accept_link(mail.outbox[0])
    client.post(link, {"password": "un-mot-de-passe-solide-42", "password_again": "un-mot-de-passe-solide-42"})
    client.logout()

    response = client.get(link)

    assert response.status_code == 410
    assert "n’est plus valable" in response.content.decode().replace("'", "’").replace("&#x27;", "’")


def test_an_expired_or_forged_link_answers_gone(client, settings):
    _, _, invitation = invite(UserFactory())
    token = invitations.invitation_token(invitation=invitation)
    settings.INVITATION_MAX_AGE_DAYS = 0

    assert client.get(reverse("invitation_accept", args=[token])).status_code == 410
    assert client.get(reverse("invitation_accept", args=["forged:token"])).status_code == 410


def test_mismatched_passwords_keep_the_form_with_a_french_message(client):
    _, _, invitation = invite(UserFactory())
    url = reverse("invitation_accept", args=[invitations.invitation_token(invitation=invitation)])

    response = client.post(url, {"password": "un-mot-de-passe-solide-42", "password_again": "autre-chose-42"})

    assert response.status_code == 200
    assert "Les deux mots de passe diffèrent." in response.content.decode()


def test_an_existing_person_is_found_not_duplicated():
    existing = UserFactory(email="deja@example.org")

    person, created = invitations.person_get_or_create(email="Deja@Example.org")

    assert person == existing and not created


def test_a_weak_password_is_refused_next_to_the_field_by_the_service(client):
    # Given an invitation for a person called Nouvelle Personne
    person, _, invitation = invite(UserFactory())
    url = reverse("invitation_accept", args=[invitations.invitation_token(invitation=invitation)])

    # When they choose a password the validators refuse
    response = client.post(url, {"password": "12345678", "password_again": "12345678"})

    # Then the page says why next to the field, and nothing is set
    assert response.status_code == 200
    assert "Ce mot de passe est trop courant." in response.content.decode()
    person.refresh_from_db()
    assert not person.has_usable_password()
    assert Invitation.objects.get(person=person).accepted_at is None
