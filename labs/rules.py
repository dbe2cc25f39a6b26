"""Who may do what in a lab's network: coordinators run it, ambassadors (members) take part."""

from __future__ import annotations

import rules

from labs.models import Network, NetworkMembership

is_staff = rules.is_staff


def _network_role(user, network: Network) -> str | None:
    if not user.is_authenticated or network is None:
        return None
    cache = network.__dict__.setdefault("_roles", {})
    if user.pk not in cache:
        cache[user.pk] = (
            NetworkMembership.objects.filter(network=network, person=user).values_list("role", flat=True).first()
        )
    return cache[user.pk]


@rules.predicate
def is_network_coordinator(user, network: Network) -> bool:
    return _network_role(user, network) == NetworkMembership.Role.COORDINATOR


@rules.predicate
def is_network_member(user, network: Network) -> bool:
    return _network_role(user, network) is not None


rules.add_perm("labs.view_network", is_network_member | is_staff)
rules.add_perm("labs.manage_network", is_network_coordinator | is_staff)
rules.add_perm("labs.accept_charter", is_network_member)
