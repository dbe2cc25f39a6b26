"""The commission sheet (PDF) and the lab's commissions file (XLSX, ODS, CSV) through the export jobs,
reopened with their libraries. The interview is in the sheet only when the coordinator ticked it, and
never in the file."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from odf import opendocument, table
from pypdf import PdfReader

from innovation.models import Export
from labs.models import Commission
from labs.services import commissions as services
from tests.labs.commission_world import commission_at, commission_lab

pytestmark = pytest.mark.django_db
SECRET_ANSWER = "Le directeur ne croit pas au projet"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world():
    world = commission_lab()
    commission = commission_at(world, Commission.State.TEAM_FORMED)
    question = services.grid_current(commission=commission).questions.first()
    services.interview_save(
        interview=commission.interview,
        actor=world["coordinator"],
        answers={str(question.pk): SECRET_ANSWER},
        notes="Notes libres confidentielles",
        base_revision=0,
    )
    return world | {"commission": commission}


def _export(client, person, url, data, capture) -> Export:
    client.force_login(person)
    with capture(execute=True):
        response = client.post(url, data)
    export = Export.objects.filter(requested_by=person).latest("pk")
    assert response["Location"] == reverse("export_detail", args=[export.pk])
    export.refresh_from_db()
    assert export.state == Export.State.DONE, export.error
    return export


def _pdf_text(export: Export) -> str:
    reader = PdfReader(export.file.path)
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def test_the_sheet_leaves_the_interview_out_unless_the_coordinator_ticks_it(
    client, world, django_capture_on_commit_callbacks
):
    commission, coordinator = world["commission"], world["coordinator"]
    url = reverse("labs:commission_sheet", args=[commission.pk])

    text = _pdf_text(_export(client, coordinator, url, {}, django_capture_on_commit_callbacks))
    for expected in ("Occiline", "Occiborne", "Plus qu'une borne", "Maison de la Région de Montpellier"):
        assert expected in text, expected
    assert str(world["members"][0].person) in text  # the team
    assert SECRET_ANSWER not in text and "Notes libres confidentielles" not in text

    client.post(reverse("labs:interview_in_sheet", args=[commission.pk]), {"included": "1"})
    text = _pdf_text(_export(client, coordinator, url, {}, django_capture_on_commit_callbacks))
    assert SECRET_ANSWER in text and "Notes libres confidentielles" in text


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_the_commissions_file_has_state_commissioner_team_and_reformulations_but_no_interview(
    client, world, fmt, django_capture_on_commit_callbacks
):
    services.interview_in_sheet_set(commission=world["commission"], actor=world["coordinator"], included=True)
    export = _export(
        client,
        world["coordinator"],
        reverse("labs:commissions_file", args=[world["lab"].pk]),
        {"format": fmt},
        django_capture_on_commit_callbacks,
    )
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(export.file.path)
        sheets = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}
    elif fmt == "ods":
        document = opendocument.load(export.file.path)
        sheets = {}
        for sheet in document.spreadsheet.getElementsByType(table.Table):
            rows = []
            for row in sheet.getElementsByType(table.TableRow):
                rows.append([str(cell) for cell in row.getElementsByType(table.TableCell)])
            sheets[sheet.getAttribute("name")] = rows
    else:
        with zipfile.ZipFile(export.file.path) as archive:
            sheets = {
                name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
                for name in archive.namelist()
            }
    everything = repr(sheets)
    assert len(sheets) == 2
    for expected in ("Occiline", "Équipe formée", "Claire Commanditaire", "Occiborne", "Plus qu'une borne"):
        assert expected in everything, expected
    assert str(world["members"][0].person) in everything
    assert SECRET_ANSWER not in everything and "Notes libres" not in everything


def test_only_coordinators_and_staff_export(client, world):
    client.force_login(world["members"][0].person)
    response = client.post(reverse("labs:commission_sheet", args=[world["commission"].pk]))
    assert response.status_code == 403
    assert not Export.objects.exists()
