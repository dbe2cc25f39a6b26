"""The tests never empty the Redis database that ``make run`` and ``make worker`` use."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.core.cache import cache

from innovation.celery import app as celery_app
from tests.helpers.services import redis_url_for_tests


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://127.0.0.1:6379/1", "redis://127.0.0.1:6379/9"),
        ("redis://127.0.0.1:6379/2", "redis://127.0.0.1:6379/10"),
        ("redis://127.0.0.1:6379/12", "redis://127.0.0.1:6379/4"),
        ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/8"),
        ("redis://:secret@redis.example:6380/0", "redis://:secret@redis.example:6380/8"),
    ],
)
def test_the_tests_use_redis_url_s_database_plus_eight(url, expected):
    assert redis_url_for_tests(url) == expected


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="no REDIS_URL: the run does not use Redis")
def test_cache_broker_and_worker_of_this_run_are_on_the_tests_database():
    expected = redis_url_for_tests(os.environ["REDIS_URL"])

    assert expected != os.environ["REDIS_URL"]
    assert expected == settings.REDIS_URL
    assert cache._cache._servers == [expected]
    assert celery_app.connection_for_write().as_uri(include_password=True) == expected
