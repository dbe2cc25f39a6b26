"""Forms of the projects assessed before they are challenges (issue 15)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import Site


class ProjectForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the project"),
        max_length=200,
        error_messages={"required": _("Give the project a title.")},
    )
    description = forms.CharField(
        label=_("What the project is about"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Its territory, its users, where it stands."),
    )


class ProjectChallengeForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Site of the challenge"), queryset=Site.objects.none(), empty_label=None)
    number = forms.IntegerField(
        label=_("Number of the challenge on the site"),
        min_value=1,
        max_value=999,
        error_messages={"required": _("Give the challenge a number.")},
    )
    question = forms.CharField(
        label=_("Working question"),
        max_length=500,
        help_text=_("“Comment … ?”"),
        error_messages={"required": _("Write the working question of the challenge.")},
    )

    def __init__(self, *args: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = lambda site: f"{site.edition.title} · {site.place}"
