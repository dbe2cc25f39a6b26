"""A page that comes back with an error keeps the files that were valid: nobody chooses them again.

Given a form posted with a valid file and an error elsewhere, the page shows the file as received and
carries its signed token; the next submission saves that very file. A token is only good for the person
it was given to, and held files are swept after a day.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge
from challenges.services import uploads
from challenges.tasks import held_uploads_sweep
from tests.challenges.helpers import ELF_BYTES, PDF_BYTES, PNG_BYTES, challenge_form_data, management

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="files-(\d)-held" value="([^"]+)"')


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _create(client, world, data, files=None):
    return client.post(reverse("challenges:challenge_create", args=[world["site"].pk]), {**data, **(files or {})})


def _tokens(response) -> dict[str, str]:
    return dict(TOKEN.findall(response.content.decode()))


def _held_files(media) -> list:
    folder = media / uploads.HELD_DIR
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_valid_file_survives_an_error_elsewhere_and_is_saved_with_the_page(client, world, facilitator, media):
    client.force_login(facilitator)
    data = challenge_form_data(question="", **management("files", total=2), **{"files-0-title": "Compte rendu"})
    files = {"files-0-file": SimpleUploadedFile("compte-rendu.pdf", PDF_BYTES)}

    first = _create(client, world, data, files)

    assert first.status_code == 200
    assert "Reçu\u00a0: compte-rendu.pdf" in first.content.decode()
    tokens = _tokens(first)
    assert list(tokens) == ["0"]  # the empty row holds nothing
    assert len(_held_files(media)) == 1

    second = _create(client, world, {**data, "question": "Comment garder les fichiers ?", "files-0-held": tokens["0"]})

    assert second.status_code == 302
    attachment = Challenge.objects.get(site=world["site"], number=10).attachments.get()
    assert attachment.title == "Compte rendu"
    assert attachment.content_type == "application/pdf"
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_a_file_kept_through_two_errors_is_still_saved(client, world, facilitator, media):
    client.force_login(facilitator)
    data = challenge_form_data(question="", **management("files", total=1))
    token = _tokens(_create(client, world, data, {"files-0-file": SimpleUploadedFile("photo.png", PNG_BYTES)}))["0"]

    again = _create(client, world, {**data, "files-0-held": token})
    assert "Reçu\u00a0: photo.png" in again.content.decode()
    token = _tokens(again)["0"]
    saved = _create(client, world, {**data, "question": "Comment finir ?", "files-0-held": token})

    assert saved.status_code == 302
    assert Challenge.objects.get(number=10).attachments.get().content_type == "image/png"


def test_a_new_file_replaces_the_held_one(client, world, facilitator, media):
    client.force_login(facilitator)
    data = challenge_form_data(question="", **management("files", total=1))
    token = _tokens(_create(client, world, data, {"files-0-file": SimpleUploadedFile("old.pdf", PDF_BYTES)}))["0"]

    response = _create(
        client,
        world,
        {**data, "question": "Comment remplacer ?", "files-0-held": token},
        {"files-0-file": SimpleUploadedFile("new.png", PNG_BYTES)},
    )

    assert response.status_code == 302
    assert Challenge.objects.get(number=10).attachments.get().content_type == "image/png"


def test_a_refused_file_is_never_held(client, world, facilitator, media):
    client.force_login(facilitator)
    data = challenge_form_data(**management("files", total=1))

    response = _create(client, world, data, {"files-0-file": SimpleUploadedFile("notes.pdf", ELF_BYTES)})

    assert response.status_code == 200
    assert _tokens(response) == {}
    assert _held_files(media) == []


@pytest.mark.parametrize("who", ["someone_else", "tampered"])
def test_a_token_that_is_not_yours_gives_nothing(client, world, facilitator, staff, media, who):
    client.force_login(facilitator)
    data = challenge_form_data(question="", **management("files", total=1))
    token = _tokens(_create(client, world, data, {"files-0-file": SimpleUploadedFile("secret.pdf", PDF_BYTES)}))["0"]
    if who == "someone_else":
        client.force_login(staff)
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = _create(client, world, {**data, "question": "Comment voler un fichier ?", "files-0-held": token})

    assert response.status_code == 200
    assert response.context["files"].forms[0].errors["file"] == [
        "Le fichier envoyé plus tôt n’est plus disponible\u00a0: choisissez-le à nouveau."
    ]
    assert not Challenge.objects.filter(number=10).exists()


def test_a_token_cannot_point_outside_the_held_files(facilitator, media):
    from django.core import signing

    (media / "private.pdf").write_bytes(PDF_BYTES)
    forged = signing.dumps({"path": "private.pdf", "name": "private.pdf", "person": facilitator.pk}, salt=uploads._SALT)

    assert uploads.upload_held(token=forged, person_id=facilitator.pk) is None


def test_the_phase_page_keeps_a_photo_when_the_other_row_is_refused(client, world, facilitator, media):
    client.force_login(facilitator)
    url = reverse("challenges:phase_content_edit", args=[world["challenge"].pk, "prototype"])
    data = {"text": "Une maquette en carton", **management("files", total=2), "files-0-title": "Maquette"}
    files = {
        "files-0-file": SimpleUploadedFile("maquette.png", PNG_BYTES),
        "files-1-file": SimpleUploadedFile("virus.pdf", ELF_BYTES),
    }

    first = client.post(url, {**data, **files})
    tokens = _tokens(first)
    second = client.post(url, {**data, "files-0-held": tokens["0"]})

    assert first.status_code == 200 and list(tokens) == ["0"]
    assert second.status_code == 302
    photo = world["challenge"].attachments.get(phase="prototype")
    assert (photo.title, photo.content_type) == ("Maquette", "image/png")


def test_the_sweep_deletes_held_files_after_a_day_and_can_run_twice(facilitator, media):
    token = uploads.upload_hold(file=SimpleUploadedFile("vieux.pdf", PDF_BYTES), person_id=facilitator.pk)

    assert uploads.held_uploads_sweep(now=timezone.now()) == 0
    assert uploads.upload_held(token=token, person_id=facilitator.pk) is not None

    later = timezone.now() + uploads.HOLD_MAX_AGE + timedelta(minutes=1)
    assert uploads.held_uploads_sweep(now=later) == 1
    assert uploads.held_uploads_sweep(now=later) == 0
    assert _held_files(media) == []
    assert uploads.upload_held(token=token, person_id=facilitator.pk) is None


def test_the_sweep_task_runs_the_sweep(media, settings):
    assert "challenges.tasks.held_uploads_sweep" in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert held_uploads_sweep.delay().get() == 0
