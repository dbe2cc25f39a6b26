"""A person's data: the download gathers every app's part; the erasure empties the account and keeps the work."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from challenges.models import AuditEntry, TeamMembership
from challenges.services.teams import team_member_invite
from grids.models import Assessment
from innovation.models import Export, Notification, User
from innovation.services import privacy
from innovation.services.exports import export_run
from labs.models import CharterAcceptance, NetworkMembership
from tests.challenges.conftest import world
from tests.factories import PASSWORD, NotificationFactory, UserFactory
from tests.grids.assessment_factories import AssessmentFactory, grid_build, submitted
from tests.innovation.factories_exports import ExportFactory
from tests.labs.factories import CharterFactory, NetworkMembershipFactory

pytestmark = pytest.mark.django_db

__all__ = ["world"]


@pytest.fixture
def active_owner(world, owner, facilitator, settings, tmp_path):
    """The owner of the world's challenge, with something in every app: an assessment, a network, messages."""
    settings.MEDIA_ROOT = tmp_path
    grid = grid_build()
    kept = submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=3)
    draft = AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner)
    membership = NetworkMembershipFactory(person=owner)
    CharterAcceptance.objects.create(charter=CharterFactory(network=membership.network), person=owner)
    NotificationFactory(recipient=owner, context={"title": '=HYPERLINK("http://evil")'})
    return {"kept": kept, "draft": draft, "network": membership.network}


def _download(person: User) -> zipfile.ZipFile:
    export = privacy.personal_data_request(person=person)
    export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.state == Export.State.DONE, export.error
    assert export.file.name.endswith(".zip")
    return zipfile.ZipFile(export.file.open("rb"))


def test_the_download_holds_every_apps_part_as_json_and_csv(world, owner, active_owner):
    archive = _download(owner)
    names = set(archive.namelist())

    # Then each section is there twice, and the note that explains them
    for section in ("profile", "notifications", "exports", "challenge_teams", "assessments", "network_memberships",
                    "charter_acceptances", "challenge_changes"):  # fmt: skip
        assert {f"{section}.json", f"{section}.csv"} <= names
    assert "LISEZMOI.txt" in names or "README.txt" in names

    # And the assessment is in it, with its answers and verdict
    assessments = json.loads(archive.read("assessments.json"))
    submitted_one = next(item for item in assessments if item["status"] == "submitted")
    assert submitted_one["challenge_question"] == world["challenge"].question
    assert submitted_one["verdict"] == active_owner["kept"].verdict
    assert len(submitted_one["answers"]) == 10
    profile = json.loads(archive.read("profile.json"))[0]
    assert profile["email"] == owner.email and "secret" not in json.dumps(profile)
    teams = list(csv.DictReader(io.StringIO(archive.read("challenge_teams.csv").decode("utf-8-sig")), delimiter=";"))
    assert {row["role"] for row in teams} == {"owner"}
    charters = json.loads(archive.read("charter_acceptances.json"))
    assert charters[0]["network"] == active_owner["network"].name


def test_a_csv_cell_that_looks_like_a_formula_is_neutralised(owner, active_owner):
    text = _download(owner).read("notifications.csv").decode("utf-8-sig")

    assert '\'{"title"' not in text  # the JSON cell starts with { and is left alone
    assert "=HYPERLINK" in text and ";=HYPERLINK" not in text


def test_the_download_is_only_ever_given_to_its_person(client, owner, outsider, active_owner):
    export = privacy.personal_data_request(person=owner)
    client.force_login(outsider)

    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404


def test_a_wrong_password_erases_nothing(owner, active_owner):
    with pytest.raises(ValidationError) as error:
        privacy.person_erase(person=owner, password="not-it")

    assert "password" in error.value.message_dict
    owner.refresh_from_db()
    assert owner.erased_at is None and owner.is_active and owner.check_password(PASSWORD)


