"""Forms of the labs pages. They parse and check input; the services hold the rules and do the writes, and
their errors are shown next to the fields they name (:func:`form_add_service_errors`)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from innovation.models import Export
from labs.models import (
    AgendaItem,
    Authorisation,
    CoordinationDuty,
    LabSession,
    MethodPhase,
    Network,
    NetworkMembership,
    OnboardingStep,
    Resource,
    SkillRating,
    WorkshopLead,
)
from labs.selectors.skills import MatrixFilters

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
LEVELS = SkillRating.Level.choices


def form_add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` next to the fields it names (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


# --- Labs ---------------------------------------------------------------------------------------


class LabCreateForm(forms.Form):
    name = forms.CharField(label=_("Name of the lab"), max_length=200)
    organisation_name = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, help_text=_("For example “Région Occitanie”.")
    )
    territory = forms.CharField(label=_("Territory"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    network_name = forms.CharField(
        label=_("Name of its first network"), max_length=200, initial=_("Network of ambassadors")
    )
    network_kind = forms.ChoiceField(label=_("Kind of network"), choices=Network.Kind.choices)
    coordinator_email = forms.EmailField(
        label=_("Coordinator's e-mail address"),
        help_text=_("A person who already uses Défis is added at once; anybody else receives an invitation."),
    )
    coordinator_name = forms.CharField(label=_("Coordinator's name"), max_length=150, required=False)


class LabEditForm(forms.Form):
    territory = forms.CharField(label=_("Territory"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Markdown: **bold**, *italic*, lists with “-”."),
    )

    def __init__(self, *args: Any, people, duties: list[CoordinationDuty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duty_fields = []
        for duty in duties:
            holder = f"{duty.kind}_holder"
            description = f"{duty.kind}_description"
            self.fields[holder] = PersonChoiceField(
                label=_("Held by"), queryset=people, required=False, initial=duty.holder_id, empty_label=_("nobody yet")
            )
            self.fields[description] = forms.CharField(
                label=_("What it covers"),
                required=False,
                initial=duty.description,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.duty_fields.append((duty, self[holder], self[description]))


class PhaseForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=99)
    delete = forms.BooleanField(label=_("Remove this phase"), required=False)


PhaseFormSet = forms.formset_factory(PhaseForm, extra=2, max_num=20)


# --- Networks -----------------------------------------------------------------------------------------


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "kind", "description", "is_open"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("Why do you want to join?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your experience, what you would bring, the time you can give: the coordinators read it."),
        error_messages={"required": _("Say in a few words why you want to join.")},
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    display_name = forms.CharField(
        label=_("Name"), max_length=150, required=False, help_text=_("For a person who does not use Défis yet.")
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=NetworkMembership.Role.choices, initial=NetworkMembership.Role.AMBASSADOR
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=NetworkMembership.Role.choices)


class ValueForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=80, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=99)
    at_risk = forms.BooleanField(label=_("At risk inside the administration"), required=False)
    risk_note = forms.CharField(label=_("Why it is at risk"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    delete = forms.BooleanField(label=_("Remove this value"), required=False)


ValueFormSet = forms.formset_factory(ValueForm, extra=1, max_num=30)


class CharterForm(forms.Form):
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Text of the charter"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown: a line per commitment, starting with “-”."),
    )
    summary = forms.CharField(
        label=_("Summary of changes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed and why: members read it before accepting again."),
    )


class NetworkExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(value, label) for value, label in Export.Format.choices if value != Export.Format.PDF],
        widget=forms.RadioSelect,
        initial=Export.Format.XLSX,
    )


# --- Skills, interviews, authorisation --------------------------------------------------------------------


class SkillsForm(forms.Form):
    brings_commission = forms.BooleanField(label=_("I would bring a commission from my own department"), required=False)
    commission_idea = forms.CharField(
        label=_("Which project?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In a sentence: the lab could work on it with your department as commissioner."),
    )

    def __init__(self, *args: Any, phases: list[MethodPhase], ratings: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.phase_rows = []
        for phase in phases:
            rating = ratings.get(phase.pk)
            names = (f"competence_{phase.pk}", f"appetence_{phase.pk}", f"comment_{phase.pk}")
            self.fields[names[0]] = forms.TypedChoiceField(
                label=_("Competence"), choices=LEVELS, coerce=int, initial=rating.competence if rating else 0,
                widget=forms.RadioSelect,
            )  # fmt: skip
            self.fields[names[1]] = forms.TypedChoiceField(
                label=_("Appetence"), choices=LEVELS, coerce=int, initial=rating.appetence if rating else 0,
                widget=forms.RadioSelect,
            )  # fmt: skip
            self.fields[names[2]] = forms.CharField(
                label=_("Comment"), max_length=500, required=False, initial=rating.comment if rating else ""
            )
            self.phase_rows.append((phase, *(self[name] for name in names)))


class InterviewForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Appetences, competences, wishes per phase. Seen only by the member and the coordinators."),
    )


class AuthorisationForm(forms.ModelForm):
    file = forms.FileField(
        label=_("Signed authorisation"),
        required=False,
        help_text=_("A PDF or an image (PNG, JPEG), 10 MB at most."),
        # A plain input: the clearable one would print the file's storage URL, which only the guarded view serves.
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.gif,.webp"}),
    )

    class Meta:
        model = Authorisation
        fields = [
            "manager_name",
            "manager_email",
            "status",
            "requested_on",
            "valid_from",
            "valid_until",
            "days_per_month",
        ]
        widgets = {"requested_on": DATE, "valid_from": DATE, "valid_until": DATE}
        help_texts = {"days_per_month": _("For example 2 or 1.5.")}

    def _post_clean(self) -> None:
        """The service validates and writes; the instance shown beside the form stays as stored."""


# --- Onboarding ---------------------------------------------------------------------------------------


class JourneyForm(forms.Form):
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title of the journey"), max_length=200)
    summary = forms.CharField(label=_("Summary of changes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StepForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=99)
    kind = forms.ChoiceField(label=_("Kind"), choices=OnboardingStep.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    resource = forms.ModelChoiceField(
        label=_("Resource of the library"), queryset=Resource.objects.none(), required=False
    )
    requires_attestation = forms.BooleanField(label=_("A coordinator attests it"), required=False)
    delete = forms.BooleanField(label=_("Remove this step"), required=False)

    def __init__(self, *args: Any, resources=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if resources is not None:
            self.fields["resource"].queryset = resources


StepFormSet = forms.formset_factory(StepForm, extra=1, max_num=20)


# --- Sessions ----------------------------------------------------------------------------------------


class SessionForm(forms.ModelForm):
    class Meta:
        model = LabSession
        fields = ["number", "title", "place", "starts_on", "ends_on", "synthesis", "next_meeting_on", "next_meeting"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "next_meeting_on": DATE,
            "synthesis": forms.Textarea(attrs={"rows": 5}),
        }

    def _post_clean(self) -> None:
        """The service validates (one path for every rule); the model's own checks would repeat it."""


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["day", "starts_at", "ends_at", "kind", "title", "speakers", "description"]
        widgets = {"starts_at": TIME, "ends_at": TIME, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, session: LabSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"] = forms.TypedChoiceField(
            label=_("Day"),
            choices=[(day.isoformat(), date_format(day, "l j F Y")) for day in session.days],
            coerce=datetime.date.fromisoformat,
        )
        if self.instance.pk:
            self.initial["day"] = self.instance.day.isoformat()

    def _post_clean(self) -> None:
        """The service checks the slot (days, times, overlaps)."""


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, rows, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(row.person.pk), str(row.person)) for row in rows]
        if not self.is_bound:
            self.initial["present"] = [str(row.person.pk) for row in rows if row.attended]


