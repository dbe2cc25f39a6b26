"""The form of one action of an accompaniment plan."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grids.models import AccompanimentAction
from innovation.models import User


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    assignee = forms.ModelChoiceField(label=_("Who"), queryset=User.objects.none(), required=False)
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, such as 2026-12-15.")},
    )
    state = forms.ChoiceField(label=_("State"), choices=AccompanimentAction.State.choices)

    def __init__(self, *args: Any, team: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(pk__in=[person.pk for person in team])
