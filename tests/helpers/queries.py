"""Query-count assertions that explain themselves when they fail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class QueryLog:
    count: int
    statements: list[str]

    def explain(self) -> str:
        return "\n".join(f"  {index + 1}. {sql[:300]}" for index, sql in enumerate(self.statements))


def count_queries(action: Callable[[], object]) -> QueryLog:
    with CaptureQueriesContext(connection) as captured:
        action()
    return QueryLog(count=len(captured), statements=[query["sql"] for query in captured.captured_queries])


def assert_constant_queries(small: QueryLog, large: QueryLog, *, what: str) -> None:
    """The page makes as many queries with the large data set as with the small one."""
    if small.count != large.count:
        raise AssertionError(
            f"{what}: {small.count} queries with the small data set but {large.count} with the large one "
            f"(a query inside a loop?).\nSmall:\n{small.explain()}\nLarge:\n{large.explain()}"
        )
    print(f"[queries] {what}: {small.count} = {large.count}")  # read with `pytest -s`, for the notes


def get_ok(client, url: str) -> Callable[[], object]:
    """An action that GETs ``url`` and checks it answers 200 (so a count is never of an error page)."""

    def action() -> object:
        response = client.get(url)
        assert response.status_code == 200, f"GET {url} answered {response.status_code}"
        return response

    return action
