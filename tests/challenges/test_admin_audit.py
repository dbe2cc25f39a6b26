"""An admin change to a challenge is audited like a change made in its pages; grids are read-only in the admin."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges.models import AuditEntry, Challenge, ChallengeAttachment, TeamMembership
from tests.challenges.helpers import PDF_BYTES
from tests.factories import UserFactory
from tests.grids.assessment_factories import grid_build

pytestmark = pytest.mark.django_db


def _form_data(response) -> dict:
    """What the browser would send back from the admin's change page, as it was shown."""
    data: dict = {}

    def add(form, prefix: str = "") -> None:
        for bound in form:
            value = bound.value()
            name = bound.html_name
            if isinstance(value, bool):
                if value:
                    data[name] = "on"
            elif isinstance(value, list | tuple):
                data[name] = [str(item) for item in value]
            elif value is not None:
                data[name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def _change(client, challenge: Challenge, **changes):
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    data = _form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_a_description_changed_in_the_admin_is_audited_with_its_before_and_after(admin_client, world, staff):
    challenge = world["challenge"]
    before = challenge.subject

    response = _change(admin_client, challenge, subject="Les inscriptions en ligne")

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.filter(challenge=challenge).latest("id")
    assert entry.action == AuditEntry.Action.UPDATED and entry.actor == staff
    assert entry.changes == {"subject": [before, "Les inscriptions en ligne"]}


def test_status_and_phase_changed_in_the_admin_go_through_their_services(admin_client, world, staff):
    challenge = world["draft"]

    _change(admin_client, challenge, status="published", phase="prototype")

    actions = list(AuditEntry.objects.filter(challenge=challenge).values_list("action", "changes"))
    assert (AuditEntry.Action.PUBLISHED, {"status": ["draft", "published"]}) in actions
    assert (AuditEntry.Action.PHASE_MOVED, {"phase": ["ideation", "prototype"]}) in actions
    challenge.refresh_from_db()
    assert challenge.status == "published" and challenge.phase == "prototype"


def test_the_question_changes_only_by_a_reformulation(admin_client, world):
    challenge = world["challenge"]
    question = challenge.question

    _change(admin_client, challenge, question="Une autre question ?")

    challenge.refresh_from_db()
    assert challenge.question == question


def test_team_members_added_and_removed_in_the_admin_are_audited(admin_client, world, contributor):
    challenge = world["challenge"]
    newcomer = UserFactory(email="lucie@example.org")
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    data = _form_data(admin_client.get(url))
    total = int(data["team-TOTAL_FORMS"])
    # Remove the contributor, add Lucie as contributor
    index = next(i for i in range(total) if str(data.get(f"team-{i}-person")) == str(contributor.pk))
    data[f"team-{index}-DELETE"] = "on"
    data.update({"team-TOTAL_FORMS": str(total + 1), f"team-{total}-person": str(newcomer.pk),
                 f"team-{total}-role": "contributor", f"team-{total}-job_title": ""})  # fmt: skip

    assert admin_client.post(url, data).status_code == 302

    entries = AuditEntry.objects.filter(challenge=challenge)
    added = entries.get(action=AuditEntry.Action.MEMBER_ADDED)
    removed = entries.get(action=AuditEntry.Action.MEMBER_REMOVED)
    assert added.changes["email"] == [None, "lucie@example.org"] and added.changes["role"] == [None, "contributor"]
    assert removed.changes["email"] == [contributor.email, None]
    assert not TeamMembership.objects.filter(challenge=challenge, person=contributor).exists()


def test_links_changed_in_the_admin_are_audited_as_one_list(admin_client, world):
    challenge = world["challenge"]
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    data = _form_data(admin_client.get(url))
    total = int(data["links-TOTAL_FORMS"])
    data.update({"links-TOTAL_FORMS": str(total + 1), f"links-{total}-title": "Blog",
                 f"links-{total}-url": "https://example.org/blog"})  # fmt: skip

    admin_client.post(url, data)

    entry = AuditEntry.objects.filter(challenge=challenge, action=AuditEntry.Action.UPDATED).latest("id")
    assert entry.changes["links"][1][-1] == "Blog <https://example.org/blog>"


def test_a_file_added_in_the_admin_passes_the_same_checks(admin_client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    challenge = world["challenge"]
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    data = _form_data(admin_client.get(url))
    total = int(data["attachments-TOTAL_FORMS"])
    renamed_program = SimpleUploadedFile("programme.pdf", b"MZ\x90\x00 not a pdf")
    data.update(
        {
            "attachments-TOTAL_FORMS": str(total + 1),
            f"attachments-{total}-title": "Programme",
            f"attachments-{total}-file": renamed_program,
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200  # the form comes back with the error
    errors = str(response.context["inline_admin_formsets"][-1].formset.errors)
    assert "Ce type de fichier n’est pas accepté" in errors
    assert not ChallengeAttachment.objects.filter(challenge=challenge).exists()
    assert not AuditEntry.objects.filter(challenge=challenge, action=AuditEntry.Action.ATTACHMENT_ADDED).exists()


def test_a_challenge_is_not_deleted_in_the_admin(admin_client, world):
    url = reverse("admin:challenges_challenge_delete", args=[world["challenge"].pk])

    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Challenge.objects.filter(pk=world["challenge"].pk).exists()


def test_grids_are_shown_but_never_changed_in_the_admin(admin_client):
    grid = grid_build(title="Grille des défis")

    assert admin_client.get(reverse("admin:grids_grid_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:grids_grid_change", args=[grid.pk]))
    assert page.status_code == 200 and 'type="submit"' not in page.content.decode().split('id="content-main"')[1]
    assert admin_client.post(reverse("admin:grids_grid_change", args=[grid.pk]), {"title": "Autre"}).status_code == 403
    assert admin_client.get(reverse("admin:grids_grid_add")).status_code == 403
    grid.refresh_from_db()
    assert grid.title == "Grille des défis"


def test_a_file_removed_in_the_admin_is_deleted_once_the_removal_is_committed(
    admin_client, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    # Given a challenge with an attachment and its file
    settings.MEDIA_ROOT = tmp_path
    challenge = world["challenge"]
    attachment = ChallengeAttachment(challenge=challenge, title="Fiche", content_type="application/pdf", size=10)
    attachment.file.save("fiche.pdf", ContentFile(PDF_BYTES), save=True)
    path = tmp_path / attachment.file.name
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    data = _form_data(admin_client.get(url))
    index = next(i for i in range(int(data["attachments-TOTAL_FORMS"])) if data[f"attachments-{i}-id"] == attachment.pk)
    data[f"attachments-{index}-DELETE"] = "on"
    del data[f"attachments-{index}-file"]  # a browser sends no file back for a file input left alone

    # When staff remove it in the admin, the file is still there until the commit
    with django_capture_on_commit_callbacks() as on_commit:
        assert admin_client.post(url, data).status_code == 302
        assert path.exists()
    for callback in on_commit:
        callback()

    # Then both are gone, and the removal is audited
    assert not path.exists()
    assert not ChallengeAttachment.objects.filter(pk=attachment.pk).exists()
    assert AuditEntry.objects.filter(challenge=challenge, action=AuditEntry.Action.ATTACHMENT_REMOVED).exists()