# --- Workshops -------------------------------------------------------------------------------------------


class WorkshopForm(forms.Form):
    series = forms.CharField(label=_("Series"), max_length=80, help_text=_("For example: Atelier 2."))
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("For example: Emergence."))
    session = forms.ModelChoiceField(
        label=_("Lab session"), queryset=LabSession.objects.none(), required=False, empty_label=_("no session")
    )
    venue = forms.CharField(
        label=_("Or: site or event"),
        max_length=200,
        required=False,
        help_text=_("When the workshop is not part of a lab session: where it took place."),
    )
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = PersonChoiceField(label=_("Owner"), queryset=None, required=False, empty_label=_("a guest"))
    owner_name = forms.CharField(label=_("Or: the owner's name, for a guest"), max_length=200, required=False)
    people = PeopleChoiceField(
        label=_("Participants who use Défis"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Guests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line, for participants who do not use Défis."),
    )

    def __init__(self, *args: Any, sessions, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["owner"].queryset = people
        self.fields["people"].queryset = people

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["guests"] = [line for line in data.get("guests", "").splitlines() if line.strip()]
        return data


class NoteSectionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # The revision the note-taker read before keeping their version over another's (the conflict's button).
    overwrite = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    text = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 6}))


class NoteSectionAddForm(forms.Form):
    title = forms.CharField(label=_("Title of the new section"), max_length=200)


