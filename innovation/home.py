"""Sections of a signed-in person's home page, contributed by each app.

``innovation`` knows nothing of the apps above it: each app registers, in its ``AppConfig.ready()``,
a function that answers one :class:`HomeSection` for a person (or ``None`` when the section is not
for them), or a list of sections when one query reads several. Each function runs a fixed number of
queries (the first few rows, with the number of all of them read in the same query by
``first_rows_and_count``), so the home page costs the same whatever the data size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Window

ENTRIES_SHOWN = 5


@dataclass(frozen=True)
class HomeEntry:
    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: str
    count: int
    url: str
    link_label: str
    empty: str = ""
    entries: list[HomeEntry] = field(default_factory=list)


def first_rows_and_count(rows: QuerySet, *, shown: int = ENTRIES_SHOWN) -> tuple[list[Any], int]:
    """The first ``shown`` rows of an ordered queryset, and how many rows it has: one query (a window count).

    The queryset must not be DISTINCT: the window counts the rows before DISTINCT would fold them. Rows may be
    models or dicts (``values()``: no model built, only the columns a line shows).
    """
    first = list(rows.annotate(home_total=Window(Count("pk")))[:shown])
    if not first:
        return first, 0
    return first, (first[0]["home_total"] if isinstance(first[0], dict) else first[0].home_total)


HomeProvider = Callable[[Any], "HomeSection | list[HomeSection] | None"]

PROVIDERS: list[tuple[int, HomeProvider]] = []


def home_section_register(*, order: int, provider: HomeProvider) -> None:
    """Add a section of the home page; ``order`` places it among the others (smaller first)."""
    if all(existing is not provider for _, existing in PROVIDERS):
        PROVIDERS.append((order, provider))
        PROVIDERS.sort(key=lambda item: item[0])
