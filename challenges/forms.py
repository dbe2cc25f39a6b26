"""Forms of the facilitator pages. They parse and check input; the services hold the rules and do the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge, ChallengeAttachment, Site, SiteProgrammeItem, TeamMembership, Theme
from challenges.models.challenges import Phase
from challenges.selectors.challenges import SiteFilters, edition_themes
from challenges.services import uploads
from challenges.services.challenges import AttachmentInput, LinkInput, attachment_check

ACCEPT_ATTACHMENTS = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"


class ChallengeForm(forms.ModelForm):
    """The description of a challenge. The question is set here on creation only: later it is reformulated."""

    organisation = forms.CharField(
        label=_("Owner organisation"),
        max_length=200,
        help_text=_("For example “Ville de Rennes”. A new name creates the organisation."),
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off"}),
    )

    class Meta:
        model = Challenge
        # "organisation" is the declared name field above: the service finds or creates the organisation.
        fields = [
            "number",
            "question",
            "subject",
            "theme",
            "nature",
            "territory",
            "territory_communes",
            "territory_inhabitants",
            "stakes",
            "stakeholders",
            "users",
            "obstacles",
            "levers",
        ]
        widgets = {
            "stakes": forms.Textarea(attrs={"rows": 3}),
            "stakeholders": forms.Textarea(attrs={"rows": 3}),
            "users": forms.Textarea(attrs={"rows": 3}),
            "obstacles": forms.Textarea(attrs={"rows": 3}),
            "levers": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"users": _("Service users")}
        help_texts = {
            "stakes": _("Markdown: **bold**, *italic*, lists with “-”."),
            "stakeholders": _("Markdown."),
            "users": _("Markdown."),
            "obstacles": _("Markdown."),
            "levers": _("Markdown."),
        }

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.site = site
        self.fields["number"].widget.attrs.update({"min": 1, "max": 32767})
        # Any theme parses; the service refuses one of another edition, next to the field. Only the
        # edition's themes are offered.
        theme = self.fields["theme"]
        theme.queryset = Theme.objects.all()
        theme.widget.choices = [
            ("", theme.empty_label),
            *((t.pk, t.title) for t in edition_themes(edition_id=site.edition_id)),
        ]
        theme.error_messages["invalid_choice"] = _("Choose a theme of this edition.")
        if self.instance.pk:
            self.fields["organisation"].initial = self.instance.organisation.name
            del self.fields["question"]
        else:
            self.fields["question"].error_messages["required"] = _("Write the working question of the challenge.")
            self.fields["question"].widget.attrs["placeholder"] = _("How might we … ?")

    def description(self) -> dict[str, Any]:
        """The cleaned fields of the challenge, for the service."""
        return {name: value for name, value in self.cleaned_data.items() if name != "organisation"}


class FigureForm(forms.Form):
    label = forms.CharField(label=_("Figure"), max_length=100, required=False)
    value = forms.CharField(label=_("Value"), max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        label, value = (cleaned.get("label") or "").strip(), (cleaned.get("value") or "").strip()
        if bool(label) != bool(value):
            raise ValidationError(_("Give both the figure and its value."))
        return cleaned


class LinkForm(forms.Form):
    title = forms.CharField(label=_("Link title"), max_length=200, required=False)
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the address of the link."))
        return cleaned


class AttachmentForm(forms.Form):
    """A file and its title. A valid file survives a page that comes back with an error (see ``held``)."""

    title = forms.CharField(label=_("File title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, image or office document, 10 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTACHMENTS}),
    )
    # The token of a file received with an earlier submission of this page (challenges.services.uploads).
    held = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, person_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person_id = person_id

    @property
    def held_name(self) -> str:
        """The name of the file kept from an earlier submission, to show next to the field."""
        token = self.data.get(self.add_prefix("held"), "") if self.is_bound else ""
        return uploads.upload_token_name(token=token) if token else ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            attachment_check(file=upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        token = cleaned.get("held")
        if token and not cleaned.get("file") and "file" not in self.errors:
            held = uploads.upload_held(token=token, person_id=self.person_id) if self.person_id else None
            if held is None:
                self.add_error("file", _("The file sent earlier is no longer available: choose it again."))
            else:
                cleaned["file"] = held
        return cleaned

    def hold(self) -> None:
        """Keep a valid file just received, for the next submission of the page (call it when the page fails)."""
        upload = getattr(self, "cleaned_data", {}).get("file")
        if not isinstance(upload, UploadedFile) or self.has_error("file") or not self.person_id:
            return  # nothing received, a refused file, or a file already held
        self.data = self.data.copy()
        self.data[self.add_prefix("held")] = uploads.upload_hold(file=upload, person_id=self.person_id)


class NumberedRowsFormSet(forms.BaseFormSet):
    """Rows whose fields are named after their row ("Value (row 2)"), so no two fields share one name."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)
        for field in form.fields.values():
            if field.label and not isinstance(field.widget, forms.HiddenInput):
                field.label = _("%(label)s (row %(number)s)") % {"label": field.label, "number": i + 1}
        return form


