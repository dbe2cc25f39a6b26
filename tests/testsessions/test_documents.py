"""The posters (one A4 page per stand, its QR code read back) and the session report in every format,
built by export jobs with their progress."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from innovation.models import Export
from innovation.services import exports
from tests.challenges.factories import ChallengeFactory
from tests.testsessions.factories import FeedbackFactory, StandFactory
from testsessions import documents

pytestmark = pytest.mark.django_db


def decode_qr_codes(pdf_path) -> list[str]:
    """The text of every QR code in the PDF, page by page (rendered at 150 dpi and read with zxing-cpp)."""
    texts = []
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        for page in document:
            image = page.render(scale=150 / 72).to_pil()
            texts.extend(barcode.text for barcode in zxingcpp.read_barcodes(image))
    finally:
        document.close()
    return texts


def _run(export: Export) -> Export:
    assert exports.export_run(export_id=export.pk) is True
    export.refresh_from_db()
    assert export.state == Export.State.DONE, export.error
    return export


def test_the_posters_are_one_page_per_stand_with_a_qr_code_of_its_short_url(sessions, facilitator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://defis.example.fr"
    session = sessions["session"]
    export = exports.export_request(
        requested_by=facilitator,
        builder=documents.POSTERS_BUILDER,
        parameters={"session_id": session.pk, "language": "fr"},
        format="pdf",
        title="Affiches",
    )

    export = _run(export)

    path = export.file.path
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    first = reader.pages[0].extract_text().replace("\xa0", " ")
    assert "Défi 1" in first and f"defis.example.fr/t/{sessions['stand'].token}/" in first
    assert decode_qr_codes(path) == [
        f"https://defis.example.fr/t/{sessions['stand'].token}/",
        f"https://defis.example.fr/t/{sessions['stand2'].token}/",
    ]
    assert export.file.name.endswith(".pdf") and "affiches" in export.file.name


def test_fifty_posters_build_in_a_job_that_reports_its_progress(sessions, facilitator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EXPORT_PROGRESS_EVERY = 10
    session = sessions["session"]
    for number in range(10, 58):
        StandFactory(session=session, challenge=ChallengeFactory(site=session.site, number=number))
    export = exports.export_request(
        requested_by=facilitator,
        builder=documents.POSTERS_BUILDER,
        parameters={"session_id": session.pk},
        format="pdf",
        title="Affiches",
    )
    seen = []
    original = exports.ExportProgress.save

    def spy(self, *, percent=None):
        original(self, percent=percent)
        seen.append(Export.objects.get(pk=export.pk).progress)

    exports.ExportProgress.save = spy
    try:
        export = _run(export)
    finally:
        exports.ExportProgress.save = original

    assert len(PdfReader(export.file.path).pages) == 50
    assert len(seen) >= 4 and seen == sorted(seen) and 0 < seen[0] < 95


def _report(sessions, facilitator, fmt, language="fr") -> Export:
    stand2 = sessions["stand2"]
    FeedbackFactory(
        stand=stand2,
        visiting_challenge=sessions["challenge"],
        answers={"clarity": 5, "relevance": "partly", "change": '=HYPERLIEN("x")'},
        profile="participant",
    )
    return _run(
        exports.export_request(
            requested_by=facilitator,
            builder=documents.REPORT_BUILDER,
            parameters={"session_id": sessions["session"].pk, "language": language},
            format=fmt,
            title="Rapport",
        )
    )


def test_the_report_as_xlsx_has_coverage_feedback_and_debriefs(sessions, facilitator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    export = _report(sessions, facilitator, "xlsx")

    workbook = openpyxl.load_workbook(export.file.path)
    assert workbook.sheetnames == ["Couverture", "Retours", "Débriefs"]
    coverage = list(workbook["Couverture"].iter_rows(values_only=True))
    assert coverage[0][:5] == ("Stand", "Question de travail", "Emplacement", "Visites", "Équipes venues")
    assert [row[0] for row in coverage[1:]] == ["Défi 1", "Défi 3"]
    assert coverage[2][3:5] == (2, 1)  # Défi 3: two visits, one from another team
    assert coverage[1][5:8] == (1, 1, "Validé")  # Défi 1's team visited 1 of 1; its debrief
    feedback = list(workbook["Retours"].iter_rows(values_only=True))
    assert feedback[0][4:8] == (
        "Les explications sont-elles claires\xa0?",
        "Le prototype vous semble-t-il pertinent\xa0?",
        "Vous serait-il utile\xa0? Pour quoi faire\xa0?",
        "Que faudrait-il changer\xa0?",
    )
    assert any(row[-2] == '=HYPERLIEN("x")' for row in feedback[1:])  # a text cell, unchanged, never a formula
    assert all(cell.data_type != "f" for row in workbook["Retours"].iter_rows() for cell in row)
    assert any("En partie" in row for row in feedback[1:])
    debriefs = list(workbook["Débriefs"].iter_rows(values_only=True))
    assert debriefs[1][0] == "Défi 1" and debriefs[1][2].startswith("1. Les critères sont pertinents.")


def test_the_report_as_csv_and_ods(sessions, facilitator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    csv_export = _report(sessions, facilitator, "csv")
    with zipfile.ZipFile(csv_export.file.path) as archive:
        assert sorted(archive.namelist()) == ["coverage.csv", "debriefs.csv", "feedback.csv"]
        rows = list(csv.reader(io.StringIO(archive.read("coverage.csv").decode("utf-8-sig")), delimiter=";"))
    assert rows[2][0] == "Défi 3" and rows[2][3] == "2"

    ods_export = _report(sessions, facilitator, "ods")
    with zipfile.ZipFile(ods_export.file.path) as archive:
        content = archive.read("content.xml").decode()
    assert 'table:name="Couverture"' in content and "Défi 3" in content


def test_the_report_as_pdf_has_the_coverage_then_a_page_per_stand(sessions, facilitator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    export = _report(sessions, facilitator, "pdf")

    reader = PdfReader(export.file.path)
    texts = [page.extract_text().replace("\xa0", " ") for page in reader.pages]
    assert len(texts) == 3
    assert "Couverture" in texts[0]
    assert texts[1].startswith("Rapport de séance de test") is False and "Défi 1" in texts[1]
    assert "Les critères sont pertinents." in texts[1]  # Défi 1's debrief
    assert "Défi 3" in texts[2] and "En partie" in texts[2] and "HYPERLIEN" in texts[2]
    assert "L’équipe n’a pas encore débriefé." in texts[2]


def test_the_report_in_english_names_teams_averages_and_shares_in_english(sessions, facilitator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    workbook = openpyxl.load_workbook(_report(sessions, facilitator, "xlsx", language="en").file.path)
    pdf = PdfReader(_report(sessions, facilitator, "pdf", language="en").file.path)

    feedback = list(workbook["Feedback"].iter_rows(values_only=True))
    visiting = feedback[0].index("Visiting team")
    assert [row[visiting] for row in feedback[1:] if row[visiting]] == ["Challenge 1"]
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Average: " in text and "Average :" not in text
    assert re.search(r"\b\d+%", text) and not re.search(r"\d[ \u00a0]%", text)
