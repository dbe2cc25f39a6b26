"""Labs' exports through the export jobs: the lab-session report (PDF) and the network file (XLSX, ODS,
CSV), each reopened with its own library and checked against the database."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from odf import opendocument, table, text
from pypdf import PdfReader

from innovation.models import Export
from labs import reports
from labs.models import Authorisation, CharterAcceptance, SessionRegistration, SkillRating, WorkshopParticipant
from labs.services import workshops
from tests.labs.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _done(export: Export) -> Export:
    export.refresh_from_db()
    assert export.state == Export.State.DONE, export.error
    return export


@pytest.fixture
def rich(world, facilitator, owner, contributor):
    session = world["session"]
    AgendaItemFactory(session=session, starts_at=datetime.time(10), ends_at=datetime.time(12), kind="workshop",
                      title="Quelles valeurs pour le Lab’ ?", speakers="Inès Roux")  # fmt: skip
    SessionRegistration.objects.filter(session=session, person=owner).update(attended=True)
    workshop = world["workshop"]
    workshops.workshop_synthesis_update(
        workshop=workshop, actor=facilitator, proposal="Un voyage apprenant de trois jours.",
        audience="Des leaders", stakes="S’outiller", success_conditions="Des profils variés",
    )  # fmt: skip
    workshops.workshop_synthesis_publish(workshop=workshop, actor=facilitator)
    WorkshopParticipant.objects.create(workshop=workshop, name="Paul Granier")
    phase = world["lab"].phases.first()
    SkillRating.objects.create(membership=world["membership"], phase=phase, competence=2, appetence=3, comment="=1+1")
    CharterAcceptance.objects.create(charter=world["network"].charters.get(), person=owner)
    Authorisation.objects.filter(membership=world["membership"]).update(
        status="granted", valid_until=datetime.date(2030, 6, 30), days_per_month=2
    )
    return world


def test_the_session_report_is_a_tagged_a4_pdf_with_agenda_attendance_and_syntheses(
    client, rich, facilitator, owner, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("labs:session_export", args=[rich["session"].pk]))

    export = _done(Export.objects.get(requested_by=facilitator))
    assert response["Location"] == reverse("export_detail", args=[export.pk])
    reader = PdfReader(export.file.path)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    everything = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    for expected in (
        "Programme",
        "Brise-glace",
        "Quelles valeurs pour le Lab’ ?",
        "Inès Roux",
        "Présences",
        str(owner),
        "Un voyage apprenant de trois jours.",
        "Paul Granier",
        "Rédiger la note de cadrage",
    ):
        assert expected in everything, expected  # fmt: skip
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert export.file.name.endswith(".pdf")


def test_the_network_file_in_xlsx_has_members_and_skills_without_email_addresses(
    client, rich, facilitator, owner, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("labs:network_export", args=[rich["network"].pk]), {"format": "xlsx"})

    export = _done(Export.objects.get(requested_by=facilitator))
    workbook = openpyxl.load_workbook(export.file.path)
    assert workbook.sheetnames == ["Membres", "Compétences"]
    members = list(workbook["Membres"].iter_rows(values_only=True))
    assert members[0][:4] == ("Personne", "Organisation", "Fonction", "Rôle")
    row = next(row for row in members if row[0] == str(owner))
    assert row[3] == "Ambassadeur·rice" and row[5] == 1  # version 1 accepted, as a number
    assert row[7] == "Accordée" and row[8].date() == datetime.date(2030, 6, 30)
    assert (row[10], row[11]) == (0, 1)  # the MOOC is done but not attested yet
    skills = list(workbook["Compétences"].iter_rows(values_only=True))
    assert skills[1][:4] == (str(owner), "Reformulation", 2, 3)
    assert skills[1][4] == "=1+1"  # formula-like text is a text cell, unchanged (issue 10)
    assert workbook["Compétences"].cell(row=2, column=5).data_type == "s"
    flat = str(members) + str(skills)
    assert owner.email not in flat and "@" not in flat


@pytest.mark.parametrize("fmt", ["ods", "csv"])
def test_the_network_file_opens_in_ods_and_as_csv(rich, facilitator, owner, fmt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = reports.network_file_request(requested_by=facilitator, network=rich["network"], format=fmt)

    export = _done(export)
    if fmt == "csv":
        with zipfile.ZipFile(export.file.path) as archive:
            assert archive.namelist() == ["members.csv", "skills.csv"]
            rows = list(csv.reader(io.StringIO(archive.read("members.csv").decode("utf-8-sig")), delimiter=";"))
    else:
        document = opendocument.load(export.file.path)
        (members, _skills) = document.spreadsheet.getElementsByType(table.Table)
        rows = [
            ["".join(str(p) for p in cell.getElementsByType(text.P)) for cell in row.getElementsByType(table.TableCell)]
            for row in members.getElementsByType(table.TableRow)
        ]
    assert rows[0][0] == "Personne"
    assert str(owner) in [row[0] for row in rows[1:]]


def test_members_cannot_request_the_network_file_or_a_pdf_instead_of_a_spreadsheet(rich, owner, facilitator):
    with pytest.raises(reports.LabExportInvalid):
        reports.network_file_request(requested_by=owner, network=rich["network"], format="xlsx")
    with pytest.raises(reports.LabExportInvalid):
        reports.network_file_request(requested_by=facilitator, network=rich["network"], format="pdf")
    assert not Export.objects.exists()


def test_the_report_is_built_in_the_requester_s_language(client, rich, facilitator, django_capture_on_commit_callbacks):
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("labs:network_export", args=[rich["network"].pk]), {"format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"
        )

    export = _done(Export.objects.get(requested_by=facilitator))
    assert openpyxl.load_workbook(export.file.path).sheetnames == ["Members", "Skills"]
    assert timezone.now() < export.expires_at
