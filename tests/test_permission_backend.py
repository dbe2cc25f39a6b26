"""The authentication backend only authenticates: ``rules`` answers every permission question.

The demo's staff login is a superuser with ``is_staff``; before this, Django's ``ModelBackend`` and the
``PermissionsMixin`` superuser shortcut let such a person pass every role rule.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from challenges.models import TeamMembership
from grids.models import Assessment
from labs.models import CharterAcceptance
from tests.challenges.factories import ChallengeFactory, TeamMembershipFactory
from tests.factories import PASSWORD, UserFactory
from tests.labs.factories import CharterFactory, NetworkFactory, NetworkMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superstaff(db):
    """Like the demo's staff login: staff and superuser."""
    return UserFactory(email="superstaff@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def bare_superuser(db):
    """A superuser who is not staff and holds no role anywhere."""
    return UserFactory(email="root@example.org", is_superuser=True)


@pytest.fixture
def challenge(db):
    challenge = ChallengeFactory()
    TeamMembershipFactory(challenge=challenge, role=TeamMembership.Role.OWNER)
    return challenge


def test_staff_cannot_start_a_self_assessment_of_a_challenge_they_are_not_on_the_team_of(client, superstaff, challenge):
    assert not superstaff.has_perm("grids.start_self_assessment", challenge)
    client.force_login(superstaff)

    response = client.post(reverse("grids:assessment_start", args=[challenge.pk]))

    assert response.status_code == 403
    assert not Assessment.objects.filter(challenge=challenge).exists()


def test_staff_still_follow_the_assessments_of_every_challenge(superstaff, challenge):
    assert superstaff.has_perm("grids.view_assessments", challenge)
    assert superstaff.has_perm("challenges.change_challenge", challenge)


def test_staff_cannot_accept_a_charter_of_a_network_they_are_not_a_member_of(client, superstaff):
    charter = CharterFactory()
    assert not superstaff.has_perm("labs.accept_charter", charter.network)
    client.force_login(superstaff)

    client.post(reverse("labs:charter_accept", args=[charter.network.pk]), {"version": charter.version})

    assert not CharterAcceptance.objects.filter(person=superstaff).exists()


def test_a_member_still_accepts_their_network_charter(client):
    network = NetworkFactory()
    charter = CharterFactory(network=network)
    member = NetworkMembershipFactory(network=network).person
    client.force_login(member)

    client.post(reverse("labs:charter_accept", args=[network.pk]), {"version": charter.version})

    assert CharterAcceptance.objects.filter(person=member, charter=charter).exists()


@pytest.mark.parametrize(
    "permission",
    [
        "grids.start_self_assessment",
        "challenges.change_challenge",
        "challenges.share_verdict",
        "challenges.manage_team",
        "innovation.access_staff_area",
        "challenges.add_edition",
    ],
)
def test_a_superuser_without_roles_is_refused_role_only_and_staff_actions(bare_superuser, challenge, permission):
    assert not bare_superuser.has_perm(permission, challenge)


def test_a_superuser_without_roles_is_refused_a_role_only_page(client, bare_superuser, challenge):
    client.force_login(bare_superuser)

    response = client.post(reverse("grids:assessment_start", args=[challenge.pk]))

    assert response.status_code == 403
    assert not Assessment.objects.filter(challenge=challenge).exists()


def test_a_deactivated_person_holds_no_permission(superstaff, challenge):
    superstaff.is_active = False

    assert not superstaff.has_perm("challenges.change_challenge", challenge)
    assert not superstaff.has_module_perms("challenges")


def test_a_permission_question_reads_no_permission_table(superstaff, challenge):
    with CaptureQueriesContext(connection) as queries:
        superstaff.has_perm("innovation.access_staff_area")
        superstaff.has_perm("challenges.add_edition")
        superstaff.get_all_permissions()

    assert not [q["sql"] for q in queries.captured_queries if "auth_permission" in q["sql"]]
    assert superstaff.get_all_permissions() == set()


def test_the_backend_authenticates_by_e_mail_and_password_an_active_person_only(rf):
    person = UserFactory(email="someone@example.org")

    assert authenticate(rf.get("/"), email="someone@example.org", password=PASSWORD) == person
    assert authenticate(rf.get("/"), email="someone@example.org", password="wrong") is None
    person.is_active = False
    person.save()
    assert authenticate(rf.get("/"), email="someone@example.org", password=PASSWORD) is None


# --- The admin: rules answer what it asks -------------------------------------------------------------------

ADMIN_PAGES = [
    "admin:index",
    "admin:innovation_user_changelist",
    "admin:innovation_organisation_changelist",
    "admin:challenges_challenge_changelist",
    "admin:grids_grid_changelist",
    "admin:labs_lab_changelist",
    "admin:labs_network_changelist",
]


@pytest.mark.parametrize("page", ADMIN_PAGES)
@pytest.mark.parametrize("superuser", [False, True])
def test_staff_open_the_admin_pages(client, page, superuser):
    staff = UserFactory(email="desk@example.org", is_staff=True, is_superuser=superuser)
    client.force_login(staff)

    response = client.get(reverse(page))

    assert response.status_code == 200


def test_the_admin_index_lists_every_app_to_staff(client, staff):
    client.force_login(staff)

    html = client.get(reverse("admin:index")).content.decode()

    for url in ("/admin/innovation/user/", "/admin/challenges/challenge/", "/admin/grids/grid/", "/admin/labs/lab/"):
        assert url in html


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_the_admin_pages_stay_closed_to_others(client, page, bare_superuser, outsider):
    for person in (bare_superuser, outsider):
        client.force_login(person)

        response = client.get(reverse(page))

        assert response.status_code == 302
        assert "login" in response["Location"]
