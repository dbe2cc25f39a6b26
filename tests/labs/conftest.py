"""The personas' roles in labs: ``facilitator`` coordinates the lab's network, ``owner`` and ``contributor``
are ambassadors in it; ``outsider`` belongs to no network; ``staff`` runs editions and belongs to none.
``other_lab`` is coordinated by somebody else and holds the same kinds of objects, none of them the
personas'. The network is open to volunteers."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from labs.models import (
    Authorisation,
    NetworkMembership,
    SessionRegistration,
    StepCompletion,
    WorkshopLead,
    WorkshopParticipant,
)
from tests.factories import UserFactory
from tests.labs.factories import (
    AgendaItemFactory,
    CharterFactory,
    LabSessionFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    NetworkValueFactory,
    NextStepFactory,
    NoteSectionFactory,
    OnboardingJourneyFactory,
    OnboardingStepFactory,
    ResourceFactory,
    WorkshopFactory,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _lab_world(*, coordinator, ambassadors, name):
    network = NetworkFactory(name=name, is_open=True)
    lab = network.lab
    CharterFactory(network=network)
    NetworkValueFactory(network=network, name="Frugalité")
    coordination = NetworkMembershipFactory(
        network=network, person=coordinator, role=NetworkMembership.Role.COORDINATOR
    )
    memberships = [NetworkMembershipFactory(network=network, person=person) for person in ambassadors]
    journey = OnboardingJourneyFactory(network=network)
    step = OnboardingStepFactory(journey=journey, title="Suivre le MOOC")
    completion = StepCompletion.objects.create(membership=memberships[0], step=step, done_at=timezone.now())
    authorisation = Authorisation.objects.create(membership=memberships[0], manager_name="Anne Responsable")
    authorisation.file.save("autorisation.pdf", ContentFile(PDF_BYTES))
    session = LabSessionFactory(lab=lab, starts_on=timezone.localdate() - datetime.timedelta(days=1))
    item = AgendaItemFactory(session=session)
    SessionRegistration.objects.create(session=session, person=memberships[0].person, registered_at=timezone.now())
    workshop = WorkshopFactory(lab=lab, session=session, venue="", proposal="Un voyage apprenant de trois jours.")
    WorkshopParticipant.objects.create(workshop=workshop, person=memberships[-1].person, name="")
    section = NoteSectionFactory(workshop=workshop)
    lead = WorkshopLead.objects.create(workshop=workshop, kind=WorkshopLead.Kind.CONTACT, text="Une collègue")
    next_step = NextStepFactory(workshop=workshop, owner=memberships[-1].person, owner_name="")
    resource = ResourceFactory(lab=lab)
    application = NetworkMembershipFactory(
        network=network, status=NetworkMembership.Status.APPLIED, application_message="Je voudrais contribuer."
    )
    return {
        "application": application,
        "lab": lab,
        "network": network,
        "coordination": coordination,
        "membership": memberships[0],
        "memberships": memberships,
        "journey": journey,
        "step": step,
        "completion": completion,
        "session": session,
        "item": item,
        "workshop": workshop,
        "section": section,
        "lead": lead,
        "next_step": next_step,
        "resource": resource,
    }


@pytest.fixture
def world(db, facilitator, owner, contributor):
    mine = _lab_world(coordinator=facilitator, ambassadors=[owner, contributor], name="Réseau des ambassadeurs")
    other = _lab_world(coordinator=UserFactory(), ambassadors=[UserFactory(), UserFactory()], name="Autre réseau")
    return {**mine, "other": other, "other_lab": other["lab"], "other_network": other["network"]}
