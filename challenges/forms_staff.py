"""Forms of the staff pages: editions, sites, themes, facilitators. They validate; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import Edition, Site, Theme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _check_dates(form: forms.Form, cleaned: dict) -> None:
    starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        form.add_error("ends_on", _("The last day cannot be before the first day."))


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["title", "organiser", "starts_on", "ends_on", "description"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = self.fields["organiser"].queryset.order_by("name")

    def clean(self):
        cleaned = super().clean()
        _check_dates(self, cleaned)
        return cleaned


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["place", "starts_on", "ends_on", "description"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "starts_on": _("Leave empty to use the edition’s dates."),
            "ends_on": _("Leave empty to use the edition’s dates."),
        }

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean_place(self):
        place = self.cleaned_data["place"].strip()
        others = Site.objects.filter(edition=self.edition, place__iexact=place).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This edition already has a site with this name."))
        return place

    def clean(self):
        cleaned = super().clean()
        _check_dates(self, cleaned)
        return cleaned


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["position"].required = False

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        others = Theme.objects.filter(edition=self.edition, title__iexact=title).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This edition already has a theme with this title."))
        return title


class FacilitatorAppointForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Someone who has no account yet receives an invitation by e-mail."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    display_name = forms.CharField(
        label=_("Name"), max_length=150, required=False, help_text=_("Used only for a person who has no account yet.")
    )

    def __init__(self, *args, site: Site, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.site.facilitators.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This person already facilitates this site."))
        return email
