"""A person's own settings that are not allauth's: the secret address of their calendar feed."""

from __future__ import annotations

import secrets

from innovation.models import User


def person_calendar_token_regenerate(*, person: User) -> str:
    """Give ``person``'s calendar feed a new secret address; the previous one stops working at once."""
    person.calendar_token = secrets.token_urlsafe(32)
    person.save(update_fields=["calendar_token"])
    return person.calendar_token
