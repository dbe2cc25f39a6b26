"""The permission matrix: persona × URL → expected answer, and for a write, its effect.

Each capability lists its cases in ``tests/<app>/test_permission_matrix.py``
(a module-level ``CASES`` list) and parametrises :func:`check_case` over them.
``tests/test_url_coverage.py`` fails when a URL of the project has no case.

A status alone proves little for a POST: a row that changes something names it with ``effect``, a
function of the world that reads what the request should change (a count, a field). The value must
differ after an accepted request (2xx, 3xx) and stay the same after a refused one (login, 403, 404,
405) or one the form sends back (400). ``prepare`` runs first with the persona's client (to upload
a file before confirming its import, say); ``data`` may be a function of the world.
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


World = Mapping[str, Any]
Data = Mapping[str, Any] | Callable[[World], Mapping[str, Any]]


@dataclass(frozen=True)
class Case:
    url_name: str
    persona: str
    expected: int | str
    method: str = "get"
    args: Callable[[World], list[Any]] | None = None
    data: Data = field(default_factory=dict)
    effect: Callable[[World], Any] | None = None
    prepare: Callable[[Client, World], None] | None = None

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name} as {self.persona}"

    @property
    def accepted(self) -> bool:
        return isinstance(self.expected, int) and 200 <= self.expected < 400


def cases_for(
    url_name: str,
    expected: Mapping[str, int | str],
    *,
    method: str = "get",
    args: Callable[[World], list[Any]] | None = None,
    data: Data | None = None,
    effect: Callable[[World], Any] | None = None,
    prepare: Callable[[Client, World], None] | None = None,
) -> list[Case]:
    """Expand one row of the matrix: every persona must be given an expectation."""
    missing = set(PERSONAS) - set(expected)
    if missing:
        raise ValueError(f"{url_name}: no expectation for {sorted(missing)}")
    if effect is not None and method == "get":
        raise ValueError(f"{url_name}: a GET changes nothing; an effect belongs to a POST row")
    return [
        Case(
            url_name=url_name,
            persona=persona,
            expected=status,
            method=method,
            args=args,
            data=data if data is not None else {},
            effect=effect,
            prepare=prepare,
        )
        for persona, status in expected.items()
    ]


def same_for_all(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(PERSONAS, status)


def check_case(case: Case, *, world: World, personas: Mapping[str, Any]) -> None:
    client = Client()
    user = personas.get(case.persona)
    if user is not None:
        client.force_login(user)
    if case.prepare is not None:
        case.prepare(client, world)
    url = reverse(case.url_name, args=case.args(world) if case.args else None)
    data = case.data(world) if callable(case.data) else case.data
    before = case.effect(world) if case.effect is not None else None
    response = getattr(client, case.method)(url, data=dict(data))
    if case.expected == LOGIN:
        login_url = reverse(settings.LOGIN_URL)
        assert response.status_code == 302 and response["Location"].startswith(login_url), (
            f"{case.id}: expected a redirect to the login page, got {response.status_code} "
            f"{response.get('Location', '')}"
        )
    else:
        assert response.status_code == case.expected, f"{case.id}: expected {case.expected}, got {response.status_code}"
    if case.effect is not None:
        after = case.effect(world)
        if case.accepted:
            assert after != before, f"{case.id}: answered {response.status_code} but changed nothing ({before!r})"
        else:
            assert after == before, f"{case.id}: refused ({response.status_code}) yet changed {before!r} → {after!r}"
