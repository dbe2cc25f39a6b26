"""The demo data of labs: seed 004's Transfo Occitanie run by the demo coordinator, PACA's lab, loaded twice
without duplicates, and every page of the demo answers for its coordinator and an ambassador."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.urls import reverse

from labs.models import (
    AgendaItem,
    Authorisation,
    Charter,
    CoordinationDuty,
    Lab,
    LabSession,
    NetworkMembership,
    NetworkValue,
    Resource,
    SkillRating,
    Workshop,
)
from labs.selectors.onboarding import network_progress
from tests.factories import TOTP_SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    for _ in range(2):
        call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Lab.objects.get(name="La Transfo Occitanie")


def test_the_transfo_has_its_five_values_two_at_risk_and_two_charter_versions(demo):
    network = demo.networks.get()
    values = list(NetworkValue.objects.filter(network=network))

    assert [value.name for value in values] == ["Autonomie", "Horizontalité", "Frugalité", "Curiosité", "Congruence"]
    assert {value.name for value in values if value.at_risk} == {"Autonomie", "Horizontalité"}
    assert list(Charter.objects.filter(network=network).values_list("version", flat=True)) == [2, 1]


def test_the_demo_coordinator_runs_the_transfo_and_only_it(demo):
    coordinator = NetworkMembership.objects.get(network__lab=demo, role=NetworkMembership.Role.COORDINATOR)
    paca = Lab.objects.get(name="Le Lab’ PACA")

    assert coordinator.person.email == "coordinatrice@demo.defis.fr"
    assert coordinator.person.has_perm("labs.change_lab", demo)
    assert not coordinator.person.has_perm("labs.change_lab", paca)
    assert set(paca.duties.values_list("kind", flat=True)) == set(CoordinationDuty.Kind.values)


def test_session_11_in_toulouse_with_its_sequences_over_two_days(demo):
    session = LabSession.objects.get(lab=demo, number=11)

    assert (session.place, str(session.starts_on), str(session.ends_on)) == ("Toulouse", "2018-03-26", "2018-03-27")
    assert AgendaItem.objects.filter(session=session).values("day").distinct().count() == 2
    assert set(AgendaItem.objects.filter(session=session).values_list("kind", flat=True)) == set(AgendaItem.Kind.values)


def test_ambassadors_with_skills_one_mid_onboarding_one_authorisation_expiring(demo):
    network = demo.networks.get()
    _journey, steps, progress = network_progress(network=network)
    margaux = NetworkMembership.objects.get(network=network, person__display_name="Margaux Delmas")

    assert SkillRating.objects.filter(membership__network=network).count() == 7 * 5
    assert 0 < progress[margaux.pk].complete < len(steps)
    assert Authorisation.objects.get(membership__person__display_name="Thomas Vidal").valid_until is not None


def test_workshop_emergence_glossary_and_loading_twice_duplicates_nothing(demo):
    workshop = Workshop.objects.get(series="Atelier 2", name="Emergence")
    glossary = set(Resource.objects.filter(lab=demo, kind=Resource.Kind.GLOSSARY).values_list("title", flat=True))

    assert workshop.question and workshop.proposal and workshop.synthesis_published_at
    assert {"Défi", "Porteur", "Démarreur bienveillant", "Complice", "Transfo +"} <= glossary
    assert Workshop.objects.filter(lab=demo).count() == 2
    assert Lab.objects.count() == 2


@pytest.mark.parametrize("email", ["coordinatrice@demo.defis.fr", "testeur@demo.defis.fr", "staff@demo.defis.fr"])
def test_every_page_of_the_demo_lab_answers(demo, client, email):
    from innovation.models import User

    person = User.objects.get(email=email)
    if person.is_staff:  # staff sign in with two factors (innovation.middleware)
        TOTP.activate(person, TOTP_SECRET)
    client.force_login(person)
    network = demo.networks.get()
    session = LabSession.objects.get(lab=demo, number=11)
    workshop = Workshop.objects.get(series="Atelier 2")
    pages = [
        reverse("labs:lab_list"),
        reverse("labs:lab_detail", args=[demo.pk]),
        reverse("labs:me"),
        reverse("labs:network_detail", args=[network.pk]),
        reverse("labs:charter_version", args=[network.pk, 2]),
        reverse("labs:skills_matrix", args=[network.pk]),
        reverse("labs:onboarding", args=[network.pk]),
        reverse("labs:session_list", args=[demo.pk]),
        reverse("labs:session_detail", args=[session.pk]),
        reverse("labs:workshop_list", args=[demo.pk]),
        reverse("labs:workshop_detail", args=[workshop.pk]),
        reverse("labs:resource_list", args=[demo.pk]),
    ]
    if email.startswith("coordinatrice"):
        pages += [
            reverse("labs:dashboard", args=[demo.pk]),
            reverse("labs:lab_edit", args=[demo.pk]),
            reverse("labs:phase_edit", args=[demo.pk]),
            reverse("labs:member_list", args=[network.pk]),
            reverse("labs:values_edit", args=[network.pk]),
            reverse("labs:charter_edit", args=[network.pk]),
            reverse("labs:onboarding_edit", args=[network.pk]),
            reverse("labs:attestation_queue", args=[network.pk]),
            reverse("labs:network_audit", args=[network.pk]),
            reverse("labs:agenda_edit", args=[session.pk]),
            reverse("labs:attendance", args=[session.pk]),
            reverse("labs:workshop_edit", args=[workshop.pk]),
            reverse("labs:synthesis_edit", args=[workshop.pk]),
            reverse("labs:session_create", args=[demo.pk]),
            reverse("labs:workshop_create", args=[demo.pk]),
            reverse("labs:resource_create", args=[demo.pk]),
        ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"


def test_the_three_commissions_of_session_11_with_one_team_from_the_suggestion(demo):
    from labs.models import Authorisation, Commission, StaffingProposal

    commissions = {c.case: c for c in Commission.objects.filter(lab=demo)}
    assert len(commissions) == 3  # loaded twice, not duplicated
    occiline = commissions["Cas n°3 · sujet 1"]
    assert occiline.title == "Occiline"
    assert occiline.reformulations.get(field="title").before == "Occiborne"
    assert occiline.state == Commission.State.TEAM_FORMED
    assert occiline.interview.answers and occiline.grids.get().checked_at is not None
    team = StaffingProposal.objects.filter(commission=occiline, status="accepted").select_related("membership")
    assert team.exists()
    # Only members with a granted authorisation, whose allowance holds one more commission.
    for proposal in team:
        authorisation = Authorisation.objects.get(membership=proposal.membership)
        assert authorisation.status == Authorisation.Status.GRANTED
        assert authorisation.days_per_month >= occiline.days_per_month
    assert commissions["Cas n°3 · sujet 3"].expected_output.startswith("Un événement")
    assert "teste" in commissions["Cas n°3 · sujet 2"].question
    assert all("@demo.defis.fr" in c.commissioner.email for c in commissions.values())
