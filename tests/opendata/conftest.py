"""Fixtures of the open-data tests: the personas' challenges world, shared with the challenges tests."""

from tests.challenges.conftest import world  # noqa: F401
