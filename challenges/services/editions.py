"""Staff set up editions, their sites and themes, and appoint site facilitators."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from challenges.models import Edition, Site, Theme
from innovation.models import Organisation, User
from innovation.services import invitations

EDITION_FIELDS = ("title", "organiser", "starts_on", "ends_on", "description")
SITE_FIELDS = ("place", "starts_on", "ends_on", "description")
THEME_FIELDS = ("title", "description", "position")


class FacilitatorAlreadyAppointed(Exception):
    """The person already facilitates this site."""


def edition_create(
    *,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    organiser: Organisation | None = None,
    description: str = "",
) -> Edition:
    return Edition.objects.create(
        title=title, organiser=organiser, starts_on=starts_on, ends_on=ends_on, description=description
    )


def edition_update(*, edition: Edition, **fields: object) -> Edition:
    for name, value in fields.items():
        if name not in EDITION_FIELDS:
            raise TypeError(f"edition_update() got an unexpected field {name!r}")
        setattr(edition, name, value)
    edition.save(update_fields=list(fields))
    return edition


def site_create(
    *,
    edition: Edition,
    place: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    description: str = "",
) -> Site:
    return Site.objects.create(
        edition=edition,
        place=place,
        starts_on=starts_on or edition.starts_on,
        ends_on=ends_on or edition.ends_on,
        description=description,
    )


def site_update(*, site: Site, **fields: object) -> Site:
    for name, value in fields.items():
        if name not in SITE_FIELDS:
            raise TypeError(f"site_update() got an unexpected field {name!r}")
        setattr(site, name, value)
    site.save(update_fields=list(fields))
    return site


def theme_create(*, edition: Edition, title: str, description: str = "", position: int | None = None) -> Theme:
    if position is None:
        position = Theme.objects.filter(edition=edition).count() + 1
    theme = Theme.objects.create(edition=edition, title=title, description=description, position=position)
    return theme


def theme_update(*, theme: Theme, **fields: object) -> Theme:
    for name, value in fields.items():
        if name not in THEME_FIELDS:
            raise TypeError(f"theme_update() got an unexpected field {name!r}")
        setattr(theme, name, value)
    theme.save(update_fields=list(fields))
    return theme


@transaction.atomic
def site_facilitator_appoint(
    *, site: Site, email: str, appointed_by: User | None, display_name: str = ""
) -> tuple[User, bool]:
    """Make the person with this e-mail a facilitator of the site. Returns (person, invited).

    Someone unknown (or who never set a password) is created and invited by e-mail; the
    invitation leads to the site page.
    """
    person, _created = invitations.person_get_or_create(email=email, display_name=display_name)
    if site.facilitators.filter(pk=person.pk).exists():
        raise FacilitatorAlreadyAppointed(person.email)
    site.facilitators.add(person)
    invited = not person.has_usable_password()
    if invited:
        invitations.invitation_create(
            person=person,
            invited_by=appointed_by,
            next_url=reverse("challenges:site_detail", args=[site.pk]),
            purpose=(_("You are appointed facilitator of the site %(site)s.") % {"site": site})[:300],
        )
    return person, invited


def site_facilitator_remove(*, site: Site, person: User) -> None:
    site.facilitators.remove(person)
