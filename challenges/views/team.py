"""The team of a challenge: invite people by e-mail, remove a member."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from challenges import forms
from challenges.models import Challenge
from challenges.services import teams as services
from challenges.views.challenges import CHALLENGE
from innovation.forms import form_add_service_errors
from innovation.guards import guard


@guard("challenges.manage_team", load=CHALLENGE)
def team_manage(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = forms.TeamInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.team_member_invite(challenge=challenge, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if membership.person.has_usable_password():
                text = _("%(person)s is added to the team and notified by e-mail.")
            else:
                text = _("%(person)s is added to the team and receives an invitation by e-mail.")
            messages.success(request, text % {"person": membership.person})
            return redirect("challenges:team_manage", challenge.pk)
    team = challenge.team.select_related("person__organisation").order_by("role", "person__display_name", "id")
    return render(request, "challenges/team_manage.html", {"challenge": challenge, "form": form, "team": team})


@guard("challenges.manage_team", load=CHALLENGE, methods=("POST",))
def team_member_remove(request: HttpRequest, challenge: Challenge, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(challenge.team.select_related("person"), pk=membership_id)
    services.team_member_remove(membership=membership, actor=request.user)
    messages.success(request, _("%(person)s is no longer in the team.") % {"person": membership.person})
    return redirect("challenges:team_manage", challenge.pk)
