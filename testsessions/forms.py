"""Forms of test sessions. They parse input; the services check the rules and their errors come back here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge
from innovation.forms import form_add_service_errors
from innovation.models import Export
from testsessions.models import Debrief, FeedbackQuestion, Profile, Stand

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
HONEYPOT = "website"


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial="Exposition des prototypes")
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For example “Salle polyvalente, rez-de-chaussée”."),
    )
    starts_at = forms.DateTimeField(
        label=_("Start"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS,
        error_messages={"required": _("Say when the session starts."), "invalid": _("Enter a date and a time.")},
    )  # fmt: skip
    ends_at = forms.DateTimeField(
        label=_("End"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS,
        error_messages={"required": _("Say when the session ends."), "invalid": _("Enter a date and a time.")},
    )  # fmt: skip


class StandAddForm(forms.Form):
    challenge = forms.ModelChoiceField(label=_("Challenge"), queryset=Challenge.objects.none())

    def __init__(self, *args: Any, challenges: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = challenges
        self.fields["challenge"].label_from_instance = lambda challenge: str(challenge)


class StandForm(forms.ModelForm):
    class Meta:
        model = Stand
        fields = ["location", "prototype", "questions"]
        widgets = {
            "location": forms.TextInput(attrs={"placeholder": _("Table 3, near the entrance")}),
            "prototype": forms.Textarea(attrs={"rows": 4}),
            "questions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "prototype": _("What testers read on their phone before answering: a few lines."),
            "questions": _("One question per line, five at most. Testers answer them in a few words."),
        }


class FeedbackGiveForm(forms.Form):
    """A tester's answers. Every field is optional here: the service says what is missing or wrong."""

    profile = forms.ChoiceField(
        label=_("You are…"), required=False, choices=[("", _("I'd rather not say")), *Profile.choices]
    )
    # Left empty by people, whom it is hidden from; filled by the robots that fill every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, questions: list[FeedbackQuestion], stand: Stand, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.team_questions = stand.team_questions
        for question in questions:
            self.fields[f"q_{question.key}"] = forms.CharField(
                label=question.text, required=False, help_text=question.help, max_length=2000
            )
        for index, text in enumerate(self.team_questions):
            self.fields[f"team_{index}"] = forms.CharField(label=text, required=False, max_length=2000)

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))

    def answers(self) -> dict[str, str]:
        return {question.key: self.cleaned_data.get(f"q_{question.key}", "") for question in self.questions}

    def team_answers(self) -> list[str]:
        return [self.cleaned_data.get(f"team_{index}", "") for index in range(len(self.team_questions))]

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            field = key if key in self.fields else f"q_{key}"
            self.add_error(field if field in self.fields else None, errors)

    def rows(self) -> list[dict[str, Any]]:
        """The questions in order, each with its bound field, for the template."""
        rows = []
        for question in self.questions:
            rows.append({"question": question, "field": self[f"q_{question.key}"]})
        return rows

    def team_rows(self) -> list[Any]:
        return [self[f"team_{index}"] for index in range(len(self.team_questions))]


class DebriefForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("After the test, the prototype is…"), choices=Debrief.Outcome.choices, widget=forms.RadioSelect
    )
    conclusions = forms.CharField(
        label=_("Our conclusions"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One conclusion per line: they are numbered in this order."),
        error_messages={"required": _("Write at least one conclusion.")},
    )

    def conclusion_list(self) -> list[str]:
        return [line for line in self.cleaned_data["conclusions"].splitlines() if line.strip()]


class ReportRequestForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=Export.Format.choices, widget=forms.RadioSelect, initial=Export.Format.PDF
    )


__all__ = ["DebriefForm", "FeedbackGiveForm", "ReportRequestForm", "SessionForm", "StandAddForm", "StandForm",
           "form_add_service_errors"]  # fmt: skip
