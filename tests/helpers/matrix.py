"""The permission matrix: persona × URL → expected answer.

Each capability lists its cases in ``tests/<app>/test_permission_matrix.py``
(a module-level ``CASES`` list) and parametrises :func:`check_case` over them.
``tests/test_url_coverage.py`` fails when a URL of the project has no case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse

LOGIN = "login"  # anonymous is redirected to the login page
PERSONAS = ("anonymous", "outsider", "contributor", "owner", "facilitator", "staff")


@dataclass(frozen=True)
class Case:
    url_name: str
    persona: str
    expected: int | str
    method: str = "get"
    args: Callable[[Mapping[str, Any]], list[Any]] | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name} as {self.persona}"


def cases_for(
    url_name: str,
    expected: Mapping[str, int | str],
    *,
    method: str = "get",
    args: Callable[[Mapping[str, Any]], list[Any]] | None = None,
    data: Mapping[str, Any] | None = None,
) -> list[Case]:
    """Expand one row of the matrix: every persona must be given an expectation."""
    missing = set(PERSONAS) - set(expected)
    if missing:
        raise ValueError(f"{url_name}: no expectation for {sorted(missing)}")
    return [
        Case(url_name=url_name, persona=persona, expected=status, method=method, args=args, data=data or {})
        for persona, status in expected.items()
    ]


def same_for_all(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(PERSONAS, status)


def check_case(case: Case, *, world: Mapping[str, Any], personas: Mapping[str, Any]) -> None:
    client = Client()
    user = personas.get(case.persona)
    if user is not None:
        client.force_login(user)
    url = reverse(case.url_name, args=case.args(world) if case.args else None)
    response = getattr(client, case.method)(url, data=dict(case.data))
    if case.expected == LOGIN:
        login_url = reverse(settings.LOGIN_URL)
        assert response.status_code == 302 and response["Location"].startswith(login_url), (
            f"{case.id}: expected a redirect to the login page, got {response.status_code} "
            f"{response.get('Location', '')}"
        )
    else:
        assert response.status_code == case.expected, f"{case.id}: expected {case.expected}, got {response.status_code}"
