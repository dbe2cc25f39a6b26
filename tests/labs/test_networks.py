"""A network page: values, the current charter, members and who accepted it."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from labs import services
from labs.models import CharterAcceptance, Network, NetworkMembership
from tests.factories import UserFactory
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok
from tests.labs.factories import NetworkMembershipFactory

pytestmark = pytest.mark.django_db


def test_member_accepts_the_current_charter_once(client, world, owner):
    client.force_login(owner)
    url = reverse("labs:charter_accept", args=[world["network"].pk])

    client.post(url)
    response = client.post(url, follow=True)

    assert CharterAcceptance.objects.filter(person=owner).count() == 1
    assert "Vous avez accepté cette version de la charte." in response.content.decode()


def test_a_new_charter_version_needs_a_new_acceptance(world, owner):
    network = world["network"]
    services.charter_accept(charter=network.charters.get(), person=owner)

    new = services.charter_publish(network=network, text="Nouvelle charte")

    assert new.version == 2
    assert not CharterAcceptance.objects.filter(charter=new, person=owner).exists()


def test_network_page_shows_values_charter_and_members(client, world, facilitator, owner):
    client.force_login(facilitator)

    content = client.get(reverse("labs:network_detail", args=[world["network"].pk])).content.decode()

    assert "Frugalité" in content and "Charte" in content
    assert str(owner) in content and "Coordinateur·rice" in content


def test_network_page_queries_do_not_grow_with_members(client, world, facilitator):
    client.force_login(facilitator)
    url = reverse("labs:network_detail", args=[world["network"].pk])
    small = count_queries(get_ok(client, url))
    for _ in range(40):
        NetworkMembershipFactory(network=world["network"], person=UserFactory())

    large = count_queries(get_ok(client, url))

    assert_constant_queries(small, large, what="network page")


def test_network_list_queries_do_not_grow_with_networks(client, world, owner):
    client.force_login(owner)
    url = reverse("labs:network_list")
    small = count_queries(get_ok(client, url))
    for network in [NetworkMembershipFactory(person=owner).network for _ in range(20)]:
        assert network.pk

    large = count_queries(get_ok(client, url))

    assert_constant_queries(small, large, what="network list")


def test_demo_network_has_a_coordinator_values_and_charter():
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    network = Network.objects.get()
    assert len(network.values) == 5
    assert network.charters.count() == 1
    coordinator = network.members.get(role=NetworkMembership.Role.COORDINATOR)
    assert coordinator.person.email == "coordinatrice@demo.defis.fr"