FigureFormSet = formset_factory(FigureForm, formset=NumberedRowsFormSet, extra=3, max_num=30, validate_max=True)
LinkFormSet = formset_factory(LinkForm, formset=NumberedRowsFormSet, extra=2, max_num=30, validate_max=True)
AttachmentFormSet = formset_factory(AttachmentForm, formset=NumberedRowsFormSet, extra=2, max_num=10, validate_max=True)


def attachments_hold(formset: forms.BaseFormSet) -> None:
    """Keep the valid files of ``formset``: its page came back with an error (nothing is chosen again)."""
    for form in formset.forms:
        form.hold()


def figures_from(formset: forms.BaseFormSet) -> list[dict[str, str]]:
    return [
        {"label": f.cleaned_data["label"].strip(), "value": f.cleaned_data["value"].strip()}
        for f in formset.forms
        if f.cleaned_data.get("label")
    ]


def links_from(formset: forms.BaseFormSet) -> list[LinkInput]:
    return [
        LinkInput(title=f.cleaned_data.get("title") or f.cleaned_data["url"], url=f.cleaned_data["url"])
        for f in formset.forms
        if f.cleaned_data.get("url")
    ]


def attachments_from(formset: forms.BaseFormSet, *, phase: str = "") -> list[AttachmentInput]:
    return [
        AttachmentInput(
            title=f.cleaned_data.get("title") or f.cleaned_data["file"].name, file=f.cleaned_data["file"], phase=phase
        )
        for f in formset.forms
        if f.cleaned_data.get("file")
    ]


class RemoveAttachmentsForm(forms.Form):
    remove = forms.ModelMultipleChoiceField(
        label=_("Remove these files"),
        queryset=ChallengeAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, challenge: Challenge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["remove"].queryset = challenge.attachments.all()


class PhaseContentForm(forms.Form):
    text = forms.CharField(label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    learnings = forms.CharField(label=_("What was learnt"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    LABELS = {
        Phase.IDEATION: _("Key ideas"),
        Phase.SELECTED_IDEA: _("Selected idea"),
        Phase.PROTOTYPE: _("Description of the prototype"),
        Phase.TEST: _("How the prototype was tested"),
        Phase.DEBRIEF: _("Conclusions"),
    }

    def __init__(self, *args: Any, phase: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = self.LABELS[Phase(phase)]
        self.fields["text"].help_text = _("Markdown.")
        if phase != Phase.TEST:
            del self.fields["learnings"]
        else:
            self.fields["learnings"].help_text = _("Markdown.")


class MovePhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Current phase"), choices=Phase.choices)
    # Set by the confirmation page: going back to an earlier phase is asked twice.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Challenge.Status.choices)
    # Set by the confirmation page: taking a published challenge back to draft is asked twice.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReformulateForm(forms.Form):
    question = forms.CharField(
        label=_("New working question"),
        max_length=500,
        error_messages={"required": _("Write the new question.")},
        widget=forms.TextInput(attrs={"placeholder": _("How might we … ?")}),
    )
    reason = forms.CharField(
        label=_("Why does the question change?"),
        max_length=2000,
        error_messages={"required": _("Say why the question changes.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TeamInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    display_name = forms.CharField(
        label=_("Name"), max_length=150, required=False, help_text=_("For a person who has no account yet.")
    )
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=TeamMembership.Role.choices, initial=TeamMembership.Role.OWNER)


class SiteFilterForm(forms.Form):
    """Parses the filters of a site page; an unknown value is ignored rather than shown as an error."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int, required=False, empty_value=None)
    phase = forms.ChoiceField(label=_("Phase"), choices=[("", _("All phases")), *Phase.choices], required=False)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None)
    idea = forms.BooleanField(label=_("Retained idea not yet confirmed"), required=False)

    def __init__(
        self, *args: Any, themes: list[tuple[int, str]], organisations: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", ""), *themes]
        self.fields["organisation"].choices = [("", ""), *organisations]

    def full_clean(self) -> None:
        super().full_clean()
        for name in list(self.errors):  # drop what does not parse: the page shows every challenge instead
            self.cleaned_data.pop(name, None)
        self._errors = {}

    def filters(self) -> SiteFilters:
        data = self.cleaned_data
        return SiteFilters(
            theme=data.get("theme"),
            phase=data.get("phase") or "",
            organisation=data.get("organisation"),
            search=(data.get("q") or "").strip(),
            idea_to_confirm=bool(data.get("idea")),
        )


class IdeaForm(forms.Form):
    """A key idea of the ideation phase."""

    title = forms.CharField(label=_("Idea"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ProgrammeItemForm(forms.Form):
    """One moment of a site's programme (issue 15): its kind, its title, when it starts (optional)."""

    kind = forms.ChoiceField(label=_("Kind of moment"), choices=SiteProgrammeItem.Kind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=250, error_messages={"required": _("Give the moment a title.")}
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("Enter a date and time, such as 2026-07-09 09:30.")},
    )
