"""Staff set up editions, their sites and themes, and appoint site facilitators.

The rules live here and raise ``ValidationError`` keyed by field, so a form shows them next to the
right field: an edition or a site ends on or after its first day; a place names one site, and a title
one theme, within an edition (whatever the case); a person is appointed once to a site.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from challenges.models import Edition, Site, SiteProgrammeItem, Theme
from innovation.markdown import markdown_store
from innovation.models import Organisation, User
from innovation.services import invitations

EDITION_FIELDS = ("title", "organiser", "starts_on", "ends_on", "description")
SITE_FIELDS = ("place", "starts_on", "ends_on", "description", "participant_count")
THEME_FIELDS = ("title", "description", "position")

FACILITATOR_PURPOSE = gettext_noop("You are appointed facilitator of the site %(place)s (%(edition)s).")


# --- Rules ------------------------------------------------------------------


def _dates_errors(starts_on: datetime.date | None, ends_on: datetime.date | None) -> dict[str, ValidationError]:
    if starts_on and ends_on and ends_on < starts_on:
        return {"ends_on": ValidationError(_("The last day cannot be before the first day."), code="dates_order")}
    return {}


def _place_errors(*, edition: Edition, place: str, exclude_pk: int | None) -> dict[str, ValidationError]:
    if not place:
        return {"place": ValidationError(_("Name the place of the site."), code="required")}
    others = Site.objects.filter(edition=edition, place__iexact=place).exclude(pk=exclude_pk)
    if others.exists():
        return {"place": ValidationError(_("This edition already has a site with this name."), code="place_taken")}
    return {}


def _title_errors(*, edition: Edition, title: str, exclude_pk: int | None) -> dict[str, ValidationError]:
    if not title:
        return {"title": ValidationError(_("Give the theme a title."), code="required")}
    others = Theme.objects.filter(edition=edition, title__iexact=title).exclude(pk=exclude_pk)
    if others.exists():
        return {"title": ValidationError(_("This edition already has a theme with this title."), code="title_taken")}
    return {}


def _raise(errors: dict[str, ValidationError]) -> None:
    if errors:
        raise ValidationError(errors)


def _save(obj: Model, *, check: Callable[[], dict[str, ValidationError]], **save_kwargs: Any) -> None:
    """Save, turning a row that a concurrent request wrote meanwhile into the same message as the check."""
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
    except IntegrityError:
        _raise(check())
        raise


def _assign(obj: Model, fields: dict[str, Any], allowed: tuple[str, ...], function: str) -> None:
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"{function}() got an unexpected field {name!r}")
        setattr(obj, name, value)


# --- Editions ---------------------------------------------------------------


def edition_create(
    *,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    organiser: Organisation | None = None,
    description: str = "",
) -> Edition:
    _raise(_dates_errors(starts_on, ends_on))
    edition = Edition(
        title=title.strip(), organiser=organiser, starts_on=starts_on, ends_on=ends_on, description=description
    )
    markdown_store(edition, "description")
    edition.save()
    return edition


def edition_update(*, edition: Edition, **fields: Any) -> Edition:
    _raise(_dates_errors(fields.get("starts_on", edition.starts_on), fields.get("ends_on", edition.ends_on)))
    _assign(edition, fields, EDITION_FIELDS, "edition_update")
    rendered = markdown_store(edition, "description") if "description" in fields else []
    edition.save(update_fields=[*fields, *rendered])
    return edition


# --- Sites ------------------------------------------------------------------


def site_create(
    *,
    edition: Edition,
    place: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    description: str = "",
    participant_count: int | None = None,
) -> Site:
    place = " ".join(place.split())
    starts_on, ends_on = starts_on or edition.starts_on, ends_on or edition.ends_on
    _raise({**_place_errors(edition=edition, place=place, exclude_pk=None), **_dates_errors(starts_on, ends_on)})
    site = Site(
        edition=edition,
        place=place,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
        participant_count=participant_count,
    )
    _save(site, check=lambda: _place_errors(edition=edition, place=place, exclude_pk=None))
    return site


def site_update(*, site: Site, **fields: Any) -> Site:
    if "place" in fields:
        fields["place"] = " ".join(fields["place"].split())
    place = fields.get("place", site.place)
    _raise(
        {
            **_place_errors(edition=site.edition, place=place, exclude_pk=site.pk),
            **_dates_errors(fields.get("starts_on", site.starts_on), fields.get("ends_on", site.ends_on)),
        }
    )
    _assign(site, fields, SITE_FIELDS, "site_update")
    _save(
        site,
        check=lambda: _place_errors(edition=site.edition, place=place, exclude_pk=site.pk),
        update_fields=list(fields),
    )
    return site


# --- Themes -----------------------------------------------------------------


def theme_create(*, edition: Edition, title: str, description: str = "", position: int | None = None) -> Theme:
    title = " ".join(title.split())
    _raise(_title_errors(edition=edition, title=title, exclude_pk=None))
    if position is None:
        position = Theme.objects.filter(edition=edition).count() + 1
    theme = Theme(edition=edition, title=title, description=description, position=position)
    _save(theme, check=lambda: _title_errors(edition=edition, title=title, exclude_pk=None))
    return theme


def theme_update(*, theme: Theme, **fields: Any) -> Theme:
    if fields.get("position", 0) is None:
        del fields["position"]  # an emptied position keeps the theme where it is
    if "title" in fields:
        fields["title"] = " ".join(fields["title"].split())
    title = fields.get("title", theme.title)
    _raise(_title_errors(edition=theme.edition, title=title, exclude_pk=theme.pk))
    _assign(theme, fields, THEME_FIELDS, "theme_update")
    _save(
        theme,
        check=lambda: _title_errors(edition=theme.edition, title=title, exclude_pk=theme.pk),
        update_fields=list(fields),
    )
    return theme


# --- Facilitators -----------------------------------------------------------


@transaction.atomic
def site_facilitator_appoint(
    *, site: Site, email: str, appointed_by: User | None, display_name: str = ""
) -> tuple[User, bool]:
    """Make the person with this e-mail a facilitator of the site. Returns (person, invited).

    Someone unknown (or who never set a password) is created and invited by e-mail; the
    invitation leads to the site page.
    """
    if site.facilitators.filter(email__iexact=email.strip()).exists():
        raise ValidationError(
            {"email": ValidationError(_("This person already facilitates this site."), code="already_appointed")}
        )
    person, _created = invitations.person_get_or_create(email=email, display_name=display_name)
    site.facilitators.add(person)
    invited = not person.has_usable_password()
    if invited:
        invitations.invitation_create(
            person=person,
            invited_by=appointed_by,
            next_url=reverse("challenges:site_detail", args=[site.pk]),
            purpose=FACILITATOR_PURPOSE,
            purpose_params={"place": site.place, "edition": site.edition.title},
        )
    return person, invited


def site_facilitator_remove(*, site: Site, person: User) -> None:
    site.facilitators.remove(person)


# --- A site's programme (issue 15) ---------------------------------------------


def _programme_item_clean(*, site: Site, kind: str, title: str, starts_at: datetime.datetime | None) -> str:
    """The moment's title, tidied; a moment starts during the site's days (the edition's, if the site has none)."""
    title = " ".join((title or "").split())
    errors = {}
    if kind not in SiteProgrammeItem.Kind.values:
        errors["kind"] = ValidationError(_("Choose a kind of moment."), code="invalid")
    if not title:
        errors["title"] = ValidationError(_("Give the moment a title."), code="required")
    if starts_at is not None:
        first, last = (
            (site.starts_on, site.ends_on) if site.starts_on else (site.edition.starts_on, site.edition.ends_on)
        )
        if not first <= timezone.localtime(starts_at).date() <= (last or first):
            errors["starts_at"] = ValidationError(
                _("The moment must take place during the site, from %(first)s to %(last)s."),
                code="outside_the_site",
                params={"first": date_format(first, "j F Y"), "last": date_format(last or first, "j F Y")},
            )
    _raise(errors)
    return title


def site_programme_item_add(
    *, site: Site, kind: str, title: str, starts_at: datetime.datetime | None = None
) -> SiteProgrammeItem:
    """Add a moment to the site's programme (an introductory talk, the collective feedback, a mini-talk...)."""
    title = _programme_item_clean(site=site, kind=kind, title=title, starts_at=starts_at)
    position = (site.programme.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return SiteProgrammeItem.objects.create(site=site, kind=kind, title=title, starts_at=starts_at, position=position)


def site_programme_item_update(
    *, item: SiteProgrammeItem, kind: str, title: str, starts_at: datetime.datetime | None = None
) -> SiteProgrammeItem:
    """Change a moment of the programme (same rules as when added)."""
    item.title = _programme_item_clean(site=item.site, kind=kind, title=title, starts_at=starts_at)
    item.kind = kind
    item.starts_at = starts_at
    item.save(update_fields=["kind", "title", "starts_at"])
    return item


def site_programme_item_remove(*, item: SiteProgrammeItem) -> None:
    item.delete()
