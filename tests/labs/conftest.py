"""The personas' roles in a lab network: the ``facilitator`` persona coordinates it, ``contributor`` and
``owner`` are ambassadors; ``outsider`` is not a member. ``other_network`` has none of them."""

import pytest

from labs.models import NetworkMembership
from tests.labs.factories import CharterFactory, NetworkFactory, NetworkMembershipFactory


@pytest.fixture
def world(db, facilitator, owner, contributor):
    network = NetworkFactory(name="Réseau des ambassadeurs")
    CharterFactory(network=network)
    NetworkMembershipFactory(network=network, person=facilitator, role=NetworkMembership.Role.COORDINATOR)
    NetworkMembershipFactory(network=network, person=owner)
    NetworkMembershipFactory(network=network, person=contributor)
    other_network = NetworkFactory(name="Autre réseau")
    return {"network": network, "other_network": other_network}
