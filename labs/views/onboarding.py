"""The onboarding journey: members follow it and mark steps done, coordinators edit it (a new version)
and attest steps from their queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from innovation.guards import Scope, guard
from labs import forms
from labs.models import Network, OnboardingStep, Resource, StepCompletion
from labs.selectors import onboarding as selectors
from labs.selectors.scopes import completions_known_to, networks_known_to, steps_known_to
from labs.services import onboarding as services

network_in_scope = Scope(networks_known_to)


@guard("labs.view_onboarding", load=network_in_scope, methods=("GET", "HEAD"))
def journey(request: HttpRequest, network: Network) -> HttpResponse:
    current = selectors.journey_current(network=network)
    steps = selectors.journey_steps(journey=current)
    membership = selectors.person_membership(network=network, person=request.user)
    progress = None
    if membership is not None:
        progress = selectors.progress_for(
            steps=steps,
            completions=list(StepCompletion.objects.filter(membership=membership, step__journey=current)),
        )
    return render(
        request,
        "labs/onboarding.html",
        {
            "network": network,
            "journey": current,
            "steps": steps,
            "progress": progress,
            "catch_up": selectors.catch_up_sessions(lab_id=network.lab_id, today=timezone.localdate()),
        },
    )


@guard("labs.change_onboarding", load=network_in_scope)
def journey_edit(request: HttpRequest, network: Network) -> HttpResponse:
    current = selectors.journey_current(network=network)
    resources = Resource.objects.filter(lab_id=network.lab_id).order_by("kind", "title")
    if current is not None:
        initial_steps = [
            {"key": s.key, "position": s.position, "kind": s.kind, "title": s.title, "description": s.description,
             "link": s.link, "resource": s.resource_id, "requires_attestation": s.requires_attestation}
            for s in selectors.journey_steps(journey=current)
        ]  # fmt: skip
    else:
        initial_steps = [
            {"position": s.position, "kind": s.kind, "title": s.title, "requires_attestation": s.requires_attestation}
            for s in services.default_steps()
        ]
    form = forms.JourneyForm(
        request.POST or None,
        initial={
            "base_version": current.version if current else None,
            "title": current.title if current else _("New member's journey"),
        },
    )
    formset = forms.StepFormSet(
        request.POST or None, initial=initial_steps, prefix="steps", form_kwargs={"resources": resources}
    )
    if not formset.is_bound:
        for form_ in formset.forms[len(initial_steps) :]:
            form_.initial.setdefault("position", len(initial_steps) + 1)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        steps = [
            services.StepInput(
                key=data.get("key") or "",
                position=data["position"],
                kind=data["kind"],
                title=data.get("title") or "",
                description=data.get("description") or "",
                link=data.get("link") or "",
                resource=data.get("resource"),
                requires_attestation=bool(data.get("requires_attestation")),
                delete=bool(data.get("delete")),
            )
            for data in formset.cleaned_data
            if data
        ]
        try:
            journey = services.journey_publish(
                network=network,
                actor=request.user,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                steps=steps,
                base_version=form.cleaned_data["base_version"],
            )
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Version %(version)s of the journey is published.") % {"version": journey.version}
            )
            return redirect("labs:onboarding", pk=network.pk)
    return render(
        request, "labs/onboarding_edit.html", {"network": network, "form": form, "formset": formset, "journey": current}
    )


def _back(request: HttpRequest, step: OnboardingStep) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("labs:onboarding", pk=step.journey.network_id)


@guard("labs.complete_step", load=Scope(steps_known_to), methods=("POST",))
def step_done(request: HttpRequest, step: OnboardingStep) -> HttpResponse:
    try:
        services.step_complete(step=step, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if step.requires_attestation:
            messages.success(request, _("Step marked done: a coordinator will attest it."))
        else:
            messages.success(request, _("Step marked done."))
    return _back(request, step)


@guard("labs.complete_step", load=Scope(steps_known_to), methods=("POST",))
def step_undo(request: HttpRequest, step: OnboardingStep) -> HttpResponse:
    try:
        services.step_undo(step=step, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The step is no longer marked done."))
    return _back(request, step)


@guard("labs.change_onboarding", load=network_in_scope, methods=("GET", "HEAD"))
def attestation_queue(request: HttpRequest, network: Network) -> HttpResponse:
    return render(
        request,
        "labs/attestation_queue.html",
        {"network": network, "queue": list(selectors.attestation_queue(network=network))},
    )


@guard("labs.attest_step", load=Scope(completions_known_to), methods=("POST",))
def step_attest(request: HttpRequest, completion: StepCompletion) -> HttpResponse:
    try:
        services.step_attest(completion=completion, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(step)s” is attested for %(person)s.")
            % {"step": completion.step.title, "person": completion.membership.person},
        )
    return redirect("labs:attestation_queue", pk=completion.membership.network_id)
