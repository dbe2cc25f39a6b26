"""Journey 4: staff ask for a site report as XLSX and as PDF, watch the progress bar, download both files."""

from __future__ import annotations

import openpyxl
import pypdfium2
import pytest
from pypdf import PdfReader

from challenges.models import Challenge
from innovation.models import Export
from innovation.services import exports
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import ARTIFACTS, assert_no_axe_violations, screenshot
from tests.helpers.two_factor import sign_in_in_browser
from tests.innovation.factories_exports import ExportFactory
from tests.reports.report_data import report_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def journey(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    staff = UserFactory(email="claire@example.org", display_name="Claire Le Goff", is_staff=True)
    site, challenges = report_site(challenges=3, assessments=True)
    return staff, site, challenges


def _log_in(page, email):
    # Staff are asked for the code of their authenticator app after the password.
    sign_in_in_browser(page, email, PASSWORD)


def _request(page, site, format_label):
    page.goto("/")
    page.get_by_role("link", name="Rapports", exact=True).click()
    page.wait_for_url("**/exports/")
    page.get_by_role("link", name=f"Rapport sur le site de {site.place}").click()
    page.get_by_label(format_label).check()
    page.get_by_role("button", name="Demander l’export").click()
    page.wait_for_url("**/exports/*/")


def test_staff_request_a_site_report_as_xlsx_and_pdf_and_download_both(page, journey, tmp_path):
    staff, site, challenges = journey
    _log_in(page, staff.email)

    # The reports page and the request form are accessible
    page.goto("/exports/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=f"Rapport sur le site de {site.place}").click()
    assert page.locator("h1").inner_text().startswith("Rapport du site")
    assert_no_axe_violations(page)
    screenshot(page, "export-request-form")

    # XLSX: the job runs (eagerly here), the progress page turns into a download link
    _request(page, site, "Tableur Excel (XLSX)")
    assert page.get_by_test_id("export-state").inner_text() == "Votre fichier est prêt."
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "100"
    assert_no_axe_violations(page)
    screenshot(page, "export-progress-done")
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    xlsx_path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(xlsx_path)
    assert xlsx_path.suffix == ".xlsx"
    workbook = openpyxl.load_workbook(xlsx_path)
    assert workbook.sheetnames == ["Défis", "Équipes", "Évaluations", "Historique des questions"]
    questions = [row[3] for row in list(workbook["Défis"].iter_rows(values_only=True))[1:]]
    assert questions == list(Challenge.objects.filter(site=site).order_by("number").values_list("question", flat=True))

    # PDF
    _request(page, site, "PDF")
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    pdf_path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(pdf_path)
    reader = PdfReader(pdf_path)
    text = " ".join(p.extract_text() for p in reader.pages).replace("\xa0", " ")
    assert all(challenge.question in text for challenge in challenges)
    assert "Synthèse" in text and "Tous les défis" in text and "Relève de l’action publique" in text
    folder = ARTIFACTS / "screenshots"
    document = pypdfium2.PdfDocument(str(pdf_path))
    document[0].render(scale=60 / 72).to_pil().save(folder / "report-pdf-page1.png")
    document.close()
    assert (folder / "report-pdf-page1.png").stat().st_size > 5000

    # Both exports are listed on the reports page, with their e-mails sent
    assert Export.objects.filter(requested_by=staff, state=Export.State.DONE).count() == 2


def test_the_progress_bar_follows_the_job_until_it_becomes_a_download_link(page, journey):
    staff, site, _ = journey
    _log_in(page, staff.email)
    # A job waiting for a worker (written without sending it, as if the broker were slow)
    export = ExportFactory(
        requested_by=staff,
        title="Rapport du site : Rennes",
        format=Export.Format.PDF,
        parameters={"builder": "reports.report", "scope": "site", "scope_id": site.pk, "content": "report"},
    )

    page.goto(f"/exports/{export.pk}/")
    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuenow") == "0"
    assert "En attente de traitement" in page.get_by_test_id("export-state").inner_text()
    assert_no_axe_violations(page)

    # When the worker reports progress, the bar follows (htmx polls the fragment every second)
    Export.objects.filter(pk=export.pk).update(state=Export.State.RUNNING, progress=40)
    # (a function, not a string: the Content-Security-Policy forbids eval, which a string would need)
    page.wait_for_function(
        "() => document.querySelector('[role=progressbar]').getAttribute('aria-valuenow') === '40'", timeout=10_000
    )
    assert "40" in page.get_by_test_id("export-state").inner_text()
    # static/js/app.js sizes the bar (an inline style="width" would be blocked) once htmx has swapped it in:
    # on a busy machine that comes a moment after the new value, so the test waits for it too.
    page.wait_for_function(
        "() => document.querySelector('[role=progressbar] .progress-bar').style.width === '40%'", timeout=10_000
    )
    assert_no_axe_violations(page)
    screenshot(page, "export-progress-running")

    # When the job finishes, the bar becomes a download link
    assert exports.export_run(export_id=export.pk) is True
    page.get_by_test_id("export-download").wait_for(timeout=10_000)
    assert "Télécharger le fichier PDF" in page.get_by_test_id("export-download").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "export-progress-finished-by-polling")
