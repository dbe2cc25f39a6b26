"""Query budgets: every labs page makes as many queries with 200 members (and their skills, authorisations,
onboarding, acceptances, sessions, workshops) as with 10."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from innovation.models import User
from labs.models import (
    Authorisation,
    CharterAcceptance,
    MethodPhase,
    NetworkMembership,
    NextStep,
    SessionRegistration,
    SkillRating,
    StepCompletion,
    WorkshopParticipant,
)
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok
from tests.labs.factories import AgendaItemFactory, LabSessionFactory, ResourceFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def _grow(world, count: int) -> None:
    """Add ``count`` members with every kind of row a member brings, in a few bulk inserts."""
    network, lab = world["network"], world["lab"]
    start = User.objects.count()
    people = User.objects.bulk_create(
        User(email=f"membre{start + index}@example.org", display_name=f"Membre {start + index}")
        for index in range(count)
    )
    memberships = NetworkMembership.objects.bulk_create(
        NetworkMembership(network=network, person=person, joined_at=timezone.now()) for person in people
    )
    phases = list(MethodPhase.objects.filter(lab=lab))
    SkillRating.objects.bulk_create(
        SkillRating(membership=membership, phase=phase, competence=index % 4, appetence=(index + 1) % 4)
        for index, membership in enumerate(memberships)
        for phase in phases
    )
    Authorisation.objects.bulk_create(
        Authorisation(
            membership=membership, manager_name="Responsable", status=Authorisation.Status.GRANTED,
            valid_until=timezone.localdate() + datetime.timedelta(days=index % 60),
        )
        for index, membership in enumerate(memberships)
    )  # fmt: skip
    StepCompletion.objects.bulk_create(
        StepCompletion(membership=membership, step=world["step"], done_at=timezone.now()) for membership in memberships
    )
    charter = network.charters.get()
    CharterAcceptance.objects.bulk_create(CharterAcceptance(charter=charter, person=person) for person in people)
    session = LabSessionFactory(lab=lab)
    AgendaItemFactory(session=session)
    SessionRegistration.objects.bulk_create(
        SessionRegistration(session=world["session"], person=person, registered_at=timezone.now(), attended=True)
        for person in people
    )
    NextStep.objects.bulk_create(
        NextStep(workshop=world["workshop"], action=f"Suite {n}", owner=people[n], due_on=timezone.localdate())
        for n in range(0, count, 10)
    )
    for index in range(max(1, count // 20)):
        workshop = WorkshopFactory(lab=lab, session=world["session"], venue="")
        WorkshopParticipant.objects.bulk_create(
            WorkshopParticipant(workshop=workshop, person=person, name="") for person in people[index::20]
        )
        NextStep.objects.bulk_create(
            NextStep(workshop=workshop, action=f"Suite {n}", owner=people[n], due_on=timezone.localdate())
            for n in range(3)
        )
        ResourceFactory(lab=lab).phases.set(phases[:2])


PAGES = {
    "skills matrix": ("facilitator", lambda w: reverse("labs:skills_matrix", args=[w["network"].pk])),
    "skills matrix, filtered": (
        "facilitator",
        lambda w: (
            reverse("labs:skills_matrix", args=[w["network"].pk])
            + f"?phase={w['lab'].phases.first().pk}&min_appetence=1&role=ambassador"
        ),
    ),
    "dashboard": ("facilitator", lambda w: reverse("labs:dashboard", args=[w["lab"].pk])),
    "network page": ("owner", lambda w: reverse("labs:network_detail", args=[w["network"].pk])),
    "members": ("facilitator", lambda w: reverse("labs:member_list", args=[w["network"].pk])),
    "attestation queue": ("facilitator", lambda w: reverse("labs:attestation_queue", args=[w["network"].pk])),
    "onboarding": ("owner", lambda w: reverse("labs:onboarding", args=[w["network"].pk])),
    "charter version": ("owner", lambda w: reverse("labs:charter_version", args=[w["network"].pk, 1])),
    "audit": ("facilitator", lambda w: reverse("labs:network_audit", args=[w["network"].pk])),
    "lab list": ("owner", lambda w: reverse("labs:lab_list")),
    "lab page": ("owner", lambda w: reverse("labs:lab_detail", args=[w["lab"].pk])),
    "me": ("owner", lambda w: reverse("labs:me")),
    "sessions": ("owner", lambda w: reverse("labs:session_list", args=[w["lab"].pk])),
    "session page": ("owner", lambda w: reverse("labs:session_detail", args=[w["session"].pk])),
    "attendance": ("facilitator", lambda w: reverse("labs:attendance", args=[w["session"].pk])),
    "agenda": ("facilitator", lambda w: reverse("labs:agenda_edit", args=[w["session"].pk])),
    "workshops": ("owner", lambda w: reverse("labs:workshop_list", args=[w["lab"].pk])),
    "workshop page": ("facilitator", lambda w: reverse("labs:workshop_detail", args=[w["workshop"].pk])),
    "library": ("owner", lambda w: reverse("labs:resource_list", args=[w["lab"].pk])),
    "lab feed": ("owner", lambda w: reverse("labs:lab_calendar", args=[w["lab"].pk])),
    # Forms: their choices (members, sessions, phases, resources) are one query each, whatever their size.
    "lab creation": ("staff", lambda w: reverse("labs:lab_create")),
    "lab edition": ("facilitator", lambda w: reverse("labs:lab_edit", args=[w["lab"].pk])),
    "phases": ("facilitator", lambda w: reverse("labs:phase_edit", args=[w["lab"].pk])),
    "network creation": ("facilitator", lambda w: reverse("labs:network_create", args=[w["lab"].pk])),
    "network edition": ("facilitator", lambda w: reverse("labs:network_edit", args=[w["network"].pk])),
    "application": ("outsider", lambda w: reverse("labs:network_apply", args=[w["network"].pk])),
    "values": ("facilitator", lambda w: reverse("labs:values_edit", args=[w["network"].pk])),
    "charter edition": ("facilitator", lambda w: reverse("labs:charter_edit", args=[w["network"].pk])),
    "network export": ("facilitator", lambda w: reverse("labs:network_export", args=[w["network"].pk])),
    "invitation": ("facilitator", lambda w: reverse("labs:member_invite", args=[w["network"].pk])),
    "my skills": ("owner", lambda w: reverse("labs:skills_edit", args=[w["membership"].pk])),
    "interviews": ("facilitator", lambda w: reverse("labs:interviews", args=[w["membership"].pk])),
    "authorisation": ("facilitator", lambda w: reverse("labs:authorisation", args=[w["membership"].pk])),
    "journey edition": ("facilitator", lambda w: reverse("labs:onboarding_edit", args=[w["network"].pk])),
    "session creation": ("facilitator", lambda w: reverse("labs:session_create", args=[w["lab"].pk])),
    "session edition": ("facilitator", lambda w: reverse("labs:session_edit", args=[w["session"].pk])),
    "agenda slot": ("facilitator", lambda w: reverse("labs:agenda_item_edit", args=[w["item"].pk])),
    "workshop creation": ("facilitator", lambda w: reverse("labs:workshop_create", args=[w["lab"].pk])),
    "workshop edition": ("facilitator", lambda w: reverse("labs:workshop_edit", args=[w["workshop"].pk])),
    "synthesis": ("facilitator", lambda w: reverse("labs:synthesis_edit", args=[w["workshop"].pk])),
    "resource creation": ("facilitator", lambda w: reverse("labs:resource_create", args=[w["lab"].pk])),
    "resource edition": ("facilitator", lambda w: reverse("labs:resource_edit", args=[w["resource"].pk])),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_page_makes_as_many_queries_with_200_members_as_with_10(client, world, personas, page):
    persona, url_of = PAGES[page]
    client.force_login(personas[persona])
    _grow(world, 10)
    url = url_of(world)
    small = count_queries(get_ok(client, url))

    _grow(world, 190)
    large = count_queries(get_ok(client, url))

    assert_constant_queries(small, large, what=page)


def test_the_skills_matrix_shows_the_200_members_with_their_ratings(client, world, facilitator):
    _grow(world, 200)
    client.force_login(facilitator)

    response = client.get(reverse("labs:skills_matrix", args=[world["network"].pk]))

    matrix = response.context["matrix"]
    assert len(matrix.rows) == 203  # the coordinator, the two ambassadors and the 200
    assert sum(cell is not None for row in matrix.rows for cell in row.cells) == 200 * 5
