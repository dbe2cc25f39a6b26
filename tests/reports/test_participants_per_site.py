"""The edition report gives the participant counts of its sites (issue 15: about 200 in Rennes)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from challenges.models import Site
from innovation.models import Export
from reports import services as reports
from reports.selectors import ReportScope
from tests.challenges.factories import SiteFactory
from tests.reports.report_data import report_site


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_edition_pdf_shows_the_participants_of_each_site(staff, db, django_capture_on_commit_callbacks):
    rennes, _ = report_site(challenges=2)
    Site.objects.filter(pk=rennes.pk).update(participant_count=200)
    SiteFactory(edition=rennes.edition, place="Cluny", participant_count=140)
    SiteFactory(edition=rennes.edition, place="Strasbourg")  # no count: not listed

    with django_capture_on_commit_callbacks(execute=True):
        export = reports.report_request(
            requested_by=staff,
            scope=ReportScope(kind="edition", pk=rennes.edition_id),
            subject=rennes.edition,
            content="report",
            format="pdf",
        )
    export.refresh_from_db()

    assert export.state == Export.State.DONE, export.error
    text = " ".join(page.extract_text() for page in PdfReader(export.file.path).pages).replace("\xa0", " ")
    assert "Participants par site" in text
    assert "Cluny 140" in text and "Rennes 200" in text
    assert "Strasbourg" not in text.split("Participants par site")[1].split("Défis par phase en cours")[0]
