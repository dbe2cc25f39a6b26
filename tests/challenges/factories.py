"""factory-boy factories of the challenges app."""

import datetime

import factory

from challenges.models import Challenge, Edition, QuestionReformulation, Site, TeamMembership, Theme
from tests.factories import SMALLINT_ROOM, OrganisationFactory, UserFactory


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    title = factory.Sequence(lambda n: f"{n}e université d'été de l'innovation publique territoriale")
    organiser = factory.SubFactory(OrganisationFactory, name="CNFPT", kind="cnfpt")
    starts_on = datetime.date(2018, 7, 9)
    ends_on = datetime.date(2018, 7, 11)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Thème {n}")
    position = factory.Sequence(lambda n: n % SMALLINT_ROOM)


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    place = factory.Sequence(lambda n: f"Site {n}")
    starts_on = datetime.date(2018, 7, 9)
    ends_on = datetime.date(2018, 7, 11)

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.add(*extracted)


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    site = factory.SubFactory(SiteFactory)
    number = factory.Sequence(lambda n: n % SMALLINT_ROOM + 1)  # a small integer column, whatever the run's length
    question = factory.Sequence(lambda n: f"Comment simplifier la démarche n°{n} pour les usagers ?")
    subject = "Simplifier une démarche"
    organisation = factory.SubFactory(OrganisationFactory, name="Ville de Rennes")
    territory = "Rennes"
    status = Challenge.Status.PUBLISHED


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    challenge = factory.SubFactory(ChallengeFactory)
    person = factory.SubFactory(UserFactory)
    role = TeamMembership.Role.CONTRIBUTOR
    job_title = "Chargé de mission"


class QuestionReformulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionReformulation

    challenge = factory.SubFactory(ChallengeFactory)
    previous_question = "Comment faire ?"
    new_question = "Comment mieux faire ?"
    reason = "La question était trop large."
