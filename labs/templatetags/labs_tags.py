"""Small helpers of the labs templates: labels of values kept as codes (in notifications), levels."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from labs.models import AgendaItem, Authorisation, Commission, CoordinationDuty, NetworkMembership

register = template.Library()

# The keys the services write in an audit entry's changes, as the history page names them.
AUDIT_FIELDS = {
    "name": _("name"),
    "description": _("description"),
    "position": _("order"),
    "at_risk": _("at risk"),
    "risk_note": _("why it is at risk"),
    "version": _("version"),
    "summary": _("summary of changes"),
    "role": _("role"),
    "status": _("status"),
    "manager": _("manager's name"),
    "requested_on": _("requested on"),
    "valid_from": _("valid from"),
    "valid_until": _("valid until"),
    "days_per_month": _("time allowance (days per month)"),
    "file": _("signed authorisation"),
    "held_on": _("held on"),
    "steps": _("onboarding steps"),
    "phases": _("method phases"),
    "open": _("open to volunteers"),
    "kind": _("kind"),
    "territory": _("territory"),
    "state": _("state"),
    **dict(CoordinationDuty.Kind.choices),
}
# Values the services keep as codes, by the key they write them under: the history shows their labels.
AUDIT_VALUES = {
    "state": dict(Commission.State.choices),
    "role": dict(NetworkMembership.Role.choices),
    "status": dict(Authorisation.Status.choices),
}
# Keys that tie an entry to its row for the pages that read it (a commission's timeline), not for people.
AUDIT_REFERENCES = {"commission"}


@register.filter
def role_label(value: str) -> Any:
    """``coordinator`` → « Coordinateur·rice », in the language being rendered (e-mails, summaries)."""
    try:
        return NetworkMembership.Role(value).label
    except ValueError:
        return value


@register.filter
def agenda_kind_label(value: str) -> Any:
    try:
        return AgendaItem.Kind(value).label
    except ValueError:
        return value


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}``: a dict's value in a template."""
    return mapping.get(key) if mapping is not None else None


def audit_field(key: str) -> Any:
    """An audit entry's field, as words (``organisation_description`` reads as its duty)."""
    if key.endswith("_description") and key.removesuffix("_description") in CoordinationDuty.Kind.values:
        return CoordinationDuty.Kind(key.removesuffix("_description")).label
    return AUDIT_FIELDS.get(key, key)


@register.filter
def audit_details(changes: dict[str, Any]) -> list[tuple[Any, Any, Any]]:
    """An audit entry's changes as (field, before, after) in words: codes become their labels, and the keys
    that only tie the entry to its row are left out."""
    details = []
    for key, change in (changes or {}).items():
        if key in AUDIT_REFERENCES or not isinstance(change, list | tuple) or len(change) != 2:
            continue
        labels = AUDIT_VALUES.get(key, {})
        before, after = (labels.get(value, value) if isinstance(value, str) else value for value in change)
        details.append((audit_field(key), before, after))
    return details
