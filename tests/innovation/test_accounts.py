"""Log in, log out, reset a password, sign up (when open): in French, through allauth."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_in_french(client):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fr"
    content = response.content.decode()
    assert "<h1" in content and "Connexion" in content
    assert 'for="id_login"' in content and 'for="id_password"' in content


def test_login_with_email_and_password_lands_on_home(client):
    person = UserFactory(email="sophie@example.org")

    response = client.post(reverse("account_login"), {"login": "Sophie@Example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == person


def test_wrong_password_shows_a_french_message_and_keeps_the_email(client):
    UserFactory(email="sophie@example.org")

    response = client.post(reverse("account_login"), {"login": "sophie@example.org", "password": "wrong"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in content
    assert 'class="alert alert-block alert-danger"' in content
    assert 'value="sophie@example.org"' in content


def test_logout_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_french_email_whose_link_sets_a_new_password(client):
    UserFactory(email="sophie@example.org")

    client.post(reverse("account_reset_password"), {"email": "sophie@example.org"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sophie@example.org"]
    assert "mot de passe" in message.subject.lower()
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    path = link.split("testserver", 1)[-1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "a-new-long-passphrase-42", "password2": "a-new-long-passphrase-42"},
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(email="sophie@example.org", password="a-new-long-passphrase-42")


def test_signup_can_be_switched_off(client, settings):
    settings.SIGNUP_OPEN = False

    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    assert "fermée" in response.content.decode().lower() or "closed" in response.content.decode().lower()
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "a-long-passphrase-42", "password2": "a-long-passphrase-42"},
    )
    from innovation.models import User

    assert not User.objects.filter(email="new@example.org").exists()


def test_signup_with_mandatory_verification_sends_a_confirmation(client, settings):
    settings.SIGNUP_OPEN = True
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "a-long-passphrase-42", "password2": "a-long-passphrase-42"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert "_auth_user_id" not in client.session
