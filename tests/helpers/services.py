"""Which real services this run may use, and what to do when one is missing.

With ``REQUIRE_SERVICES=1`` (set by ``.ci/run``) a missing PostgreSQL, Redis or
Chromium fails the run; otherwise the tests that need it are skipped, with the
reason printed by ``pytest -ra``.
"""

from __future__ import annotations

import os
import shutil
import socket
from urllib.parse import urlsplit, urlunsplit

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def service_missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def redis_answers(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


TEST_DATABASE_OFFSET = 8
REDIS_DATABASES = 16


def redis_url_for_tests(url: str) -> str:
    """The Redis database of the tests: ``url``'s index plus 8, modulo 16 (``/2`` → ``/10``, none → ``/8``)."""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    index = int(path) if path.isdigit() else 0
    test_index = (index + TEST_DATABASE_OFFSET) % REDIS_DATABASES
    return urlunsplit(parts._replace(path=f"/{test_index}"))


def chromium_path() -> str | None:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")
