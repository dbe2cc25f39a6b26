"""The staff journey through the pages: request, progress, download; bad input gets a French message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from innovation.models import Export
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok
from tests.innovation.factories_exports import ExportFactory
from tests.reports.report_data import report_site


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(db, facilitator):
    return report_site(facilitators=[facilitator], challenges=2)[0]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _new_url(site):
    return reverse("reports:export_new", args=["site", site.pk])


def test_the_request_form_offers_contents_and_formats_in_french(staff_client, site):
    response = staff_client.get(_new_url(site))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rapport du site\u00a0: Rennes" in html
    for label in (
        "Rapport complet",
        "Jeu de données des évaluations",
        "Tableur Excel (XLSX)",
        "Tableur OpenDocument (ODS)",
    ):
        assert label in html


def test_posting_the_form_redirects_to_the_progress_page_then_the_file_downloads(
    staff_client, staff, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_new_url(site), {"content": "report", "format": "ods"})

    export = Export.objects.get(requested_by=staff)
    assert response.status_code == 302 and response["Location"] == reverse("export_detail", args=[export.pk])
    page = staff_client.get(response["Location"]).content.decode()
    assert "Votre fichier est prêt." in page
    download = reverse("export_download", args=[export.pk])
    assert f'href="{download}"' in page
    file_response = staff_client.get(download)
    assert file_response.status_code == 200
    assert file_response["Content-Disposition"].startswith('attachment; filename="rapport-rennes-')
    assert b"".join(file_response.streaming_content)[:2] == b"PK"


def test_an_unknown_format_gets_a_french_message_and_keeps_the_choice(staff_client, staff, site):
    response = staff_client.post(_new_url(site), {"content": "assessments", "format": "docx"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Format inconnu\u00a0: choisissez PDF, XLSX, ODS ou CSV." in html
    assert "checked" in html.split('value="assessments"')[1].split(">")[0]  # nothing chosen is lost
    assert not Export.objects.exists()


def test_a_pdf_of_the_assessments_dataset_is_refused_next_to_the_field(staff_client, site):
    response = staff_client.post(_new_url(site), {"content": "assessments", "format": "pdf"})
    assert response.status_code == 400
    assert "Le jeu de données des évaluations est un tableur" in response.content.decode()
    assert not Export.objects.exists()


def test_a_report_on_a_site_one_does_not_facilitate_is_refused_in_french(client, facilitator, site):
    other = report_site(challenges=1, place="Cluny")[0]
    client.force_login(facilitator)

    for response in (client.get(_new_url(other)), client.post(_new_url(other), {"content": "report", "format": "csv"})):
        assert response.status_code == 403
        assert "Vous ne pouvez demander des rapports que pour les sites que vous animez." in response.content.decode()
    assert not Export.objects.exists()


def test_an_expired_link_answers_410_with_a_french_page(staff_client, staff):
    export = ExportFactory(
        requested_by=staff, state=Export.State.DONE, expires_at=timezone.now() - timedelta(minutes=1)
    )
    export.file.save("ancien.csv", ContentFile(b"x"))

    response = staff_client.get(reverse("export_download", args=[export.pk]))

    assert response.status_code == 410
    html = response.content.decode()
    assert "Lien de téléchargement expiré" in html and "n’est plus disponible" in html


def test_retrying_a_running_job_explains_why_not(staff_client, staff):
    export = ExportFactory(requested_by=staff, state=Export.State.RUNNING, progress=40)

    response = staff_client.post(reverse("export_retry", args=[export.pk]), follow=True)

    assert response.status_code == 200
    assert "seul un export en échec peut être relancé" in response.content.decode()
    export.refresh_from_db()
    assert export.state == Export.State.RUNNING


def test_a_failed_job_shows_a_clear_message_and_a_retry_button(
    staff_client, staff, site, django_capture_on_commit_callbacks
):
    export = ExportFactory(
        requested_by=staff, state=Export.State.FAILED, error="RuntimeError: boom",
        parameters={"builder": "reports.report", "scope": "site", "scope_id": site.pk, "content": "report"},
    )  # fmt: skip
    html = staff_client.get(reverse("export_detail", args=[export.pk])).content.decode()
    assert "L’export a échoué." in html and "Relancer" in html and "boom" not in html

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("export_retry", args=[export.pk]), follow=True)

    assert "L’export est relancé." in response.content.decode()
    export.refresh_from_db()
    assert export.state == Export.State.DONE


def test_the_polling_fragment_carries_the_progress_and_stops_when_done(staff_client, staff):
    export = ExportFactory(requested_by=staff, state=Export.State.RUNNING, progress=42)
    url = reverse("export_detail", args=[export.pk])

    page = staff_client.get(url).content.decode()
    assert f'hx-get="{url}"' in page and 'hx-trigger="every 1s"' in page
    fragment = staff_client.get(url, headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert (
        'role="progressbar"' in body
        and 'aria-valuenow="42"' in body
        and "42\u00a0%" in body.replace("&nbsp;", "\u00a0")
    )

    Export.objects.filter(pk=export.pk).update(
        state=Export.State.DONE, progress=100, expires_at=timezone.now() + timedelta(days=7), file="exports/x.csv"
    )
    fragment = staff_client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 286  # htmx stops polling
    assert reverse("export_download", args=[export.pk]) in fragment.content.decode()
    assert "hx-get" not in staff_client.get(url).content.decode()


def test_a_download_before_the_file_is_ready_goes_back_to_the_progress_page(staff_client, staff):
    export = ExportFactory(requested_by=staff, state=Export.State.QUEUED)
    response = staff_client.get(reverse("export_download", args=[export.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("export_detail", args=[export.pk])


def test_the_reports_page_lists_what_one_may_request_and_ones_exports(client, facilitator, site, staff):
    other = report_site(challenges=1, place="Cluny")[0]
    ExportFactory(requested_by=facilitator, title="Mon export")
    ExportFactory(requested_by=staff, title="Export de Claire")
    client.force_login(facilitator)

    html = client.get(reverse("reports:export_list")).content.decode()

    assert reverse("reports:export_new", args=["site", site.pk]) in html
    assert reverse("reports:export_new", args=["site", other.pk]) not in html
    assert reverse("reports:export_new", args=["edition", site.edition_id]) not in html
    assert "Mon export" in html and "Export de Claire" not in html
    assert reverse("reports:export_list") in client.get("/").content.decode()  # the navigation links to it


def test_pages_make_the_same_number_of_queries_at_two_sizes(client, staff, db):
    client.force_login(staff)

    def build(n):
        for _ in range(n):
            report_site(challenges=1)
            ExportFactory(requested_by=staff, state=Export.State.RUNNING, progress=10)
        return Export.objects.filter(requested_by=staff).first()

    export = build(2)
    small_list = count_queries(get_ok(client, reverse("reports:export_list")))
    small_detail = count_queries(get_ok(client, reverse("export_detail", args=[export.pk])))
    small_new = count_queries(
        get_ok(client, reverse("reports:export_new", args=["site", export.pk and report_site()[0].pk]))
    )
    export = build(20)
    large_list = count_queries(get_ok(client, reverse("reports:export_list")))
    large_detail = count_queries(get_ok(client, reverse("export_detail", args=[export.pk])))
    large_new = count_queries(get_ok(client, reverse("reports:export_new", args=["site", report_site()[0].pk])))

    assert_constant_queries(small_list, large_list, what="reports and exports page")
    assert_constant_queries(small_detail, large_detail, what="export progress page")
    assert_constant_queries(small_new, large_new, what="report request page")


def test_export_notifications_carry_a_link_and_the_format_and_can_be_told_apart(
    staff_client, staff, site, django_capture_on_commit_callbacks
):
    from django.core import mail

    # Given the same site report requested in the four formats
    for fmt in ("pdf", "xlsx", "ods", "csv"):
        with django_capture_on_commit_callbacks(execute=True):
            staff_client.post(_new_url(site), {"content": "report", "format": fmt})
    exports = {export.format: export for export in Export.objects.filter(requested_by=staff)}
    assert set(exports) == {"pdf", "xlsx", "ods", "csv"}

    # Then the notification centre shows four different lines, each with its format and a link to its export
    html = staff_client.get(reverse("notifications")).content.decode()
    for fmt, label in (
        ("pdf", "PDF"),
        ("xlsx", "Tableur Excel (XLSX)"),
        ("ods", "Tableur OpenDocument (ODS)"),
        ("csv", "Fichiers CSV dans un zip"),
    ):
        assert f"· {label}" in html
        assert f'href="{reverse("export_detail", args=[exports[fmt].pk])}"' in html
    # and the e-mail subjects differ by their format
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(set(subjects)) == 4 and any(subject.endswith("(PDF)") for subject in subjects)


def test_the_csv_download_says_it_is_a_zip(staff_client, staff, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(_new_url(site), {"content": "report", "format": "csv"})
    export = Export.objects.get(requested_by=staff)

    page = staff_client.get(reverse("export_detail", args=[export.pk])).content.decode()

    assert "Télécharger le zip des fichiers CSV" in page and "fichier CSV" not in page
    assert export.file.name.endswith(".zip")
