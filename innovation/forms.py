from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from innovation.models import Delivery, User
from innovation.services.notifications import CATEGORIES, LOCKED_CATEGORIES


class InvitationAcceptForm(forms.Form):
    """Choose a password to accept an invitation."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first, self.person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class NotificationPreferencesForm(forms.Form):
    """One choice per category: immediate e-mail, daily digest or off (account messages are always e-mailed)."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for category, label in CATEGORIES.items():
            if category in LOCKED_CATEGORIES:
                continue
            self.fields[category] = forms.ChoiceField(
                label=label,
                choices=Delivery.choices,
                initial=current.get(category, Delivery.IMMEDIATE),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how you want to receive these notifications."),
                    "invalid_choice": _(
                        "“%(value)s” is not a valid choice: choose immediate e-mail, daily digest or off."
                    ),
                },
            )


# --- Exports (issue 5) ----------------------------------------------------------


class ExportRequestForm(forms.Form):
    """What report and which format; a PDF of the assessments dataset is refused next to the field."""

    content = forms.ChoiceField(
        label=_("What to export"),
        widget=forms.RadioSelect,
        initial="report",
        error_messages={"invalid_choice": _("Unknown kind of report: choose one of the options below.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        widget=forms.RadioSelect,
        initial="pdf",
        error_messages={"invalid_choice": _("Unknown format: choose PDF, XLSX, ODS or CSV.")},
    )

    def __init__(self, *args, **kwargs):
        from challenges.services.reports import Content
        from innovation.models import Export

        super().__init__(*args, **kwargs)
        self.fields["content"].choices = Content.choices
        self.fields["format"].choices = Export.Format.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("content") == "assessments" and cleaned.get("format") == "pdf":
            self.add_error("format", _("The assessments dataset is a spreadsheet: choose XLSX, ODS or CSV."))
        return cleaned
