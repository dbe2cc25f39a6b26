"""``{{ share|percent }}``: a percentage as the page's language writes it."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.translation import gettext

register = template.Library()


@register.filter
def percent(value: Any, digits: Any = None) -> str:
    """« 50 % » in French (a no-break space before the sign), « 50% » in English; ``digits`` as ``floatformat``'s
    argument (``{{ score|percent:1 }}``: « 27,3 % »). Nothing for no value."""
    if value is None or value == "":
        return ""
    shown = floatformat(value, digits) if digits is not None else formats.number_format(value, use_l10n=True)
    return gettext("%(value)s%%") % {"value": shown}
