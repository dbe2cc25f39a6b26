"""Every URL of the project has a row in a permission matrix (tests/<app>/test_permission_matrix*.py).

The exceptions are Django's admin pages beyond its index and the allauth pages listed here by
name. The list is exact: a page that an allauth release adds has no row and fails the first
test; a listed name that no longer exists fails the second, so the list cannot outlive its pages.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.urls.resolvers import RegexPattern

# Every admin page is behind the staff check of admin:index, which has its row.
EXEMPT_NAMESPACES = {"admin"}

# allauth pages that need what a persona × URL matrix has not: a key from an e-mail, a flow in
# progress or an account in a given state.
ALLAUTH_PAGES_IN_A_FLOW = {
    "account_confirm_email": "the key of a verification e-mail",
    "account_email_verification_sent": "shown after sign-up or after adding an address",
    "account_inactive": "shown when an inactive account logs in",
    "account_reauthenticate": "asked by allauth before a sensitive action",
    "account_reset_password_done": "shown after a reset request",
    "account_reset_password_from_key": "the key of a reset e-mail",
    "account_reset_password_from_key_done": "shown after a reset from an e-mail",
    "account_set_password": "for an account that has no password yet",
}

# allauth registers these whatever the settings, for flows that innovation/settings.py switches
# off: what they answer a signed-in person instead of a form (302: sent on to the home page).
ALLAUTH_PAGES_SWITCHED_OFF = {
    "account_confirm_login_code": 302,  # no login by code can be in progress
    "account_request_reauthentication_code": 403,  # ACCOUNT_REAUTHENTICATION_METHODS has no "code"
    "account_confirm_reauthentication_code": 403,
}

# allauth's two-factor pages (mfa_*) are not exempt: they have their rows in
# tests/innovation/test_permission_matrix_account.py, with what force_login gives them.
EXEMPT_NAMES = ALLAUTH_PAGES_IN_A_FLOW.keys() | ALLAUTH_PAGES_SWITCHED_OFF.keys()


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
    for matrix in Path(__file__).parent.glob("*/test_permission_matrix*.py"):
        module = importlib.import_module(f"tests.{matrix.parent.name}.{matrix.stem}")
        covered |= {case.url_name for case in module.CASES}
    return covered


def _without_a_row(resolver: URLResolver) -> list[str]:
    names = {
        name for name in _names(resolver) if name.split(":")[0] not in EXEMPT_NAMESPACES and name not in EXEMPT_NAMES
    }
    names.add("admin:index")
    return sorted(names - _covered())


def test_every_url_has_a_permission_matrix_row():
    missing = _without_a_row(get_resolver())

    assert not missing, f"URLs with no row in a permission matrix: {missing}"


def test_every_exempt_name_is_a_url_of_the_project():
    gone = sorted(EXEMPT_NAMES - _names(get_resolver()))

    assert not gone, f"Exempt URL names that no longer exist, to remove from this file: {gone}"


def test_a_page_added_by_an_allauth_release_has_to_get_a_row():
    # Given the project's URLs and one more allauth-looking page, as a release of allauth adds them
    urls = [*get_resolver().url_patterns, path("accounts/new-flow/", lambda request: None, name="account_new_flow")]

    # When their coverage is checked, then the new page is the one reported
    assert _without_a_row(URLResolver(RegexPattern(r"^/"), urls)) == ["account_new_flow"]


@pytest.mark.parametrize("name", sorted(ALLAUTH_PAGES_SWITCHED_OFF))
def test_a_switched_off_allauth_page_shows_no_form(name, client, outsider):
    client.force_login(outsider)

    response = client.get(reverse(name))

    assert response.status_code == ALLAUTH_PAGES_SWITCHED_OFF[name]
    if response.status_code == 302:
        assert response["Location"] == reverse("home")
