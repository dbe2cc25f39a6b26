"""The key ideas of a challenge: the team lists and retains them, the owner confirms the retained one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from challenges import forms
from challenges.models import Challenge
from challenges.selectors import challenges as selectors
from challenges.services import ideas as services
from challenges.views.challenges import CHALLENGE
from innovation.forms import form_add_service_errors
from innovation.guards import guard


@guard("challenges.manage_ideas", load=CHALLENGE)
def idea_list(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = forms.IdeaForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.idea_add(challenge=challenge, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The idea is added."))
                return redirect("challenges:idea_list", challenge.pk)
        status = 400
    context = {"challenge": challenge, "form": form, "ideas": selectors.challenge_ideas(challenge=challenge)}
    return render(request, "challenges/idea_list.html", context, status=status)


@guard("challenges.manage_ideas", load=CHALLENGE, methods=("POST",))
def idea_retain(request: HttpRequest, challenge: Challenge, idea_id: int) -> HttpResponse:
    idea = get_object_or_404(challenge.ideas.all(), pk=idea_id)
    retained = request.POST.get("retained") == "1"
    try:
        services.idea_set_retained(idea=idea, actor=request.user, retained=retained)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if retained:
            messages.success(request, _("“%(idea)s” is retained.") % {"idea": idea.title})
        else:
            messages.success(request, _("“%(idea)s” is no longer retained.") % {"idea": idea.title})
    return redirect("challenges:idea_list", challenge.pk)


@guard("challenges.confirm_idea", load=CHALLENGE, methods=("POST",))
def idea_confirm(request: HttpRequest, challenge: Challenge, idea_id: int) -> HttpResponse:
    idea = get_object_or_404(challenge.ideas.all(), pk=idea_id)
    try:
        services.idea_confirm(idea=idea, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("challenges:idea_list", challenge.pk)
    messages.success(request, _("You confirmed “%(idea)s” as the selected idea.") % {"idea": idea.title})
    return redirect("challenges:challenge_detail", challenge.pk)
