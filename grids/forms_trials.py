"""Forms of the grid trials: start one on a site's challenges, vote on a criterion, conclude."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge
from grids.models import Grid, GridTrial, TrialVote


class TrialStartForm(forms.Form):
    grid = forms.ModelChoiceField(label=_("Grid version tried"), queryset=Grid.objects.none(), empty_label=None)
    challenges = forms.ModelMultipleChoiceField(
        label=_("Challenges it is tried on"),
        queryset=Challenge.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the challenges the grid is tried on.")},
    )

    def __init__(self, *args: Any, grids: Any, challenges: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grid"].queryset = grids
        self.fields["grid"].label_from_instance = lambda grid: f"{grid.title} (v{grid.version})"
        self.fields["challenges"].queryset = challenges
        self.fields["challenges"].label_from_instance = self._challenge_label

    @staticmethod
    def _challenge_label(challenge: Challenge) -> str:
        kind = f" · {challenge.get_nature_display()}" if challenge.nature else ""
        return str(challenge) + kind


class TrialVoteForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        label=_("Your vote"),
        choices=TrialVote.Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose relevant or to revisit.")},
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TrialConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=GridTrial.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the grid is validated.")},
    )
    conclusion = forms.CharField(
        label=_("Conclusion"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what the trial concluded.")},
    )
