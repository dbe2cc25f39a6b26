"""Forms of the grid editor, grid import and peer-review assignment (crispy, Bootstrap 5)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from grids.models import Criterion, Grid, GridStep


def _helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class GridForm(forms.ModelForm):
    """The grid's settings. The scale is typed one level per line; its rules (2 to 10 levels, a required
    level on the scale) are the service's, shown next to these fields."""

    levels = forms.CharField(
        label=_("Level scale"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One level per line, from the lowest (0) to the highest."),
    )

    class Meta:
        model = Grid
        fields = ["title", "description", "pass_level", "step_threshold"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["levels"] = "\n".join(str(level["label"]) for level in self.instance.levels)
        self.helper = _helper(_("Save the grid"))

    def clean_levels(self) -> list[dict]:
        labels = [line.strip() for line in self.cleaned_data["levels"].splitlines() if line.strip()]
        return [{"value": index, "label": label} for index, label in enumerate(labels)]


class StepForm(forms.ModelForm):
    class Meta:
        model = GridStep
        fields = ["title", "purpose", "guidance"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 2}), "guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the step"))


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["text", "help", "weight", "mandatory"]
        widgets = {"help": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the criterion"))


class GridDuplicateForm(forms.Form):
    title = forms.CharField(label=_("Title of the copy"), max_length=200, required=False)


class GridImportForm(forms.Form):
    file = forms.FileField(label=_("Grid file (JSON)"), help_text=_("A file exported from Défis."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Import the grid"))


class PeerReviewAssignForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the peer reviewer"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Assign the review"))
