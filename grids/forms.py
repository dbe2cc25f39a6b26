"""Forms of the grid editor, grid import and peer-review assignment (crispy, Bootstrap 5)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grids.models import Answer, Criterion, Grid, GridStep
from grids.services.assessments import JUSTIFICATION_MAX, level_choice_error


def _helper(label: str) -> FormHelper:
    """The form tag of the grids' forms: checked by the server, whose messages are in French next to the fields."""
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
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
        fields = ["text", "help", "weight", "mandatory", "revisit_note"]
        widgets = {"help": forms.Textarea(attrs={"rows": 2}), "revisit_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the criterion"))
        if self.instance.pk is None:  # a new criterion has not been tried yet
            del self.fields["revisit_note"]


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


class AssessmentStartForm(forms.Form):
    """Start an assessment: the grid (the default one when none is posted) and, for a re-assessment,
    whether to begin from the answers of the previous submitted one."""

    grid = forms.ModelChoiceField(
        label=_("Criteria grid"),
        queryset=Grid.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose a grid from the list.")},
    )
    from_previous = forms.BooleanField(label=_("Start from my previous submitted answers"), required=False)

    def __init__(self, *args, grids: QuerySet[Grid], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid"].queryset = grids


def _level_field(grid: Grid) -> forms.ChoiceField:
    choices = [("", "")] + [(str(level["value"]), level["label"]) for level in grid.levels]
    choices += [(Answer.Special.NOT_APPLICABLE.value, ""), (Answer.Special.UNKNOWN.value, "")]
    return forms.ChoiceField(
        choices=choices, required=False, error_messages={"invalid_choice": level_choice_error(grid=grid)}
    )


def _justification_field() -> forms.CharField:
    # CharField refuses a NUL byte (ProhibitNullCharactersValidator) with its own French message.
    return forms.CharField(
        required=False,
        max_length=JUSTIFICATION_MAX,
        error_messages={
            "max_length": _("The justification is too long (at most %(max)s characters).") % {"max": JUSTIFICATION_MAX}
        },
    )


class AnswersForm(forms.Form):
    """The answers posted for an assessment, parsed field by field: ``level-<id>`` and ``justification-<id>``.

    Only the criteria of the assessment's grid have fields; a posted ``level-…`` or ``justification-…`` name
    that is not one of them (``level-²``, another grid's criterion) is refused as a whole-form error.
    ``entries()`` gives the service what was posted; ``errors_by_criterion()`` what to show next to each one.
    """

    PREFIXES = ("level-", "justification-")

    def __init__(self, data, *, grid: Grid, criterion_ids: list[int], **kwargs):
        super().__init__(data, **kwargs)
        self.criterion_ids = list(criterion_ids)
        for criterion_id in self.criterion_ids:
            self.fields[f"level-{criterion_id}"] = _level_field(grid)
            self.fields[f"justification-{criterion_id}"] = _justification_field()

    def clean(self):
        cleaned = super().clean()
        unknown = [key for key in self.data if key.startswith(self.PREFIXES) and key not in self.fields]
        if unknown:
            raise forms.ValidationError(
                _("This criterion is not part of the grid of this assessment."), code="unknown_criterion"
            )
        return cleaned

    def entries(self) -> dict[int, tuple[str, str]]:
        """``{criterion_id: (level, justification)}`` for the criteria posted (valid form only)."""
        return {
            criterion_id: (
                self.cleaned_data[f"level-{criterion_id}"],
                self.cleaned_data[f"justification-{criterion_id}"],
            )
            for criterion_id in self.criterion_ids
            if f"level-{criterion_id}" in self.data or f"justification-{criterion_id}" in self.data
        }

    def raw_entries(self) -> dict[int, tuple[str, str]]:
        """What was typed, as typed (to show it again when the page comes back with an error)."""
        return {
            criterion_id: (
                str(self.data.get(f"level-{criterion_id}", "")),
                str(self.data.get(f"justification-{criterion_id}", "")).replace("\x00", ""),
            )
            for criterion_id in self.criterion_ids
            if f"level-{criterion_id}" in self.data or f"justification-{criterion_id}" in self.data
        }

    def errors_by_criterion(self) -> dict[int, str]:
        errors: dict[int, list[str]] = {}
        for name, messages in self.errors.items():
            prefix, _sep, suffix = name.partition("-")
            if prefix in ("level", "justification"):
                criterion_id = next(pk for pk in self.criterion_ids if str(pk) == suffix)
                errors.setdefault(criterion_id, []).extend(messages)
        return {criterion_id: " ".join(messages) for criterion_id, messages in errors.items()}
