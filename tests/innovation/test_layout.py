"""The base layout: landmarks, skip link, navigation by role, French error pages, health check."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from innovation.views import pages as views
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_has_skip_link_landmarks_and_vendored_assets(client):
    content = client.get(reverse("home")).content.decode()

    assert '<a class="skip-link" href="#main">Aller au contenu</a>' in content
    assert '<main id="main"' in content and "<header" in content and "<footer" in content
    assert "/static/vendor/bootstrap-5.3.8/bootstrap.min.css" in content
    assert "/static/vendor/htmx-2.0.11/htmx.min.js" in content
    assert "cdn" not in content.lower()


def test_navigation_shows_administration_to_staff_only(client):
    client.force_login(UserFactory(is_staff=True))
    assert "Administration" in client.get(reverse("home")).content.decode()
    client.force_login(UserFactory())
    assert "Administration" not in client.get(reverse("home")).content.decode()


def test_language_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Skip to content" in response.content.decode()


def test_unknown_page_answers_a_french_404(client):
    response = client.get("/nulle-part/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_server_error_page_is_french():
    request = RequestFactory().get("/")

    response = views.error_500(request)

    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_a_crash_answers_the_french_500_page(settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client = Client(raise_request_exception=False)
    settings.ROOT_URLCONF = "tests.innovation.crash_urls"

    response = client.get("/crash/")

    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_healthz_reports_database_and_broker(client, settings):
    settings.REDIS_URL = None

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}


def test_healthz_answers_503_when_the_broker_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
