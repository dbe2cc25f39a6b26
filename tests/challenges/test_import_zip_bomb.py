"""A spreadsheet that unpacks to hundreds of megabytes is refused before any parser inflates it (issue 10).

Before, openpyxl read such a file to its end: a 200 KB XLSX padded with 200 MB of whitespace held the
request for about 3 s, a 1 MB one for over 10 s.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges.models import Challenge
from challenges.services import imports
from tests.challenges.import_files import challenge_row, ods_bytes, xlsx_bytes, zip_padded

pytestmark = [pytest.mark.django_db]

XLSX_SHEET = "xl/worksheets/sheet1.xml"
ODS_CONTENT = "content.xml"


def _never_parse(monkeypatch):
    """Make any parsing of the file fail loudly: the check must come before it."""

    def refuse(*args, **kwargs):
        raise AssertionError("the parser was called on a zip bomb")

    monkeypatch.setattr("openpyxl.load_workbook", refuse)
    monkeypatch.setattr("odf.opendocument.load", refuse)


@pytest.mark.parametrize(
    ("name", "build", "member"), [("bombe.xlsx", xlsx_bytes, XLSX_SHEET), ("bombe.ods", ods_bytes, ODS_CONTENT)]
)
def test_a_zip_bomb_is_refused_from_its_declared_size(monkeypatch, name, build, member):
    bomb = zip_padded(build([challenge_row(1)]), member, padding=60 * 1024 * 1024)
    assert len(bomb) < imports.MAX_IMPORT_BYTES  # small on disk: the upload limit lets it through
    assert sum(info.file_size for info in zipfile.ZipFile(BytesIO(bomb)).infolist()) > 60 * 1024 * 1024
    _never_parse(monkeypatch)

    with pytest.raises(imports.ImportFileError, match="60 Mo"):
        imports.import_file_parse(filename=name, content=bomb)


def test_a_small_but_dense_bomb_is_refused_by_its_ratio(monkeypatch):
    # 5 MB of whitespace is under the size limit, but no spreadsheet packs a thousand times
    bomb = zip_padded(xlsx_bytes([challenge_row(1)]), XLSX_SHEET, padding=5 * 1024 * 1024)
    _never_parse(monkeypatch)

    with pytest.raises(imports.ImportFileError):
        imports.import_file_parse(filename="dense.xlsx", content=bomb)


@pytest.mark.parametrize(("name", "build"), [("d.xlsx", xlsx_bytes), ("d.ods", ods_bytes)])
def test_a_full_spreadsheet_of_500_challenges_still_imports(name, build):
    rows = [challenge_row(number, stakes="Des enjeux détaillés. " * 20) for number in range(1, 501)]

    parsed = imports.import_file_parse(filename=name, content=build(rows))

    assert len(parsed) == 500


def test_the_message_is_shown_next_to_the_field_in_french(client, world, facilitator):
    bomb = zip_padded(xlsx_bytes([challenge_row(1)]), XLSX_SHEET, padding=60 * 1024 * 1024)
    client.force_login(facilitator)
    before = Challenge.objects.count()

    response = client.post(
        reverse("challenges:challenge_import", args=[world["site"].pk]),
        {"file": SimpleUploadedFile("bombe.xlsx", bomb)},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Ce tableur occuperait 60 Mo une fois ouvert" in page
    assert 'id="error_1_id_file"' in page or "invalid-feedback" in page
    assert Challenge.objects.count() == before