def test_the_erasure_empties_the_account_and_keeps_the_submitted_assessment(
    world, owner, facilitator, active_owner, django_capture_on_commit_callbacks
):
    owner.calendar_token = "x" * 43
    owner.save()
    email, name = owner.email, owner.display_name
    # Given the owner's name and address in the history of the team, and a file they asked for
    team_member_invite(challenge=world["challenge"], invited_by=owner, email="new@example.org", role="contributor")
    team_member_invite(
        challenge=world["challenge"], invited_by=facilitator, email="second@example.org", role="contributor"
    )
    export = ExportFactory(requested_by=owner, state=Export.State.DONE)
    export.file.save("rapport.csv", ContentFile(b"a;b"))
    stored_file = export.file.name
    TOTP.activate(owner, "JBSWY3DPEHPK3PXP")

    # When the owner deletes their account
    with django_capture_on_commit_callbacks(execute=True):
        privacy.person_erase(person=owner, password=PASSWORD)
    owner.refresh_from_db()

    # Then the row is anonymous, inactive and cannot sign in
    assert owner.erased_at is not None and not owner.is_active and not owner.has_usable_password()
    assert owner.email.endswith("@deleted.invalid") and owner.display_name == "Utilisateur supprimé"
    assert owner.job_title == "" and owner.organisation is None and owner.calendar_token is None
    assert not Client().login(email=email, password=PASSWORD)
    # Their personal rows are gone
    assert not Notification.objects.filter(recipient=owner).exists()
    assert not Export.objects.filter(requested_by=owner).exists()
    assert not default_storage.exists(stored_file)
    assert not Authenticator.objects.filter(user=owner).exists()
    assert not TeamMembership.objects.filter(person=owner).exists()
    assert not NetworkMembership.objects.filter(person=owner).exists()
    assert not CharterAcceptance.objects.filter(person=owner).exists()
    assert not Assessment.objects.filter(pk=active_owner["draft"].pk).exists()
    # Their submitted assessment stays, attributed to the deleted user in the reader's language
    kept = Assessment.objects.select_related("assessor").get(pk=active_owner["kept"].pk)
    with translation.override("fr"):
        assert str(kept.assessor) == "Utilisateur supprimé"
    with translation.override("en"):
        assert str(kept.assessor) == "Deleted user"
    # The history no longer names them, but keeps what they did
    entries = AuditEntry.objects.filter(challenge=world["challenge"])
    history = json.dumps([entry.changes for entry in entries], ensure_ascii=False)
    assert email not in history and name not in history and "second@example.org" in history
    assert entries.filter(actor=owner, action=AuditEntry.Action.MEMBER_ADDED).exists()
    assert entries.filter(
        action=AuditEntry.Action.MEMBER_REMOVED, changes__person=["Utilisateur supprimé", None]
    ).exists()


def test_the_last_member_of_staff_cannot_delete_their_account(staff):
    assert privacy.person_erasure_blocker(person=staff)

    with pytest.raises(privacy.ErasureRefused):
        privacy.person_erase(person=staff, password=PASSWORD)

    staff.refresh_from_db()
    assert staff.erased_at is None and staff.is_staff


def test_a_member_of_staff_can_leave_when_another_remains(staff):
    UserFactory(is_staff=True)

    privacy.person_erase(person=staff, password=PASSWORD)

    staff.refresh_from_db()
    assert staff.erased_at is not None and not staff.is_staff


def test_the_deletion_page_signs_the_person_out_and_tells_them(client, owner):
    client.force_login(owner)

    response = client.post(reverse("my_account_delete"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert not response.wsgi_request.user.is_authenticated
    assert "Votre compte est supprimé" in response.content.decode()
    assert client.get(reverse("my_account")).status_code == 302


def test_a_wrong_password_comes_back_next_to_its_field(client, owner):
    client.force_login(owner)

    response = client.post(reverse("my_account_delete"), {"password": "pas-le-bon"})

    assert response.status_code == 400
    assert response.context["form"].errors["password"] == ["Ce n’est pas votre mot de passe."]


def test_the_last_member_of_staff_is_told_why_and_given_no_form(client, staff):
    client.force_login(staff)

    page = client.get(reverse("my_account_delete"))
    refused = client.post(reverse("my_account_delete"), {"password": PASSWORD})

    html = page.content.decode()
    assert page.status_code == 200 and "erasure-blocker" in html and 'type="password"' not in html
    assert refused.status_code == 409
    staff.refresh_from_db()
    assert staff.erased_at is None
