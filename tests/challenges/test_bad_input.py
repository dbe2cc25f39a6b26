"""Bad input on the challenge pages never answers HTTP 500 (issue 10).

A NUL byte in a CSV cell used to break the import preview for good (the rows wait in the session and
PostgreSQL refuses NUL in text); a very long file name broke a page that came back with an error,
because the held copy's name went past the file system's limit.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges.models import Challenge
from challenges.services import imports, uploads
from tests.challenges.helpers import PDF_BYTES, challenge_form_data, management
from tests.challenges.import_files import challenge_row, csv_bytes

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="files-(\d)-held" value="([^"]+)"')


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(client, site, name: str, content: bytes, **data):
    return client.post(
        reverse("challenges:challenge_import", args=[site.pk]), {"file": SimpleUploadedFile(name, content), **data}
    )


def test_a_nul_byte_in_a_csv_cell_leaves_the_preview_working_and_the_import_clean(client, world, facilitator):
    client.force_login(facilitator)
    site = world["site"]
    content = csv_bytes([challenge_row(20, question="Comment\x00 simplifier ?", organisation="Ville\x00 de Rennes")])
    preview_url = reverse("challenges:challenge_import_preview", args=[site.pk])

    uploaded = _upload(client, site, "nul.csv", content)
    preview = client.get(preview_url)
    again = client.get(preview_url)
    confirmed = client.post(preview_url)

    assert uploaded.status_code == 302
    assert preview.status_code == again.status_code == 200
    assert confirmed.status_code == 302
    challenge = Challenge.objects.get(site=site, number=20)
    assert "\x00" not in challenge.question
    assert challenge.question == "Comment simplifier ?"


def test_the_parser_strips_nul_from_every_cell():
    content = csv_bytes([challenge_row(21, question="A\x00B", territory="\x00Rennes")])

    rows = imports.import_file_parse(filename="x.csv", content=content)

    assert rows[0].values["question"] == "AB"
    assert rows[0].values["territory"] == "Rennes"


def test_rows_held_in_a_session_from_before_the_fix_are_cleaned_when_read():
    row = imports.ParsedRow.from_dict({"line": 2, "values": {"question": "Une\x00 question"}})

    assert row.values["question"] == "Une question"


def test_a_230_character_file_name_survives_a_page_that_comes_back_with_an_error(client, world, facilitator, media):
    client.force_login(facilitator)
    long_name = ("compte-rendu-de-la-seance-de-travail-" * 7)[:226] + ".pdf"
    assert len(long_name) == 230
    data = challenge_form_data(question="", **management("files", total=1), **{"files-0-title": "Compte rendu"})
    create_url = reverse("challenges:challenge_create", args=[world["site"].pk])

    first = client.post(create_url, {**data, "files-0-file": SimpleUploadedFile(long_name, PDF_BYTES)})

    assert first.status_code == 200
    html = first.content.decode()
    assert "Reçu\u00a0: " + long_name in html  # the person still sees the name they chose
    held = list((media / uploads.HELD_DIR).iterdir())
    assert len(held) == 1 and len(held[0].name) <= 120 and held[0].name.endswith(".pdf")
    token = dict(TOKEN.findall(html))["0"]

    second = client.post(create_url, {**data, "question": "Comment garder le fichier ?", "files-0-held": token})

    assert second.status_code == 302
    attachment = Challenge.objects.get(site=world["site"], question="Comment garder le fichier ?").attachments.get()
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert len(attachment.file.name) <= 100


def test_a_230_character_file_name_on_a_valid_page_is_saved_too(client, world, facilitator, media):
    client.force_login(facilitator)
    long_name = "x" * 226 + ".pdf"
    data = challenge_form_data(question="Comment nommer ?", **management("files", total=1))

    response = client.post(
        reverse("challenges:challenge_create", args=[world["site"].pk]),
        {**data, "files-0-file": SimpleUploadedFile(long_name, PDF_BYTES)},
    )

    assert response.status_code == 302
    attachment = Challenge.objects.get(question="Comment nommer ?").attachments.get()
    assert attachment.file.name.endswith(".pdf") and len(attachment.file.name) <= 100
