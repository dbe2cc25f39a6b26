"""Fixtures shared by the whole suite: personas, services, browser and worker."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from innovation.celery import app as celery_app
from tests.factories import UserFactory
from tests.helpers.services import REQUIRE_SERVICES, redis_url_for_tests

pytest_plugins = ["tests.helpers.browser", "tests.helpers.worker"]


def pytest_configure(config: pytest.Config) -> None:
    """Move the whole run to the tests' own Redis database (tests/helpers/worker.py says which, and why)."""
    from django.conf import settings

    if settings.REDIS_URL:
        url = redis_url_for_tests(settings.REDIS_URL)
        settings.REDIS_URL = settings.CELERY_BROKER_URL = url
        settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": url}}
        celery_app.conf.broker_url = url


def pytest_sessionstart(session: pytest.Session) -> None:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if REQUIRE_SERVICES and "postgresql" not in engine:
        pytest.exit("REQUIRE_SERVICES=1 but the suite is not on PostgreSQL (set DATABASE_URL).", returncode=3)
    if REQUIRE_SERVICES and not settings.REDIS_URL:
        pytest.exit("REQUIRE_SERVICES=1 but REDIS_URL is not set.", returncode=3)


@pytest.fixture(autouse=True)
def _isolated_services(request: pytest.FixtureRequest, settings):
    """Unit tests run Celery tasks in the test process and start with an empty cache.

    Passwords are hashed with a fast hasher: the strength of PBKDF2 is not under test here.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request in English (its cookie) leaves English active in the
    thread, which would otherwise reach the next test."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def csp_violations(request: pytest.FixtureRequest):
    """An e2e test fails when Chromium reports a Content-Security-Policy violation on any of its pages."""
    found: list[str] = []
    for name in ("page", "phone_page"):
        if request.node.get_closest_marker("e2e") and name in request.fixturenames:
            context = request.getfixturevalue(name).context
            context.on("console", lambda m: "Content Security Policy" in m.text and found.append(m.text))
    yield found
    assert not found, "Content-Security-Policy violations in the browser:\n" + "\n".join(found)


# --- Personas ---------------------------------------------------------------
# A capability gives them their roles on its objects (see tests/<app>/conftest.py).


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.org", display_name="Claire (staff)", is_staff=True)


@pytest.fixture
def facilitator(db):
    return UserFactory(email="facilitator@example.org", display_name="Yann (facilitator)")


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@example.org", display_name="Sophie (owner)")


@pytest.fixture
def contributor(db):
    return UserFactory(email="contributor@example.org", display_name="Karim (contributor)")


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.org", display_name="Charlie (outsider)")


@pytest.fixture
def personas(staff, facilitator, owner, contributor, outsider):
    return {
        "anonymous": None,
        "outsider": outsider,
        "contributor": contributor,
        "owner": owner,
        "facilitator": facilitator,
        "staff": staff,
    }