class SynthesisForm(forms.Form):
    proposal = forms.CharField(label=_("Proposal"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    audience = forms.CharField(label=_("Who it is for"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    stakes = forms.CharField(label=_("Stakes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    success_conditions = forms.CharField(
        label=_("Conditions of success"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LeadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of lead"), choices=WorkshopLead.Kind.choices)
    text = forms.CharField(label=_("Lead"), max_length=500)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    resource = forms.ModelChoiceField(
        label=_("Resource of the library"), queryset=Resource.objects.none(), required=False
    )

    def __init__(self, *args: Any, resources, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources


class NextStepForm(forms.Form):
    action = forms.CharField(label=_("Next step"), max_length=300)
    owner = PersonChoiceField(label=_("Taken on by"), queryset=None, required=False, empty_label=_("a guest"))
    owner_name = forms.CharField(label=_("Or: a guest's name"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)

    def __init__(self, *args: Any, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


# --- Library ---------------------------------------------------------------------------------------------


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Section"), choices=Resource.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Markdown.")
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    phases = forms.ModelMultipleChoiceField(
        label=_("Method phases"),
        queryset=MethodPhase.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, phases, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phases"].queryset = phases


class LibraryFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Section"), required=False, choices=[("", _("all")), *Resource.Kind.choices])
    phase = forms.ModelChoiceField(
        label=_("Method phase"), queryset=MethodPhase.objects.none(), required=False, empty_label=_("all")
    )

    def __init__(self, *args: Any, phases, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = phases


class MatrixFilterForm(forms.Form):
    query = forms.CharField(label=_("Name or organisation"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("all")), *NetworkMembership.Role.choices])
    phase = forms.ModelChoiceField(
        label=_("Phase"), queryset=MethodPhase.objects.none(), required=False, empty_label=_("any")
    )
    min_competence = forms.TypedChoiceField(
        label=_("Competence at least"), choices=LEVELS, coerce=int, required=False, empty_value=0
    )
    min_appetence = forms.TypedChoiceField(
        label=_("Appetence at least"), choices=LEVELS, coerce=int, required=False, empty_value=0
    )
    brings_commission = forms.BooleanField(label=_("Would bring a commission"), required=False)

    def __init__(self, *args: Any, phases, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = phases

    def filters(self) -> MatrixFilters:
        if not self.is_valid():
            return MatrixFilters()
        data = self.cleaned_data
        return MatrixFilters(
            query=data.get("query", "").strip(),
            role=data.get("role") or "",
            brings_commission=bool(data.get("brings_commission")),
            phase=data["phase"].pk if data.get("phase") else None,
            min_competence=data.get("min_competence") or 0,
            min_appetence=data.get("min_appetence") or 0,
        )


# --- Commissions ----------------------------------------------------------------------------------


class CommissionForm(forms.Form):
    case = forms.CharField(label=_("Case"), max_length=40, required=False, help_text=_("For example: case no. 3."))
    title = forms.CharField(label=_("Title"), max_length=200)
    commissioner_name = forms.CharField(label=_("Commissioner's name"), max_length=200, required=False)
    commissioner_department = forms.CharField(label=_("Commissioner's department"), max_length=200, required=False)
    initial_request = forms.CharField(label=_("Initial request"), widget=forms.Textarea(attrs={"rows": 3}))
    initial_output = forms.CharField(
        label=_("Output first expected"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    phases = forms.ModelMultipleChoiceField(
        label=_("Phases needed"),
        queryset=MethodPhase.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mode = forms.ChoiceField(label=_("Mode of intervention"), choices=[])
    operator = forms.CharField(label=_("Operator"), max_length=200, required=False)
    budget_source = forms.CharField(
        label=_("Budget source"), max_length=200, required=False, help_text=_("For example: the experimentation fund.")
    )
    days_per_month = forms.DecimalField(
        label=_("Time per member (days per month)"), min_value=0.5, max_value=20, decimal_places=1, initial=1
    )

    def __init__(self, *args: Any, lab, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from labs.models import Commission

        self.fields["phases"].queryset = MethodPhase.objects.filter(lab=lab)
        self.fields["mode"].choices = Commission.Mode.choices


class CommissionerInviteForm(forms.Form):
    email = forms.EmailField(label=_("Commissioner's e-mail address"))
    display_name = forms.CharField(label=_("Name"), max_length=150, required=False)


class GridQuestionForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=[])
    text = forms.CharField(label=_("Question"), max_length=500)
    about_usefulness = forms.BooleanField(label=_("It questions the project's usefulness"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from labs.models import GridQuestion

        self.fields["section"].choices = GridQuestion.Section.choices


class GridSubmitForm(forms.Form):
    checker = PersonChoiceField(label=_("Member who checks the grid"), queryset=None)

    def __init__(self, *args: Any, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["checker"].queryset = people


class GridCopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Start from the grid of"), queryset=None)

    def __init__(self, *args: Any, grids, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = grids
        self.fields["source"].label_from_instance = lambda grid: f"{grid.commission.title} (v{grid.version})"


class GridCheckForm(forms.Form):
    notes = forms.CharField(label=_("Your notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class InterviewPlanForm(forms.Form):
    held_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    interviewers = PeopleChoiceField(label=_("Interviewers"), queryset=None, widget=forms.CheckboxSelectMultiple)
    interviewer_role = forms.CharField(
        label=_("Interviewers' role"), max_length=200, required=False, help_text=_("For example: facilitator.")
    )
    interviewees = forms.CharField(
        label=_("Interviewees"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line: name, then a comma and their role."),
    )

    def __init__(self, *args: Any, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = people

    def interviewee_rows(self) -> list[tuple[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("interviewees") or "").splitlines():
            name, _sep, role = line.partition(",")
            if name.strip():
                rows.append((name.strip()[:200], role.strip()[:200]))
        return rows


class SketchForm(forms.Form):
    image = forms.ImageField(label=_("Sketch (image)"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class ReformulationForm(forms.Form):
    title = forms.CharField(label=_("Title, after"), max_length=200, required=False)
    title_reason = forms.CharField(label=_("Why the title changes"), required=False)
    question = forms.CharField(label=_("Question, after"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    question_reason = forms.CharField(label=_("Why the question changes"), required=False)
    expected_output = forms.CharField(
        label=_("Expected output, after"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    expected_output_reason = forms.CharField(label=_("Why the expected output changes"), required=False)

    def changes(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {name: (data.get(name, ""), data.get(f"{name}_reason", "")) for name in ("title", "question",
                "expected_output")}  # fmt: skip


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("validate", _("I validate this reformulation")), ("comment", _("I comment, to be reworked"))],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), required=False
    )


class StaffingForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members to propose"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, memberships, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = memberships
        self.fields["members"].label_from_instance = lambda m: str(m.person)


class AbandonForm(forms.Form):
    reason = forms.CharField(label=_("Why it is abandoned"), widget=forms.Textarea(attrs={"rows": 2}))


class CommissionSessionsForm(forms.Form):
    """One purpose field per session of the lab; a session with a purpose accompanies the commission."""

    def __init__(self, *args: Any, sessions, current: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sessions = list(sessions)
        for session in self.sessions:
            self.fields[f"session_{session.pk}"] = forms.CharField(
                label=f"Session #{session.number} – {session.title} ({date_format(session.starts_on)})",
                max_length=300,
                required=False,
                initial=current.get(session.pk, ""),
                help_text=_("Its purpose for this commission; empty: it does not accompany it."),
            )

    def chosen(self) -> dict:
        return {s: self.cleaned_data[f"session_{s.pk}"] for s in self.sessions if self.cleaned_data[f"session_{s.pk}"]}
