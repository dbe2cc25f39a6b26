"""Journey 4 of test sessions, in Chromium: CNFPT staff request a session's report as XLSX and as PDF through
the export jobs (progress page, then download), and find the coverage table and one page per stand."""

from __future__ import annotations

import openpyxl
import pypdfium2
import pytest
from pypdf import PdfReader

from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import ARTIFACTS, assert_no_axe_violations, screenshot
from tests.helpers.two_factor import sign_in_in_browser
from tests.testsessions.factories import DebriefFactory, FeedbackFactory, SessionFactory, StandFactory
from testsessions.models import TestSession

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _request(page, session, format_label):
    page.goto(f"/test-sessions/{session.pk}/")
    page.get_by_role("link", name="Rapport de séance").click()
    page.get_by_label(format_label).check()
    page.get_by_role("button", name="Demander le rapport").click()
    page.wait_for_url("**/exports/*/")
    assert page.get_by_test_id("export-state").inner_text() == "Votre fichier est prêt."


def _download(page, tmp_path):
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    return path


def test_staff_download_the_session_report_as_xlsx_and_pdf(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    staff = UserFactory(email="claire@example.org", display_name="Claire Morvan", is_staff=True)
    site = SiteFactory(place="Rennes")
    session = SessionFactory(site=site, state=TestSession.State.CLOSED)
    stands = [StandFactory(session=session, challenge=ChallengeFactory(site=site, number=n)) for n in (1, 2, 3)]
    FeedbackFactory(
        stand=stands[0], visiting_challenge=stands[1].challenge, answers={"clarity": 5, "change": "Plus grand"}
    )
    FeedbackFactory(stand=stands[0], answers={"relevance": "no"})
    FeedbackFactory(stand=stands[1], visiting_challenge=stands[0].challenge, answers={"relevance": "validated"})
    DebriefFactory(session=session, challenge=stands[0].challenge)
    sign_in_in_browser(page, staff.email, PASSWORD)  # staff give their authenticator app's code too

    # From the site page to the session
    page.goto(f"/sites/{site.pk}/")
    page.get_by_role("link", name="Séances de test").click()
    page.get_by_role("link", name="Exposition des prototypes").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Rapport de séance").click()
    assert_no_axe_violations(page)
    screenshot(page, "testsessions-report-request")

    _request(page, session, "Tableur Excel (XLSX)")
    assert_no_axe_violations(page)
    workbook = openpyxl.load_workbook(_download(page, tmp_path))
    coverage = list(workbook["Couverture"].iter_rows(values_only=True))
    assert [(row[0], row[3], row[4], row[5], row[6]) for row in coverage[1:]] == [
        ("Défi 1", 2, 1, 1, 2),
        ("Défi 2", 1, 1, 1, 2),
        ("Défi 3", 0, 0, 0, 2),
    ]
    assert len(list(workbook["Retours"].iter_rows())) == 4

    _request(page, session, "PDF")
    pdf = _download(page, tmp_path)
    reader = PdfReader(pdf)
    texts = [p.extract_text().replace("\xa0", " ") for p in reader.pages]
    assert len(texts) == 4 and "Couverture" in texts[0]
    assert "« Plus grand »" in texts[1] and "Les critères sont pertinents." in texts[1]
    assert "L’équipe n’a pas encore débriefé." in texts[3]
    document = pypdfium2.PdfDocument(str(pdf))
    document[1].render(scale=60 / 72).to_pil().save(ARTIFACTS / "screenshots" / "testsessions-report-pdf-page2.png")
    document.close()
