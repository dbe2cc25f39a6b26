"""Links and sections that the apps built on ``challenges`` add to its pages, each behind a permission.

``challenges`` knows nothing of the apps above it (grids, reports, test sessions...): they register
here, in their ``AppConfig.ready()``, what a challenge, site or edition page should offer, and the
page shows each link to the people who hold its permission.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Model, QuerySet
from django.urls import reverse

Page = Literal["edition", "site", "challenge"]


@dataclass(frozen=True)
class PageLink:
    page: Page
    permission: str
    label: Any  # a lazy translation
    url_name: str
    url_args: tuple[str, ...] = ()  # fixed arguments before the object's id, e.g. ("site",)

    def url(self, obj: Model) -> str:
        return reverse(self.url_name, args=[*self.url_args, obj.pk])


@dataclass(frozen=True)
class PageSection:
    """A template included in a page, with the page's object in its context; it checks its own permission.

    ``load``, if given, adds what the template reads to the page's own query (e.g. a ``select_related``), so
    that the section needs no query of its own; it must not filter out rows.
    """

    page: Page
    template: str
    load: Callable[[QuerySet], QuerySet] | None = None


LINKS: list[PageLink] = []
SECTIONS: list[PageSection] = []


def page_link_register(**fields: Any) -> PageLink:
    link = PageLink(**fields)
    if link not in LINKS:
        LINKS.append(link)
    return link


def page_section_register(**fields: Any) -> PageSection:
    section = PageSection(**fields)
    if section not in SECTIONS:
        SECTIONS.append(section)
    return section


def page_links_for(*, page: Page, user: Any, obj: Model) -> list[dict[str, str]]:
    """The registered links of ``page`` that ``user`` may follow, with their URLs."""
    return [
        {"label": str(link.label), "url": link.url(obj)}
        for link in LINKS
        if link.page == page and user.has_perm(link.permission, obj)
    ]


def page_sections_for(*, page: Page) -> list[str]:
    return [section.template for section in SECTIONS if section.page == page]


def page_sections_load(*, page: Page, queryset: QuerySet) -> QuerySet:
    """``queryset`` (the page's own query) with what the sections of ``page`` read added to it."""
    for section in SECTIONS:
        if section.page == page and section.load is not None:
            queryset = section.load(queryset)
    return queryset
