import factory

from labs.models import Charter, Lab, Network, NetworkMembership
from tests.factories import UserFactory


class LabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lab

    name = factory.Sequence(lambda n: f"Labo {n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    lab = factory.SubFactory(LabFactory)
    name = factory.Sequence(lambda n: f"Réseau {n}")
    values = [{"name": "Frugalité", "description": "Tester petit."}]


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(UserFactory)
    role = NetworkMembership.Role.MEMBER


class CharterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Charter

    network = factory.SubFactory(NetworkFactory)
    version = 1
    text = "Nous nous engageons à mettre les usagers au cœur de chaque projet."
