"""A network's life: staff create a lab and its first coordinator; coordinators invite members (existing
accounts are added and notified, new people invited), answer volunteers' applications, change roles;
members leave; values are edited in the browser, each change audited with its author."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from innovation.models import Invitation, Notification
from labs.models import AuditEntry, CoordinationDuty, Lab, MethodPhase, NetworkMembership, NetworkValue
from labs.services import labs as lab_services
from labs.services import networks
from tests.factories import UserFactory
from tests.labs.factories import SkillRatingFactory

pytestmark = pytest.mark.django_db
Status = NetworkMembership.Status


def test_staff_create_a_lab_with_its_duties_phases_first_network_and_coordinator(client, staff):
    client.force_login(staff)

    response = client.post(
        reverse("labs:lab_create"),
        {"name": "Le Lab’ PACA", "organisation_name": "Région Sud", "territory": "", "description": "",
         "network_name": "Réseau des référents", "network_kind": "referents",
         "coordinator_email": "camille@example.org", "coordinator_name": "Camille Arnaud"},
    )  # fmt: skip

    lab = Lab.objects.get(name="Le Lab’ PACA")
    assert response["Location"] == reverse("labs:lab_detail", args=[lab.pk])
    assert set(lab.duties.values_list("kind", flat=True)) == set(CoordinationDuty.Kind.values)
    assert list(MethodPhase.objects.filter(lab=lab).values_list("name", flat=True)) == [
        "Reformulation de la commande", "Enquête terrain", "Idéation", "Prototypage", "Test",
    ]  # fmt: skip
    coordinator = NetworkMembership.objects.get(network__lab=lab)
    assert (coordinator.role, coordinator.person.email) == ("coordinator", "camille@example.org")
    assert Invitation.objects.get(person=coordinator.person).next_url.startswith("/labos/reseaux/")


def test_inviting_someone_who_uses_defis_adds_and_notifies_them(
    client, world, facilitator, outsider, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("labs:member_invite", args=[world["network"].pk]),
            {"email": "OUTSIDER@example.org", "role": "resident"},
        )

    membership = NetworkMembership.objects.get(network=world["network"], person=outsider)
    assert (membership.role, membership.status) == ("resident", Status.ACTIVE)
    assert mail.outbox[0].to == [outsider.email]
    assert "vous a ajouté au réseau «\u00a0Réseau des ambassadeurs\u00a0»" in mail.outbox[0].body
    assert "comme Résident·e" in mail.outbox[0].body
    assert AuditEntry.objects.get(action=AuditEntry.Action.MEMBER_ADDED).actor == facilitator


def test_inviting_a_new_person_sends_a_signed_invitation_and_a_member_twice_is_refused(client, world, facilitator):
    client.force_login(facilitator)
    url = reverse("labs:member_invite", args=[world["network"].pk])

    client.post(url, {"email": "nadia@example.org", "display_name": "Nadia Cherif", "role": "ambassador"})
    response = client.post(url, {"email": "nadia@example.org", "role": "ambassador"})

    invitation = Invitation.objects.get(person__email="nadia@example.org")
    assert invitation.next_url == reverse("labs:network_detail", args=[world["network"].pk])
    assert invitation.purpose_params == {"network": "Réseau des ambassadeurs", "lab": world["lab"].name}
    assert "déjà membre du réseau" in response.context["form"].errors["email"][0]


def test_a_volunteer_applies_the_coordinators_are_told_and_one_accepts(
    client, world, facilitator, outsider, django_capture_on_commit_callbacks
):
    network = world["network"]
    client.force_login(outsider)
    response = client.post(reverse("labs:network_apply", args=[network.pk]), {"message": ""})
    assert "Dites en quelques mots" in response.context["form"].errors["message"][0]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("labs:network_apply", args=[network.pk]), {"message": "J’anime des ateliers."})
    application = NetworkMembership.objects.get(network=network, person=outsider)
    assert application.status == Status.APPLIED
    assert Notification.objects.get(kind="labs_application_received").recipient == facilitator

    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("labs:application_accept", args=[application.pk]), {"role": "referent"})

    application.refresh_from_db()
    assert (application.status, application.role) == (Status.ACTIVE, "referent")
    assert Notification.objects.get(kind="labs_network_added", recipient=outsider).context["application_accepted"]


def test_a_declined_volunteer_is_told_and_may_apply_again(world, facilitator, outsider):
    network = world["network"]
    application = networks.network_apply(network=network, person=outsider, message="Je voudrais aider.")

    networks.application_decline(membership=application, actor=facilitator)
    again = networks.network_apply(network=network, person=outsider, message="Une seconde fois.")

    assert Notification.objects.filter(kind="labs_application_declined", recipient=outsider).exists()
    assert again.pk == application.pk and again.status == Status.APPLIED


def test_a_closed_network_takes_no_application(world, outsider):
    world["network"].is_open = False
    world["network"].save()

    with pytest.raises(ValidationError):
        networks.network_apply(network=world["network"], person=outsider, message="Bonjour")


def test_a_member_leaves_but_the_last_coordinator_cannot(client, world, facilitator, contributor):
    client.force_login(contributor)
    client.post(reverse("labs:network_leave", args=[world["network"].pk]))
    client.force_login(facilitator)
    client.post(reverse("labs:network_leave", args=[world["network"].pk]))

    statuses = dict(NetworkMembership.objects.filter(network=world["network"]).values_list("person__email", "status"))
    assert statuses[contributor.email] == Status.LEFT
    assert statuses[facilitator.email] == Status.ACTIVE
    with pytest.raises(ValidationError):
        networks.member_role_change(membership=world["coordination"], actor=facilitator, role="ambassador")


def test_one_who_left_reads_the_network_no_more(client, world, contributor):
    networks.member_leave(membership=world["memberships"][1])
    client.force_login(contributor)

    assert client.get(reverse("labs:network_detail", args=[world["network"].pk])).status_code == 404


def _values_post(client, network, rows):
    data = {"values-TOTAL_FORMS": str(len(rows)), "values-INITIAL_FORMS": "0", "values-MIN_NUM_FORMS": "0",
            "values-MAX_NUM_FORMS": "30"}  # fmt: skip
    for index, row in enumerate(rows):
        for field, value in row.items():
            data[f"values-{index}-{field}"] = value
    return client.post(reverse("labs:values_edit", args=[network.pk]), data)


def test_values_are_edited_in_the_browser_and_each_change_is_audited(client, world, facilitator):
    network = world["network"]
    frugality = network.values.get()
    client.force_login(facilitator)

    response = _values_post(client, network, [
        {"pk": frugality.pk, "name": "Frugalité", "description": "Faire avec peu.", "position": "3"},
        {"name": "Autonomie", "description": "Prendre des initiatives.", "position": "1", "at_risk": "on",
         "risk_note": "Chaque initiative attend une validation."},
        {"name": "Horizontalité", "position": "2", "at_risk": "on", "risk_note": ""},
    ])  # fmt: skip
    assert "Dites pourquoi «\u00a0Horizontalité\u00a0» est menacée." in response.content.decode()
    assert NetworkValue.objects.filter(network=network).count() == 1

    _values_post(client, network, [
        {"pk": frugality.pk, "name": "Frugalité", "description": "Faire avec peu.", "position": "3"},
        {"name": "Autonomie", "position": "1", "at_risk": "on", "risk_note": "Chaque initiative attend."},
    ])  # fmt: skip

    assert list(NetworkValue.objects.filter(network=network).values_list("name", "at_risk")) == [
        ("Autonomie", True), ("Frugalité", False),
    ]  # fmt: skip
    changed = AuditEntry.objects.get(action=AuditEntry.Action.VALUE_CHANGED)
    assert changed.actor == facilitator and changed.subject == "Frugalité"
    assert changed.changes["description"] == ["Tester petit.", "Faire avec peu."]
    assert AuditEntry.objects.get(action=AuditEntry.Action.VALUE_ADDED).subject == "Autonomie"


def test_two_values_may_swap_their_names(world, facilitator):
    network = world["network"]
    second = NetworkValue.objects.create(network=network, name="Curiosité", position=2)
    first = network.values.get(name="Frugalité")

    networks.network_values_update(network=network, actor=facilitator, values=[
        networks.ValueInput(pk=first.pk, name="Curiosité", position=1),
        networks.ValueInput(pk=second.pk, name="Frugalité", position=2),
    ])  # fmt: skip

    assert NetworkValue.objects.get(pk=first.pk).name == "Curiosité"


def test_a_phase_members_rated_cannot_be_removed(world, facilitator):
    phase = world["lab"].phases.first()
    SkillRatingFactory(membership=world["membership"], phase=phase)
    others = [lab_services.PhaseInput(pk=p.pk, name=p.name, position=p.position) for p in world["lab"].phases.all()[1:]]

    with pytest.raises(ValidationError) as error:
        lab_services.lab_phases_update(lab=world["lab"], actor=facilitator, phases=[
            lab_services.PhaseInput(pk=phase.pk, name=phase.name, position=1, delete=True), *others
        ])  # fmt: skip

    assert "renommez la phase" in error.value.messages[0]
    assert MethodPhase.objects.filter(pk=phase.pk).exists()


def test_a_coordinator_edits_the_coordination_function_with_members_of_the_lab_only(client, world, facilitator, owner):
    world["lab"].duties.create(kind="organisation", position=0)
    client.force_login(facilitator)
    url = reverse("labs:lab_edit", args=[world["lab"].pk])

    stranger = UserFactory()
    response = client.post(url, {"territory": "Occitanie", "description": "", "organisation_holder": stranger.pk,
                                 "organisation_description": ""})  # fmt: skip
    assert "organisation_holder" in response.context["form"].errors
    client.post(url, {"territory": "Occitanie", "description": "", "organisation_holder": owner.pk,
                      "organisation_description": "Logistique des sessions"})  # fmt: skip

    duty = world["lab"].duties.get(kind="organisation")
    assert (duty.holder, duty.description) == (owner, "Logistique des sessions")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LAB_CHANGED, actor=facilitator).exists()


def test_the_history_names_what_changed_in_words(client, world, facilitator):
    value = world["network"].values.get()
    networks.network_values_update(
        network=world["network"],
        actor=facilitator,
        values=[networks.ValueInput(pk=value.pk, name="Frugalité", at_risk=True, risk_note="Les budgets fondent.")],
    )
    client.force_login(facilitator)

    page = client.get(reverse("labs:network_audit", args=[world["network"].pk])).content.decode()

    assert "<strong>menacée\u00a0:</strong>" in page and "<strong>pourquoi elle est menacée\u00a0:</strong>" in page
    assert "Yann (facilitator)" in page and "Valeur modifiée" in page


def test_a_visitor_reads_the_lab_s_public_page_and_is_invited_to_sign_in_to_apply(client, world):
    page = client.get(reverse("labs:lab_detail", args=[world["lab"].pk])).content.decode()

    assert "Réseau des ambassadeurs" in page and "Frugalité" not in page  # values are for members
    apply_url = reverse("labs:network_apply", args=[world["network"].pk])
    assert f'href="{reverse("account_login")}?next={apply_url}"' in page
    assert "Se connecter pour candidater\u00a0: Réseau des ambassadeurs" in page
