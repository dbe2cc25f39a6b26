from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from innovation.models import Delivery
from innovation.services.notifications import CATEGORIES, LOCKED_CATEGORIES


def form_add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` next to the fields it names (or above the form).

    The one way a form shows a rule of a service: forms parse, services decide.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class InvitationAcceptForm(forms.Form):
    """Choose a password to accept an invitation: typed twice; its strength is the service's rule."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_again = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password"), cleaned.get("password_again")
        if first and second and first != second:
            self.add_error("password_again", _("The two passwords differ."))
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
