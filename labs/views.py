from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labs import selectors, services


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    networks = selectors.networks_visible_to(user=request.user)
    return render(request, "labs/network_list.html", {"networks": networks})


@login_required
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_object_or_404(selectors.networks_visible_to(user=request.user), pk=pk)
    if not request.user.has_perm("labs.view_network", network):
        raise PermissionDenied
    charter = selectors.network_current_charter(network=network)
    members = list(selectors.network_members_with_acceptance(network=network, charter=charter))
    accepted = any(m.person_id == request.user.pk and getattr(m, "accepted_charter", False) for m in members)
    return render(
        request,
        "labs/network_detail.html",
        {"network": network, "charter": charter, "members": members, "has_accepted": accepted},
    )


@login_required
@require_POST
def charter_accept(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_object_or_404(selectors.networks_visible_to(user=request.user), pk=pk)
    if not request.user.has_perm("labs.accept_charter", network):
        raise PermissionDenied
    charter = selectors.network_current_charter(network=network)
    if charter is None:
        messages.error(request, _("This network has no charter yet."))
    else:
        services.charter_accept(charter=charter, person=request.user)
        messages.success(request, _("You accepted version %(version)s of the charter.") % {"version": charter.version})
    return redirect("labs:network_detail", pk=network.pk)
