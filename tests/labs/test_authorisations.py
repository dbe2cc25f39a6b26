"""Participation authorisations: the signed file is a PDF or an image judged on its content, served as an
attachment to the member and the coordinators only; expiry is reminded and recorded."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from innovation.models import Notification
from labs.models import AuditEntry, Authorisation
from labs.services import authorisations
from tests.labs.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _post(client, membership, file_name, content, content_type="application/pdf", **extra):
    data = {
        "manager_name": "Anne Martin",
        "manager_email": "anne.martin@example.org",
        "status": "granted",
        "valid_from": "2026-01-01",
        "valid_until": "2030-12-31",
        "days_per_month": "2",
        "file": SimpleUploadedFile(file_name, content, content_type=content_type),
        **extra,
    }
    return client.post(reverse("labs:authorisation", args=[membership.pk]), data)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("autorisation.pdf", b"Ceci est un texte, pas un PDF."),
        ("autorisation.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64),  # an executable renamed .pdf
        ("autorisation.docx", b"PK\x03\x04" + b"\x00" * 64),  # a zip (office document)
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),  # a PNG header over garbage: Pillow cannot read it
    ],
)
def test_a_file_that_is_not_a_pdf_or_an_image_is_refused_next_to_the_field(client, world, owner, name, content):
    client.force_login(owner)

    response = _post(client, world["membership"], name, content)

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors and ("PDF ou en image" in errors[0] or "illisible" in errors[0])
    assert response.context["form"]["manager_name"].value() == "Anne Martin"
    authorisation = Authorisation.objects.get(membership=world["membership"])
    assert authorisation.status == Authorisation.Status.REQUESTED and authorisation.file.name.endswith(".pdf")


@pytest.mark.parametrize(("name", "content"), [("autorisation.pdf", PDF_BYTES), ("scan.png", _png())])
def test_a_pdf_or_a_real_image_is_kept_and_the_change_is_audited(client, world, owner, name, content):
    client.force_login(owner)

    response = _post(client, world["membership"], name, content)

    assert response.status_code == 302
    authorisation = Authorisation.objects.get(membership=world["membership"])
    assert authorisation.status == Authorisation.Status.GRANTED and authorisation.file_name == name
    entry = AuditEntry.objects.get(action=AuditEntry.Action.AUTHORISATION_CHANGED)
    assert entry.actor == owner and entry.changes["status"] == ["requested", "granted"]
    assert "anne.martin@example.org" not in str(entry.changes)  # the manager's address stays out of the audit


def test_a_granted_authorisation_needs_its_signed_file_and_its_end(world, owner):
    membership = world["memberships"][1]  # the contributor has no authorisation yet

    with pytest.raises(ValidationError) as error:
        authorisations.authorisation_save(
            membership=membership, actor=owner, manager_name="Anne", status=Authorisation.Status.GRANTED
        )

    assert set(error.value.message_dict) == {"file", "valid_until"}


@pytest.mark.parametrize(("persona", "status"), [("owner", 200), ("facilitator", 200), ("contributor", 403),
                                                 ("staff", 403), ("outsider", 404)])  # fmt: skip
def test_the_signed_file_is_served_as_an_attachment_to_the_member_and_coordinators_only(
    client, world, personas, persona, status
):
    client.force_login(personas[persona])

    response = client.get(reverse("labs:authorisation_file", args=[world["membership"].pk]))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_authorisation_page_never_prints_the_file_s_storage_address(client, world, owner):
    client.force_login(owner)

    page = client.get(reverse("labs:authorisation", args=[world["membership"].pk])).content.decode()

    assert "labs/authorisations/" not in page
    assert reverse("labs:authorisation_file", args=[world["membership"].pk]) in page


def test_expiry_is_reminded_to_the_member_and_coordinators_once_then_recorded(
    world, owner, facilitator, django_capture_on_commit_callbacks
):
    authorisation = Authorisation.objects.get(membership=world["membership"])
    today = timezone.localdate()
    authorisation.status = Authorisation.Status.GRANTED
    authorisation.valid_until = today + datetime.timedelta(days=20)
    authorisation.save()

    with django_capture_on_commit_callbacks(execute=True):
        first = authorisations.authorisation_reminders_send(today=today)
        second = authorisations.authorisation_reminders_send(today=today + datetime.timedelta(days=1))

    assert (first, second) == (2, 0)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([owner.email, facilitator.email])
    to_owner = next(message for message in mail.outbox if message.to == [owner.email])
    assert to_owner.subject == "[Défis] Votre autorisation de participation expire bientôt"
    to_coordinator = Notification.objects.get(kind="labs_authorisation_expiring", recipient=facilitator)
    assert to_coordinator.context["member"] == str(owner)

    expired = authorisations.authorisations_expire(today=today + datetime.timedelta(days=21))

    authorisation.refresh_from_db()
    assert expired == 1 and authorisation.status == Authorisation.Status.EXPIRED
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.AUTHORISATION_CHANGED).latest("created_at")
    assert entry.actor is None and entry.changes["status"] == ["granted", "expired"]
