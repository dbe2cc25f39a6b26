"""Every URL of the project has a row in a permission matrix (tests/<app>/test_permission_matrix.py)."""

from __future__ import annotations

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

# allauth's own flows that need a key from an e-mail or a pending login state,
# and Django admin pages beyond the index (all behind the staff check of admin:index).
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_NAMES = {
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_set_password",
    "account_reauthenticate",
    "account_login_code_confirm",
    "account_request_login_code",
    "account_confirm_login_code",
    "account_change_email",
    "account_confirm_password_reset_code",
    "account_change_phone",
    "account_verify_phone",
    "account_confirm_phone",
}


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def _covered() -> set[str]:
    covered: set[str] = set()
    for path in Path(__file__).parent.glob("*/test_permission_matrix*.py"):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        covered |= {case.url_name for case in module.CASES}
    return covered


def test_every_url_has_a_permission_matrix_row():
    names = {
        name
        for name in _names(get_resolver())
        if name.split(":")[0] not in EXEMPT_NAMESPACES and name not in EXEMPT_NAMES
    }
    names.add("admin:index")

    missing = sorted(names - _covered())

    assert not missing, f"URLs with no row in a permission matrix: {missing}"
