"""Forms of the staff pages: editions, sites, themes, facilitators.

They only parse what was typed; the rules (dates in order, a place or a theme title once per edition,
a facilitator appointed once) are the services', whose errors the views show next to the field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from challenges.models import Edition, Site, Theme
from innovation.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _field(model: type[Model], name: str, **kwargs: Any) -> forms.Field:
    """The form field of a model field: its label, help text, length and choices, nothing more."""
    return model._meta.get_field(name).formfield(**kwargs)


class _ObjectForm(forms.Form):
    """A form over some fields of an object: ``instance`` fills it; ``changed()`` is what the person changed."""

    def __init__(self, *args: Any, instance: Model | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", model_to_dict(instance, fields=list(self.base_fields)))
        super().__init__(*args, **kwargs)

    def changed(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.changed_data}


class EditionForm(_ObjectForm):
    title = _field(Edition, "title")
    organiser = _field(Edition, "organiser", queryset=Organisation.objects.order_by("name"))
    starts_on = _field(Edition, "starts_on", widget=DateInput())
    ends_on = _field(Edition, "ends_on", widget=DateInput())
    description = _field(Edition, "description", widget=forms.Textarea(attrs={"rows": 4}))


class SiteForm(_ObjectForm):
    place = _field(Site, "place")
    starts_on = _field(Site, "starts_on", widget=DateInput(), help_text=_("Leave empty to use the edition’s dates."))
    ends_on = _field(Site, "ends_on", widget=DateInput(), help_text=_("Leave empty to use the edition’s dates."))
    description = _field(Site, "description", widget=forms.Textarea(attrs={"rows": 4}))
    participant_count = _field(Site, "participant_count", required=False)


class ThemeForm(_ObjectForm):
    title = _field(Theme, "title")
    description = _field(Theme, "description", widget=forms.Textarea(attrs={"rows": 3}))
    position = _field(Theme, "position", required=False)


class FacilitatorAppointForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Someone who has no account yet receives an invitation by e-mail."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    display_name = forms.CharField(
        label=_("Name"), max_length=150, required=False, help_text=_("Used only for a person who has no account yet.")
    )
