"""A network's members: the coordinators' list (invitations, roles, applications), the skills matrix, a
member's own skills, the interviews and the participation authorisation with its signed file."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innovation.guards import Scope, guard
from labs import forms
from labs.models import Authorisation, MethodPhase, Network, NetworkMembership
from labs.selectors import networks as network_selectors
from labs.selectors import skills as selectors
from labs.selectors.onboarding import network_progress
from labs.selectors.scopes import memberships_known_to, networks_known_to
from labs.services import authorisations as authorisation_services
from labs.services import networks as services
from labs.services import skills as skill_services

network_in_scope = Scope(networks_known_to)
membership_in_scope = Scope(memberships_known_to)


@guard("labs.manage_members", load=network_in_scope, methods=("GET", "HEAD"))
def member_list(request: HttpRequest, network: Network) -> HttpResponse:
    members = network_selectors.network_members(network=network)
    _journey, steps, progress = network_progress(network=network)
    for row in members:
        row.progress = progress.get(row.membership.pk)
    authorisations = {
        item.membership_id: item
        for item in Authorisation.objects.filter(membership__network=network, membership__status="active")
    }
    for row in members:
        row.authorisation = authorisations.get(row.membership.pk)
    return render(
        request,
        "labs/member_list.html",
        {
            "network": network,
            "members": members,
            "steps": steps,
            "applications": network_selectors.network_applications(network=network),
            "role_form": forms.RoleForm(),
        },
    )


@guard("labs.manage_members", load=network_in_scope)
def member_invite(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_invite(network=network, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            if membership.person.has_usable_password():
                text = _("%(person)s joins the network and is notified.")
            else:
                text = _("%(person)s joins the network and receives an invitation by e-mail.")
            messages.success(request, text % {"person": membership.person})
            return redirect("labs:member_list", pk=network.pk)
    return render(request, "labs/member_invite.html", {"network": network, "form": form})


def _back_to_members(membership: NetworkMembership) -> HttpResponse:
    return redirect("labs:member_list", pk=membership.network_id)


@guard("labs.manage_members", load=membership_in_scope, methods=("POST",))
def member_role(request: HttpRequest, membership: NetworkMembership) -> HttpResponse:
    form = forms.RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return _back_to_members(membership)
    try:
        services.member_role_change(membership=membership, actor=request.user, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role of %(person)s is changed.") % {"person": membership.person})
    return _back_to_members(membership)


@guard("labs.manage_members", load=membership_in_scope, methods=("POST",))
def member_remove(request: HttpRequest, membership: NetworkMembership) -> HttpResponse:
    try:
        services.member_remove(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s is no longer in the network.") % {"person": membership.person})
    return _back_to_members(membership)


@guard("labs.manage_members", load=membership_in_scope, methods=("POST",))
def application_accept(request: HttpRequest, membership: NetworkMembership) -> HttpResponse:
    form = forms.RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else None
    try:
        services.application_accept(membership=membership, actor=request.user, role=role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s joins the network and is notified.") % {"person": membership.person})
    return _back_to_members(membership)


@guard("labs.manage_members", load=membership_in_scope, methods=("POST",))
def application_decline(request: HttpRequest, membership: NetworkMembership) -> HttpResponse:
    try:
        services.application_decline(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The application of %(person)s is declined.") % {"person": membership.person})
    return _back_to_members(membership)


@guard("labs.view_skills", load=network_in_scope, methods=("GET", "HEAD"))
def skills_matrix(request: HttpRequest, network: Network) -> HttpResponse:
    phases = MethodPhase.objects.filter(lab_id=network.lab_id)
    form = forms.MatrixFilterForm(request.GET or None, phases=phases)
    matrix = selectors.skills_matrix(
        network=network, filters=form.filters() if form.is_bound else selectors.MatrixFilters()
    )
    return render(request, "labs/skills_matrix.html", {"network": network, "form": form, "matrix": matrix})


@guard("labs.change_skills", load=membership_in_scope)
def skills_edit(request: HttpRequest, membership: NetworkMembership) -> HttpResponse:
    phases, ratings = selectors.member_ratings(membership=membership)
    form = forms.SkillsForm(
        request.POST or None,
        phases=phases,
        ratings=ratings,
        initial={"brings_commission": membership.brings_commission, "commission_idea": membership.commission_idea},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        inputs = [
            skill_services.RatingInput(
                phase_id=phase.pk,
                competence=data[f"competence_{phase.pk}"],
                appetence=data[f"appetence_{phase.pk}"],
                comment=data[f"comment_{phase.pk}"],
            )
            for phase in phases
        ]
        try:
            skill_services.skills_update(
                membership=membership,
                ratings=inputs,
                brings_commission=data["brings_commission"],
                commission_idea=data["commission_idea"],
            )
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your skills and appetences are saved."))
            return redirect("labs:me")
    return render(request, "labs/skills_edit.html", {"membership": membership, "form": form})


@guard("labs.view_interviews", load=membership_in_scope)
def interviews(request: HttpRequest, membership: NetworkMembership) -> HttpResponse:
    can_record = request.user.has_perm("labs.record_interview", membership)
    form = forms.InterviewForm(request.POST or None) if can_record else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                skill_services.interview_record(membership=membership, interviewer=request.user, **form.cleaned_data)
            except ValidationError as error:
                forms.form_add_service_errors(form, error)
            else:
                messages.success(request, _("The interview is recorded."))
                return redirect("labs:interviews", pk=membership.pk)
    phases, ratings = selectors.member_ratings(membership=membership)
    return render(
        request,
        "labs/interviews.html",
        {
            "membership": membership,
            "interviews": selectors.member_interviews(membership=membership),
            "skill_rows": [(phase, ratings.get(phase.pk)) for phase in phases],
            "form": form,
        },
    )


@guard("labs.view_authorisation", load=membership_in_scope)
def authorisation(request: HttpRequest, membership: NetworkMembership) -> HttpResponse:
    current = Authorisation.objects.filter(membership=membership).first()
    can_change = request.user.has_perm("labs.change_authorisation", membership)
    form = (
        forms.AuthorisationForm(request.POST or None, request.FILES or None, instance=current) if can_change else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = {name: value for name, value in form.cleaned_data.items() if name != "file"}
            try:
                authorisation_services.authorisation_save(
                    membership=membership, actor=request.user, file=request.FILES.get("file"), **data
                )
            except ValidationError as error:
                forms.form_add_service_errors(form, error)
            else:
                messages.success(request, _("The authorisation is saved."))
                return redirect("labs:authorisation", pk=membership.pk)
    return render(
        request, "labs/authorisation.html", {"membership": membership, "authorisation": current, "form": form}
    )


@guard("labs.view_authorisation", load=membership_in_scope, methods=("GET", "HEAD"))
def authorisation_file(request: HttpRequest, membership: NetworkMembership) -> HttpResponse:
    current = Authorisation.objects.filter(membership=membership).first()
    if current is None or not current.file:
        raise Http404
    try:
        handle = current.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=PurePath(current.file.name).name)
    response["Cache-Control"] = "private, no-store"
    return response
