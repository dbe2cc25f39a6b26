"""The labs' permissions, as decided: a coordinator manages only their own lab; members read their network;
interview notes and authorisation files are for the member and the coordinators; staff read labs and create
them, but change nothing inside a network and never see what is confidential."""

from __future__ import annotations

import pytest
from django.urls import reverse

from labs.models import CharterAcceptance

pytestmark = pytest.mark.django_db


def test_a_coordinator_manages_their_lab_and_not_another(world, facilitator):
    assert facilitator.has_perm("labs.change_lab", world["lab"])
    assert facilitator.has_perm("labs.manage_members", world["network"])
    assert facilitator.has_perm("labs.attest_step", world["completion"])
    elsewhere = [
        ("labs.change_lab", world["other_lab"]),
        ("labs.manage_members", world["other_network"]),
        ("labs.attest_step", world["other"]["completion"]),
        ("labs.manage_sessions", world["other"]["session"]),
    ]
    for perm, obj in elsewhere:
        assert not facilitator.has_perm(perm, obj), perm


def test_staff_read_and_create_but_change_nothing_inside_a_network(world, staff):
    readable = [("labs.view_network", world["network"]), ("labs.view_dashboard", world["lab"]),
                ("labs.view_skills", world["network"]), ("labs.view_audit", world["network"]),
                ("labs.view_sessions", world["lab"]), ("labs.export_network", world["network"])]  # fmt: skip
    forbidden = [("labs.accept_charter", world["network"]), ("labs.attest_step", world["completion"]),
                 ("labs.publish_charter", world["network"]), ("labs.manage_members", world["network"]),
                 ("labs.view_interviews", world["membership"]), ("labs.view_authorisation", world["membership"]),
                 ("labs.change_workshop", world["workshop"]), ("labs.complete_step", world["step"])]  # fmt: skip

    assert staff.has_perm("labs.add_lab")
    assert all(staff.has_perm(perm, obj) for perm, obj in readable)
    assert not any(staff.has_perm(perm, obj) for perm, obj in forbidden)


def test_a_superuser_who_is_not_a_member_accepts_no_charter_through_the_page_either(client, world, staff):
    staff.is_superuser = True  # superusers pass every permission today; the service still refuses
    staff.save()
    client.force_login(staff)

    client.post(reverse("labs:charter_accept", args=[world["network"].pk]))

    assert not CharterAcceptance.objects.filter(person=staff).exists()


def test_interview_notes_are_for_the_member_and_the_coordinators(world, owner, contributor, facilitator):
    membership = world["membership"]  # the owner's

    assert owner.has_perm("labs.view_interviews", membership)
    assert facilitator.has_perm("labs.view_interviews", membership)
    assert not contributor.has_perm("labs.view_interviews", membership)
    assert not owner.has_perm("labs.record_interview", membership)


def test_one_who_left_keeps_nothing_but_their_own_records(world, owner):
    from labs.services.networks import member_leave

    member_leave(membership=world["membership"])
    world["membership"].refresh_from_db()
    owner = type(owner).objects.get(pk=owner.pk)  # a fresh user: roles are read once per user object

    assert not owner.has_perm("labs.view_network", world["network"])
    assert owner.has_perm("labs.view_authorisation", world["membership"])
    assert not owner.has_perm("labs.change_authorisation", world["membership"])
    assert not owner.has_perm("labs.change_skills", world["membership"])
