"""Sections of a signed-in person's home page, contributed by each app.

``innovation`` knows nothing of the apps above it: each app registers, in its ``AppConfig.ready()``,
a function that answers one :class:`HomeSection` for a person (or ``None`` when the section is not
for them). Each function runs a fixed number of queries (a count and the first few rows), so the
home page costs the same whatever the data size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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


HomeProvider = Callable[[Any], "HomeSection | None"]

PROVIDERS: list[tuple[int, HomeProvider]] = []


def home_section_register(*, order: int, provider: HomeProvider) -> None:
    """Add a section of the home page; ``order`` places it among the others (smaller first)."""
    if all(existing is not provider for _, existing in PROVIDERS):
        PROVIDERS.append((order, provider))
        PROVIDERS.sort(key=lambda item: item[0])
