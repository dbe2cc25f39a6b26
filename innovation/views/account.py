"""A person's own account: the overview, their calendar address, their data and the deletion of the account."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from innovation import selectors
from innovation.calendars import calendar_response, person_events
from innovation.forms import AccountDeleteForm
from innovation.guards import guard
from innovation.middleware import SECOND_FACTORS
from innovation.services import accounts, privacy


@guard(methods=("GET", "HEAD"))
def my_account(request: HttpRequest) -> HttpResponse:
    person = request.user
    feed_url = (
        request.build_absolute_uri(reverse("person_calendar", args=[person.calendar_token]))
        if person.calendar_token
        else ""
    )
    context = {"person": person, "two_factor": is_mfa_enabled(person, SECOND_FACTORS), "feed_url": feed_url}
    return render(request, "innovation/account/overview.html", context)


@guard(methods=("POST",))
def my_calendar_regenerate(request: HttpRequest) -> HttpResponse:
    had_one = bool(request.user.calendar_token)
    accounts.person_calendar_token_regenerate(person=request.user)
    if had_one:
        messages.success(request, _("Your calendar has a new address: the previous one no longer works."))
    else:
        messages.success(request, _("Your calendar address is ready: add it to your calendar application."))
    return redirect(reverse("my_account") + "#calendar")


def person_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own feed: no sign-in (calendar applications cannot), the secret address is the key."""
    person = selectors.person_for_calendar_token(token=token)
    return calendar_response(
        name=_("Défis: my calendar"), events=person_events(person=person), filename="defis-mon-calendrier"
    )


@guard()
def my_data(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        export = privacy.personal_data_request(person=request.user)
        return redirect("export_detail", pk=export.pk)
    context = {
        "exports": selectors.personal_data_exports_of(user=request.user),
        "expiry_days": settings.EXPORT_EXPIRY_DAYS,
        "blocker": privacy.person_erasure_blocker(person=request.user),
    }
    return render(request, "innovation/account/my_data.html", context)


@guard()
def my_account_delete(request: HttpRequest) -> HttpResponse:
    blocker = privacy.person_erasure_blocker(person=request.user)
    form = AccountDeleteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                privacy.person_erase(person=request.user, password=form.cleaned_data["password"])
            except ValidationError as error:
                form.add_error(None, error)
            except privacy.ErasureRefused as refusal:
                blocker = str(refusal)
                status = 409
            else:
                logout(request)
                messages.success(request, _("Your account is deleted. Thank you for your contributions."))
                return redirect("home")
    return render(request, "innovation/account/delete.html", {"form": form, "blocker": blocker}, status=status)
