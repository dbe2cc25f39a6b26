import datetime

import factory
from django.utils import timezone

from labs.models import (
    AgendaItem,
    Charter,
    Lab,
    LabSession,
    MethodPhase,
    Network,
    NetworkMembership,
    NetworkValue,
    NextStep,
    NoteSection,
    OnboardingJourney,
    OnboardingStep,
    Resource,
    SkillRating,
    Workshop,
)
from tests.factories import SMALLINT_ROOM, UserFactory


class LabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lab
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Labo {n}")

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        """Every lab starts with the five default phases (pass ``phases=[]`` for none)."""
        if not create:
            return
        names = extracted if extracted is not None else ["Reformulation", "Enquête", "Idéation", "Prototypage", "Test"]
        for position, name in enumerate(names, start=1):
            MethodPhase.objects.create(lab=self, name=name, position=position)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    lab = factory.SubFactory(LabFactory)
    name = factory.Sequence(lambda n: f"Réseau {n}")


class NetworkValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkValue

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Valeur {n}")
    description = "Tester petit."
    position = factory.Sequence(lambda n: n % SMALLINT_ROOM)


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(UserFactory)
    role = NetworkMembership.Role.AMBASSADOR
    status = NetworkMembership.Status.ACTIVE
    joined_at = factory.LazyFunction(timezone.now)


class CharterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Charter

    network = factory.SubFactory(NetworkFactory)
    version = 1
    text = "Nous nous engageons à mettre les usagers au cœur de chaque projet."


class SkillRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillRating

    membership = factory.SubFactory(NetworkMembershipFactory)
    phase = factory.LazyAttribute(lambda o: o.membership.network.lab.phases.first())
    competence = 2
    appetence = 3


class OnboardingJourneyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingJourney

    network = factory.SubFactory(NetworkFactory)
    version = 1
    title = "Parcours nouvel ambassadeur"


class OnboardingStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingStep

    journey = factory.SubFactory(OnboardingJourneyFactory)
    key = factory.Sequence(lambda n: f"step-{n}")
    position = factory.Sequence(lambda n: n % SMALLINT_ROOM)
    kind = OnboardingStep.Kind.MOOC
    title = factory.Sequence(lambda n: f"Étape {n}")
    requires_attestation = True


class LabSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabSession

    lab = factory.SubFactory(LabFactory)
    number = factory.Sequence(lambda n: n % SMALLINT_ROOM + 1)  # a small integer column, whatever the run's length
    title = "La Transfo a un an"
    place = "Toulouse"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=1))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(LabSessionFactory)
    day = factory.LazyAttribute(lambda o: o.session.starts_on)
    starts_at = datetime.time(9, 0)
    ends_at = datetime.time(9, 30)
    kind = AgendaItem.Kind.ICE_BREAKER
    title = "Brise-glace"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    lab = factory.SubFactory(LabFactory)
    kind = Resource.Kind.GLOSSARY
    title = factory.Sequence(lambda n: f"Terme {n}")
    body = "Une définition."


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    lab = factory.SubFactory(LabFactory)
    venue = "Rencontres des labos"
    series = "Atelier 2"
    name = factory.Sequence(lambda n: f"Emergence {n}")
    question = "Comment accompagner la transformation des collectivités ?"


class NoteSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoteSection

    workshop = factory.SubFactory(WorkshopFactory)
    title = "Éléments importants de la discussion"
    position = 1


class NextStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NextStep

    workshop = factory.SubFactory(WorkshopFactory)
    action = "Rédiger la note de cadrage"
    owner_name = "Invitée"
