"""Read queries of labs and networks."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from innovation.models import User
from labs.models import Charter, CharterAcceptance, Network, NetworkMembership


def networks_visible_to(*, user: User) -> QuerySet[Network]:
    """The networks one belongs to (every network for staff); others answer 404."""
    networks = Network.objects.select_related("lab")
    if user.is_authenticated and user.is_staff:
        return networks
    if not user.is_authenticated:
        return networks.none()
    return networks.filter(members__person=user)


def network_current_charter(*, network: Network) -> Charter | None:
    return network.charters.order_by("-version").first()


def network_members_with_acceptance(*, network: Network, charter: Charter | None) -> QuerySet[NetworkMembership]:
    members = NetworkMembership.objects.filter(network=network).select_related("person__organisation")
    if charter is None:
        return members
    accepted = CharterAcceptance.objects.filter(charter=charter, person=OuterRef("person"))
    return members.annotate(accepted_charter=Exists(accepted))
