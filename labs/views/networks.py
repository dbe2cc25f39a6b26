"""A network: its page (values, charter, members), settings, applications, leaving, values, charter
versions and their diff, the audit trail and the network file export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innovation.guards import Scope, guard
from innovation.services.exports import ExportError
from labs import forms, reports
from labs.models import Lab, Network
from labs.selectors import charters as charter_selectors
from labs.selectors import networks as selectors
from labs.selectors.onboarding import person_membership
from labs.selectors.scopes import labs_all, networks_known_to, networks_open_or_known_to
from labs.services import charters as charter_services
from labs.services import networks as services

network_in_scope = Scope(networks_known_to)


@guard("labs.add_network", load=Scope(labs_all))
def network_create(request: HttpRequest, lab: Lab) -> HttpResponse:
    form = forms.NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(lab=lab, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The network is created: invite its members."))
            return redirect("labs:network_detail", pk=network.pk)
    return render(request, "labs/network_form.html", {"lab": lab, "form": form})


@guard("labs.view_network", load=network_in_scope, methods=("GET", "HEAD"))
def network_detail(request: HttpRequest, network: Network) -> HttpResponse:
    charter = charter_services.charter_current(network=network)
    return render(
        request,
        "labs/network_detail.html",
        {
            "network": network,
            "values": selectors.network_values(network=network),
            "charter": charter,
            "has_accepted": selectors.person_accepted(charter=charter, person=request.user),
            "members": selectors.network_members(network=network),
        },
    )


@guard("labs.change_network", load=network_in_scope)
def network_edit(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.NetworkForm(request.POST or None, instance=Network.objects.get(pk=network.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(network=network, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The network is updated."))
            return redirect("labs:network_detail", pk=network.pk)
    return render(request, "labs/network_form.html", {"lab": network.lab, "network": network, "form": form})


@guard("labs.apply_network", load=Scope(networks_open_or_known_to))
def network_apply(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_apply(network=network, person=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your application is sent: a coordinator will answer it."))
            return redirect("labs:lab_detail", pk=network.lab_id)
    return render(request, "labs/network_apply.html", {"network": network, "form": form})


@guard("labs.leave_network", load=network_in_scope, methods=("POST",))
def network_leave(request: HttpRequest, network: Network) -> HttpResponse:
    membership = person_membership(network=network, person=request.user)
    try:
        services.member_leave(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("labs:network_detail", pk=network.pk)
    messages.success(request, _("You left the network “%(network)s”.") % {"network": network.name})
    return redirect("labs:lab_detail", pk=network.lab_id)


@guard("labs.change_values", load=network_in_scope)
def values_edit(request: HttpRequest, network: Network) -> HttpResponse:
    values = selectors.network_values(network=network)
    initial = [
        {"pk": v.pk, "name": v.name, "description": v.description, "position": v.position, "at_risk": v.at_risk,
         "risk_note": v.risk_note}
        for v in values
    ]  # fmt: skip
    formset = forms.ValueFormSet(request.POST or None, initial=initial, prefix="values")
    if not formset.is_bound:
        for form in formset.forms[len(values) :]:
            form.initial.setdefault("position", (values[-1].position if values else 0) + 1)
    service_errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        inputs = [
            services.ValueInput(
                pk=data.get("pk"),
                name=data.get("name") or "",
                description=data.get("description") or "",
                position=data["position"],
                at_risk=bool(data.get("at_risk")),
                risk_note=data.get("risk_note") or "",
                delete=bool(data.get("delete")),
            )
            for data in formset.cleaned_data
            if data
        ]
        try:
            services.network_values_update(network=network, actor=request.user, values=inputs)
        except ValidationError as error:
            service_errors = error.messages
        else:
            messages.success(request, _("The values are saved."))
            return redirect("labs:network_detail", pk=network.pk)
    return render(
        request, "labs/values_edit.html", {"network": network, "formset": formset, "service_errors": service_errors}
    )


@guard("labs.publish_charter", load=network_in_scope)
def charter_edit(request: HttpRequest, network: Network) -> HttpResponse:
    current = charter_services.charter_current(network=network)
    form = forms.CharterForm(
        request.POST or None,
        initial={"base_version": current.version if current else None, "text": current.text if current else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            charter = charter_services.charter_publish(
                network=network,
                actor=request.user,
                text=data["text"],
                summary=data["summary"],
                base_version=data["base_version"],
            )
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s of the charter is published: members are asked to accept it.")
                % {"version": charter.version},
            )
            return redirect("labs:charter_version", pk=network.pk, version=charter.version)
    return render(request, "labs/charter_edit.html", {"network": network, "form": form, "current": current})


@guard("labs.view_network", load=network_in_scope, methods=("GET", "HEAD"))
def charter_version(request: HttpRequest, network: Network, version: int) -> HttpResponse:
    charters = charter_selectors.network_charters(network=network)
    charter = next((item for item in charters if item.version == version), None)
    if charter is None:
        raise Http404
    previous = next((item for item in charters if item.version < version), None)
    current = charters[0]
    return render(
        request,
        "labs/charter_version.html",
        {
            "network": network,
            "charter": charter,
            "previous": previous,
            "is_current": charter == current,
            "diff": charter_selectors.charter_diff(old=previous.text, new=charter.text) if previous else None,
            "charters": charters,
            "has_accepted": selectors.person_accepted(charter=charter, person=request.user),
        },
    )


@guard("labs.accept_charter", load=network_in_scope, methods=("POST",))
def charter_accept(request: HttpRequest, network: Network) -> HttpResponse:
    charter = charter_services.charter_current(network=network)
    version = request.POST.get("version", "")
    if charter is None:
        messages.error(request, _("This network has no charter yet."))
    elif version and version != str(charter.version):
        messages.error(request, _("A newer version of the charter was published: read it, then accept it."))
        return redirect("labs:charter_version", pk=network.pk, version=charter.version)
    else:
        try:
            charter_services.charter_accept(charter=charter, person=request.user)
        except charter_services.CharterError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("You accepted version %(version)s of the charter.") % {"version": charter.version}
            )
    return redirect("labs:network_detail", pk=network.pk)


@guard("labs.view_audit", load=network_in_scope, methods=("GET", "HEAD"))
def network_audit(request: HttpRequest, network: Network) -> HttpResponse:
    return render(
        request, "labs/network_audit.html", {"network": network, "entries": selectors.network_audit(network=network)}
    )


@guard("labs.export_network", load=network_in_scope)
def network_export(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.NetworkExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            export = reports.network_file_request(
                requested_by=request.user, network=network, format=form.cleaned_data["format"]
            )
        except ExportError as error:
            form.add_error(None, str(error))
        else:
            return redirect("export_detail", pk=export.pk)
    return render(request, "labs/network_export.html", {"network": network, "form": form})
