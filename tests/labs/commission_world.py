"""A lab with a coordinator, six ambassadors rated on its phases (four with a granted authorisation), and
a commissioner with an account: the ground for commissions' tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from labs.models import Authorisation, Commission, GridQuestion, NetworkMembership, SkillRating
from labs.services import commissions as services
from tests.factories import UserFactory
from tests.labs.factories import NetworkFactory, NetworkMembershipFactory

DEPARTMENTS = ["DRH", "Jeunesse", "Numérique", "Finances", "Culture", "Transports"]


def commission_lab(*, coordinator=None, ambassadors=None, commissioner=None):
    network = NetworkFactory(name="Ambassadeurs")
    lab = network.lab
    phases = list(lab.phases.all())
    coordinator = coordinator or UserFactory(display_name="Inès Coordinatrice")
    coordination = NetworkMembershipFactory(
        network=network, person=coordinator, role=NetworkMembership.Role.COORDINATOR, department="Lab"
    )
    people = ambassadors or [UserFactory() for _ in range(6)]
    members = []
    for index, person in enumerate(people):
        membership = NetworkMembershipFactory(network=network, person=person, department=DEPARTMENTS[index % 6])
        for position, phase in enumerate(phases):
            SkillRating.objects.create(
                membership=membership,
                phase=phase,
                competence=3 if (index + position) % 3 == 0 else 1,
                appetence=(index + position) % 4,
            )
        if index < 4:
            Authorisation.objects.create(
                membership=membership,
                manager_name="Responsable",
                status=Authorisation.Status.GRANTED,
                valid_until=timezone.localdate() + datetime.timedelta(days=100),
                days_per_month=Decimal(2),
            )
        members.append(membership)
    return {
        "lab": lab,
        "network": network,
        "phases": phases,
        "coordinator": coordinator,
        "coordination": coordination,
        "members": members,
        "commissioner": commissioner or UserFactory(display_name="Claire Commanditaire"),
    }


def commission_at(world, state: str, *, title="Occiborne", interviewers=None) -> Commission:
    """A commission brought through the services up to ``state``."""
    coordinator, members = world["coordinator"], world["members"]
    commission = services.commission_create(
        lab=world["lab"],
        actor=coordinator,
        title=title,
        case="cas n°3",
        initial_request="Installer une borne d'accueil dans les Maisons de la Région.",
        initial_output="Une borne",
        commissioner=world["commissioner"],
        commissioner_name=str(world["commissioner"]),
        commissioner_department="Direction de la relation usagers",
        phases=world["phases"][:3],
    )
    order = list(Commission.State.values)
    target = order.index(state)
    if target >= order.index(Commission.State.INTAKE_PLANNED):
        grid = services.grid_current(commission=commission)
        services.grid_question_add(grid=grid, actor=coordinator, section="outline", text="Quel est le besoin ?")
        services.grid_question_add(
            grid=grid,
            actor=coordinator,
            section=GridQuestion.Section.UNCOMFORTABLE,
            text="À quoi servira-t-elle vraiment ?",
            about_usefulness=True,
        )
        services.interview_plan(
            commission=commission,
            actor=coordinator,
            held_at=timezone.now() + datetime.timedelta(days=3),
            place="Maison de la Région de Montpellier",
            interviewers=[(p, "Animatrice") for p in (interviewers or [coordinator])],
            interviewees=[("Claire Commanditaire", "Commanditaire")],
        )
    if target >= order.index(Commission.State.INTERVIEWED):
        services.grid_submit(grid=grid, actor=coordinator, checker=members[0].person)
        services.grid_check(grid=grid, actor=members[0].person, notes="Bonne grille.")
        services.interview_record(commission=commission, actor=coordinator)
    if target >= order.index(Commission.State.REFORMULATED):
        services.reformulation_record(
            commission=commission,
            actor=coordinator,
            changes={"title": ("Occiline", "Plus qu'une borne : un guichet numérique.")},
        )
    if target >= order.index(Commission.State.VALIDATED):
        services.reformulation_review(commission=commission, actor=world["commissioner"], validated=True)
    if target >= order.index(Commission.State.TEAM_FORMED):
        services.staffing_propose(commission=commission, actor=coordinator, memberships=members[:4], why={})
        for proposal in commission.proposals.all():
            services.proposal_answer(proposal=proposal, actor=proposal.membership.person, accept=True)
        services.team_confirm(commission=commission, actor=coordinator)
    if target >= order.index(Commission.State.IN_PROGRESS):
        services.commission_start(commission=commission, actor=coordinator)
    commission.refresh_from_db()
    return commission
