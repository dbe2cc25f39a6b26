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


class AccountDeleteForm(forms.Form):
    """The password confirms that the person at the keyboard owns the account (checked by the service)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password to confirm.")},
    )
