"""Every report file, opened with its own library and checked against the database."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from odf import opendocument, table, text
from odf.namespaces import TABLENS
from pypdf import PdfReader

from challenges.models import Challenge, QuestionReformulation, TeamMembership
from innovation.models import Export
from reports import services as reports
from reports.selectors import ReportScope
from tests.reports.report_data import INJECTION, report_site

SHEETS_FR = ["Défis", "Équipes", "Évaluations", "Historique des questions"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(db, facilitator):
    site, _ = report_site(facilitators=[facilitator], challenges=3)
    return site


def _export(user, subject, scope, fmt, content="report", *, capture) -> Export:
    with capture(execute=True):
        export = reports.report_request(
            requested_by=user,
            scope=ReportScope(kind=scope, pk=subject.pk),
            subject=subject,
            content=content,
            format=fmt,
        )
    export.refresh_from_db()
    assert export.state == Export.State.DONE, export.error
    return export


def _ods_sheets(path) -> dict[str, list[list[str]]]:
    document = opendocument.load(path)
    sheets = {}
    for sheet in document.spreadsheet.getElementsByType(table.Table):
        rows = []
        for row in sheet.getElementsByType(table.TableRow):
            cells = []
            for cell in row.getElementsByType(table.TableCell):
                paragraphs = cell.getElementsByType(text.P)
                cells.append("\n".join(str(p) for p in paragraphs))
            rows.append(cells)
        sheets[sheet.getAttribute("name")] = rows
    return sheets


def test_xlsx_site_report_has_the_four_sheets_with_the_database_rows(staff, site, django_capture_on_commit_callbacks):
    # When staff export the site report as XLSX
    export = _export(staff, site, "site", "xlsx", capture=django_capture_on_commit_callbacks)

    # Then the file opens with openpyxl and holds one sheet per part, in French
    workbook = openpyxl.load_workbook(export.file.path)
    assert workbook.sheetnames == SHEETS_FR
    challenges = list(workbook["Défis"].iter_rows(values_only=True))
    assert challenges[0][:4] == ("Édition", "Site", "Numéro", "Question de travail")
    expected = list(Challenge.objects.filter(site=site).order_by("number"))
    assert [row[2] for row in challenges[1:]] == [c.number for c in expected]
    assert [row[3] for row in challenges[1:]] == [c.question for c in expected]
    assert challenges[1][5] == expected[0].organisation.name
    assert challenges[1][9] == 216_000
    assert challenges[1][16] == "Prototype"
    teams = list(workbook["Équipes"].iter_rows(values_only=True))[1:]
    assert len(teams) == TeamMembership.objects.filter(challenge__site=site).count()
    assert ("Rennes", 1, expected[0].question, "Porteuse 1") == teams[1][:4] or any(
        row[3] == "Porteuse 1" and row[5] == "Porteur·se du défi" for row in teams
    )
    history = list(workbook["Historique des questions"].iter_rows(values_only=True))[1:]
    assert len(history) == QuestionReformulation.objects.filter(challenge__site=site).count() == 3
    assert history[0][3:6] == ("Comment faire ?", expected[0].question, "Trop large")
    assert export.size == export.file.size > 0
    assert export.file.name.endswith(".xlsx") and "rennes" in export.file.name


def test_ods_site_report_opens_with_odfpy_and_holds_the_same_sheets(staff, site, django_capture_on_commit_callbacks):
    export = _export(staff, site, "site", "ods", capture=django_capture_on_commit_callbacks)

    with zipfile.ZipFile(export.file.path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    sheets = _ods_sheets(export.file.path)
    assert list(sheets) == SHEETS_FR
    expected = list(Challenge.objects.filter(site=site).order_by("number"))
    rows = sheets["Défis"]
    assert rows[0][3] == "Question de travail"
    assert [row[3] for row in rows[1:]] == [c.question for c in expected]
    assert rows[1][10] == "- Réduire les délais\n- Simplifier"  # a Markdown list, unchanged (no apostrophe)
    assert len(sheets["Équipes"]) - 1 == TeamMembership.objects.filter(challenge__site=site).count()
    assert sheets["Historique des questions"][1][5] == "Trop large"


def test_csv_site_report_is_a_zip_of_utf8_bom_semicolon_files(staff, site, django_capture_on_commit_callbacks):
    export = _export(staff, site, "site", "csv", capture=django_capture_on_commit_callbacks)

    assert export.file.name.endswith(".zip")
    with zipfile.ZipFile(export.file.path) as archive:
        assert archive.namelist() == ["challenges.csv", "teams.csv", "assessments.csv", "question-history.csv"]
        raw = archive.read("challenges.csv")
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        teams = list(csv.reader(io.StringIO(archive.read("teams.csv").decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Édition", "Site", "Numéro", "Question de travail"]
    expected = list(Challenge.objects.filter(site=site).order_by("number"))
    assert [row[3] for row in rows[1:]] == [c.question for c in expected]
    assert rows[1][9] == "216000"
    assert len(teams) - 1 == TeamMembership.objects.filter(challenge__site=site).count()


def test_pdf_site_report_is_a4_tagged_with_contents_and_page_numbers(staff, site, django_capture_on_commit_callbacks):
    export = _export(staff, site, "site", "pdf", capture=django_capture_on_commit_callbacks)

    reader = PdfReader(export.file.path)
    assert len(reader.pages) >= 5  # cover, contents, one page per challenge
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    texts = [page.extract_text() for page in reader.pages]
    everything = "\n".join(texts)
    assert "Synthèse" in texts[1] and "Tous les défis" in " ".join(texts[1:3])
    for challenge in Challenge.objects.filter(site=site):
        assert challenge.question in everything.replace("\n", " ")
    assert f"Page 1 / {len(reader.pages)}" in texts[0]
    assert "Porteuse 1" in everything and "Trop large" in everything
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged for accessibility
    assert catalog.get("/Lang") == "fr"
    assert reader.metadata.title.startswith("Rapport du site")


def test_the_challenge_sheet_covers_one_challenge_and_the_edition_report_every_site(
    staff, site, django_capture_on_commit_callbacks
):
    other, _ = report_site(challenges=2, place="Cluny")
    other.edition = site.edition
    other.save()
    challenge = Challenge.objects.get(site=site, number=2)

    one = _export(staff, challenge, "challenge", "xlsx", capture=django_capture_on_commit_callbacks)
    edition = _export(staff, site.edition, "edition", "xlsx", capture=django_capture_on_commit_callbacks)

    rows = list(openpyxl.load_workbook(one.file.path)["Défis"].iter_rows(values_only=True))[1:]
    assert [(row[1], row[2]) for row in rows] == [("Rennes", 2)]
    rows = list(openpyxl.load_workbook(edition.file.path)["Défis"].iter_rows(values_only=True))[1:]
    assert sorted((row[1], row[2]) for row in rows) == [
        ("Cluny", 1),
        ("Cluny", 2),
        ("Rennes", 1),
        ("Rennes", 2),
        ("Rennes", 3),
    ]


def test_the_assessments_dataset_is_one_sheet_in_long_form(staff, site, django_capture_on_commit_callbacks):
    export = _export(staff, site, "site", "xlsx", "assessments", capture=django_capture_on_commit_callbacks)

    workbook = openpyxl.load_workbook(export.file.path)
    assert workbook.sheetnames == ["Évaluations"]
    header = next(workbook["Évaluations"].iter_rows(values_only=True))
    assert header[:3] == ("Site", "Défi", "Évaluation") and "Critère" in header and "Niveau" in header
    assert export.file.name.split("/")[-1].startswith("evaluations-")


def test_formula_like_text_is_a_plain_text_cell_in_xlsx_and_ods_and_neutralised_in_csv(
    staff, site, django_capture_on_commit_callbacks
):
    # Given challenges whose levers start with "=" and "+", and a person named "@contributeur"
    capture = django_capture_on_commit_callbacks

    xlsx = _export(staff, site, "site", "xlsx", capture=capture)
    ods = _export(staff, site, "site", "ods", capture=capture)
    csv_zip = _export(staff, site, "site", "csv", capture=capture)

    # XLSX: stored as a text cell, as written (a text cell cannot run), never as a formula
    sheet = openpyxl.load_workbook(xlsx.file.path)["Défis"]
    levers = [row[14] for row in sheet.iter_rows(min_row=2)]
    assert levers[0].value == INJECTION and levers[0].data_type == "s"
    assert levers[1].value == "+33 1 23 45 67 89" and levers[1].data_type == "s"
    stakes = [row[10] for row in sheet.iter_rows(min_row=2)]
    assert stakes[0].value == "- Réduire les délais\n- Simplifier"  # no visible apostrophe
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    team_sheet = openpyxl.load_workbook(xlsx.file.path)["Équipes"]
    assert "@contributeur" in [row[3] for row in team_sheet.iter_rows(values_only=True)]
    # ODS: no formula attribute anywhere, text unchanged
    content = zipfile.ZipFile(ods.file.path).read("content.xml").decode()
    assert "table:formula" not in content
    assert _ods_sheets(ods.file.path)["Défis"][1][14] == INJECTION
    assert not any(
        cell.getAttrNS(TABLENS, "formula")
        for cell in opendocument.load(ods.file.path).spreadsheet.getElementsByType(table.TableCell)
    )
    # CSV
    with zipfile.ZipFile(csv_zip.file.path) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("challenges.csv").decode("utf-8-sig")), delimiter=";"))
        teams = archive.read("teams.csv").decode("utf-8-sig")
    assert rows[1][14] == "'" + INJECTION
    assert "'-chargé" in teams and "'@contributeur" in teams


def test_the_assessments_sheet_has_one_row_per_answer_of_submitted_assessments(
    staff, db, django_capture_on_commit_callbacks
):
    from grids.models import Answer, Assessment

    # Given a site whose challenges 1 and 2 have submitted assessments and challenge 3 a draft
    site, _ = report_site(challenges=3, assessments=True)
    submitted = Answer.objects.filter(assessment__status=Assessment.Status.SUBMITTED, assessment__challenge__site=site)

    export = _export(staff, site, "site", "xlsx", "assessments", capture=django_capture_on_commit_callbacks)

    rows = list(openpyxl.load_workbook(export.file.path)["Évaluations"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == submitted.count() == 20
    column = {name: index for index, name in enumerate(header)}
    assert {row[column["Défi"]] for row in body} == {1, 2}  # the draft of challenge 3 is left out
    first = body[0]
    assert first[column["Étape"]] == "Étape 1" and first[column["Critère"]] == "Critère 1.1"
    assert first[column["Obligatoire"]] == "oui" and first[column["Niveau"]] == "acquis"
    assert first[column["Valeur du niveau"]] == 3 and first[column["Score de l’étape"]] == 100
    assert first[column["Verdict"]] == "Relève de l’action publique"
    reworked = [row for row in body if row[column["Défi"]] == 2]
    assert {row[column["Verdict"]] for row in reworked} == {"À retravailler"}
    assert {row[column["Justification"]] for row in reworked} == {INJECTION}
    assert {row[column["Niveau"]] for row in reworked} == {"amorcé"}


def test_reports_carry_step_scores_and_verdicts(staff, db, django_capture_on_commit_callbacks):
    site, _ = report_site(challenges=3, assessments=True)

    xlsx = _export(staff, site, "site", "xlsx", capture=django_capture_on_commit_callbacks)
    pdf = _export(staff, site, "site", "pdf", capture=django_capture_on_commit_callbacks)

    rows = list(openpyxl.load_workbook(xlsx.file.path)["Défis"].iter_rows(values_only=True))
    column = {name: index for index, name in enumerate(rows[0])}
    assert [row[column["Verdict"]] for row in rows[1:]] == ["Relève de l’action publique", "À retravailler", None]
    assert rows[1][column["Score global"]] == 100
    assert rows[2][column["Scores par étape"]].startswith("1. Étape 1 : 33 %")
    text = " ".join(page.extract_text() for page in PdfReader(pdf.file.path).pages).replace("\xa0", " ")
    assert "Verdict : Relève de l’action publique" in text and "Verdict : À retravailler" in text
    assert "Aucune auto-évaluation soumise" in text


def test_xlsx_cells_are_typed_with_number_formats_and_the_header_is_frozen(
    staff, db, django_capture_on_commit_callbacks
):
    import datetime

    site, _ = report_site(challenges=3, assessments=True)
    export = _export(staff, site, "site", "xlsx", capture=django_capture_on_commit_callbacks)

    workbook = openpyxl.load_workbook(export.file.path)
    # The header row is really frozen on every sheet
    assert [workbook[name].freeze_panes for name in SHEETS_FR] == ["A2"] * 4
    sheet = workbook["Défis"]
    header = [cell.value for cell in sheet[1]]
    column = {name: index for index, name in enumerate(header)}
    first = sheet[2]
    # Numbers are numbers with a thousands format; dates are dates with a French date format
    inhabitants = first[column["Nombre d’habitants"]]
    assert inhabitants.value == 216_000 and inhabitants.data_type == "n" and inhabitants.number_format == "#,##0"
    assert first[2].value == 1 and first[2].data_type == "n"
    created = first[len(header) - 7]
    assert isinstance(created.value, datetime.datetime) and created.is_date
    assert created.number_format == "dd/mm/yyyy hh:mm"
    score = first[len(header) - 4]
    assert score.value == 100 and score.data_type == "n" and score.number_format == "#,##0.0"  # shows 100,0
    # the assessments sheet: the step score is a number with one decimal, the date a date
    rows = list(workbook["Évaluations"].iter_rows(min_row=1))
    names = [cell.value for cell in rows[0]]
    body = rows[1]
    assert body[names.index("Score de l’étape")].data_type == "n"
    assert body[names.index("Soumise")].is_date and body[names.index("Soumise")].number_format == "dd/mm/yyyy hh:mm"


def test_ods_cells_are_typed(staff, db, django_capture_on_commit_callbacks):
    site, _ = report_site(challenges=2, assessments=True)
    export = _export(staff, site, "site", "ods", capture=django_capture_on_commit_callbacks)

    document = opendocument.load(export.file.path)
    challenges_sheet = next(
        t for t in document.spreadsheet.getElementsByType(table.Table) if t.getAttribute("name") == "Défis"
    )
    row = challenges_sheet.getElementsByType(table.TableRow)[1]
    cells = row.getElementsByType(table.TableCell)
    from odf.namespaces import OFFICENS

    assert cells[2].getAttrNS(OFFICENS, "value-type") == "float" and cells[2].getAttrNS(OFFICENS, "value") == "1"
    assert cells[9].getAttrNS(OFFICENS, "value-type") == "float"
    assert cells[9].getAttrNS(OFFICENS, "value") == "216000"
    dates = [cell for cell in cells if cell.getAttrNS(OFFICENS, "value-type") == "date"]
    assert len(dates) >= 2 and all(cell.getAttrNS(OFFICENS, "date-value")[:2] == "20" for cell in dates)


def test_the_cover_s_key_figures_agree_with_their_number(staff, facilitator, django_capture_on_commit_callbacks):
    site, _ = report_site(facilitators=[facilitator], challenges=1)
    assert QuestionReformulation.objects.filter(challenge__site=site).count() == 1

    export = _export(staff, site, "site", "pdf", capture=django_capture_on_commit_callbacks)

    cover = " ".join(PdfReader(export.file.path).pages[0].extract_text().split())
    assert "1 défi publié" in cover and "1 reformulation de la question" in cover
    assert "défis publiés" not in cover and "reformulations" not in cover


def test_a_report_s_file_name_keeps_the_words_around_an_apostrophe(staff, site, django_capture_on_commit_callbacks):
    export = _export(staff, site.edition, "edition", "csv", capture=django_capture_on_commit_callbacks)

    assert "-universite-d-ete-de-l-innovation-" in export.file.name
