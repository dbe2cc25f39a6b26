"""Domain operations of labs and networks."""

from __future__ import annotations

from django.db import transaction

from innovation.models import User
from labs.models import Charter, CharterAcceptance, Network


class CharterError(Exception):
    """The charter cannot be accepted (none published, or not a member)."""


@transaction.atomic
def charter_publish(*, network: Network, text: str) -> Charter:
    """Publish a new version of the charter; earlier acceptances stay with their version."""
    latest = network.charters.select_for_update().order_by("-version").first()
    return Charter.objects.create(network=network, version=(latest.version + 1) if latest else 1, text=text)


def charter_accept(*, charter: Charter, person: User) -> CharterAcceptance:
    """Record that ``person`` accepts this version of the charter (accepting twice changes nothing)."""
    acceptance, _ = CharterAcceptance.objects.get_or_create(charter=charter, person=person)
    return acceptance
