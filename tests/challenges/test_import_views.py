"""The import flow in the browser's shoes: upload, preview with errors, confirm, all or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges.models import Challenge
from challenges.services import imports
from tests.challenges.import_files import challenge_row, csv_bytes, ods_bytes, xlsx_bytes
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db]


def _upload(client, site, name: str, content: bytes, **data):
    return client.post(
        reverse("challenges:challenge_import", args=[site.pk]),
        {"file": SimpleUploadedFile(name, content), **data},
    )


@pytest.mark.parametrize(("name", "build"), [("d.csv", csv_bytes), ("d.xlsx", xlsx_bytes), ("d.ods", ods_bytes)])
def test_facilitator_uploads_previews_and_confirms(client, world, facilitator, name, build):
    # Given the facilitator of the site and a valid file of two challenges
    client.force_login(facilitator)
    site = world["site"]

    # When they upload it, look at the preview and confirm
    response = _upload(client, site, name, build([challenge_row(10), challenge_row(11)]), publish="on")
    preview_url = reverse("challenges:challenge_import_preview", args=[site.pk])
    assert response.status_code == 302 and response["Location"] == preview_url
    preview = client.get(preview_url)
    confirmed = client.post(preview_url, follow=True)

    # Then the preview listed both lines, and the site page shows the published challenges
    assert preview.status_code == 200
    assert preview.content.decode().count('data-testid="preview-row"') == 2
    assert 'data-testid="import-ready"' in preview.content.decode()
    assert confirmed.redirect_chain[-1][0] == reverse("challenges:site_detail", args=[site.pk])
    assert "2 défis importés" in confirmed.content.decode() or "2 challenges imported" in confirmed.content.decode()
    assert set(Challenge.objects.filter(site=site, number__in=[10, 11]).values_list("status", flat=True)) == {
        "published"
    }
    # and the pending import is gone: the preview sends back to the form
    assert client.get(preview_url).status_code == 302


def test_errors_are_shown_per_cell_and_nothing_can_be_confirmed(client, world, facilitator):
    client.force_login(facilitator)
    site = world["site"]
    # Number 1 is taken by the world's challenge; the second row has no question.
    _upload(client, site, "d.csv", csv_bytes([challenge_row(1), challenge_row(12, question="")]))
    preview_url = reverse("challenges:challenge_import_preview", args=[site.pk])

    page = client.get(preview_url).content.decode()
    forced = client.post(preview_url)

    assert 'data-testid="import-errors"' in page
    assert page.count('class="import-cell-error"') == 2
    assert "Import 2 challenges" not in page and "Importer 2 défis" not in page
    assert forced.status_code == 200
    assert not Challenge.objects.filter(site=site, number=12).exists()


def test_a_bad_file_is_explained_next_to_the_field_in_french(client, world, facilitator):
    client.force_login(facilitator)

    response = _upload(client, world["site"], "d.csv", "numéro;question\n1;é\n".encode("latin-1"))

    page = response.content.decode()
    assert response.status_code == 400
    assert "n’est pas encodé en UTF-8" in page
    assert 'id="error_1_id_file"' in page or "invalid-feedback" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("d.pdf", b"%PDF", "Ce format n’est pas pris en charge"),
        ("d.csv", b"", "Le fichier soumis est vide"),  # Django's own check of an empty upload
        ("d.csv", b"nom;prenom\nA;B\n", "Colonnes inconnues"),
    ],
)
def test_other_bad_files_get_a_french_message(client, world, facilitator, name, content, message):
    client.force_login(facilitator)

    response = _upload(client, world["site"], name, content)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_too_big_a_file_gets_a_message(client, world, facilitator, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_BYTES", 100)
    client.force_login(facilitator)

    response = _upload(client, world["site"], "d.csv", csv_bytes([challenge_row(1)]))

    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()


def test_another_person_cannot_confirm_someone_elses_import(client, world, facilitator, staff):
    # Given a second facilitator of the same site, and a pending import of the first one
    site = world["site"]
    colleague = UserFactory()
    site.facilitators.add(colleague)
    client.force_login(facilitator)
    _upload(client, site, "d.csv", csv_bytes([challenge_row(20)]))

    # When the colleague (another session) confirms
    other = client.__class__()
    other.force_login(colleague)
    response = other.post(reverse("challenges:challenge_import_preview", args=[site.pk]))

    # Then they are sent to the upload form and nothing is imported
    assert response.status_code == 302
    assert response["Location"] == reverse("challenges:challenge_import", args=[site.pk])
    assert not Challenge.objects.filter(site=site, number=20).exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
def test_templates_download_with_the_french_header(client, world, facilitator, file_format):
    client.force_login(facilitator)

    response = client.get(reverse("challenges:challenge_import_template", args=[world["site"].pk, file_format]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    with pytest.raises(imports.ImportFileError, match="aucun défi"):
        imports.import_file_parse(filename=f"t.{file_format}", content=response.content)


def test_an_unknown_template_format_is_not_found(client, world, facilitator):
    client.force_login(facilitator)

    response = client.get(reverse("challenges:challenge_import_template", args=[world["site"].pk, "pdf"]))

    assert response.status_code == 404


def test_the_site_import_button_is_shown_to_who_may_import(rf, world, facilitator, outsider):
    from django.template.loader import render_to_string

    def button(user):
        request = rf.get("/")
        request.user = user
        return render_to_string("challenges/imports/_site_import_link.html", {"site": world["site"]}, request=request)

    url = reverse("challenges:challenge_import", args=[world["site"].pk])
    assert url in button(facilitator)
    assert url not in button(outsider)


def test_an_imported_challenge_s_history_says_who_imported_it_from_which_file(client, world, facilitator):
    # Given a facilitator who imported a file
    client.force_login(facilitator)
    site = world["site"]
    _upload(client, site, "defis-rennes.csv", csv_bytes([challenge_row(12)]))
    client.post(reverse("challenges:challenge_import_preview", args=[site.pk]))
    challenge = Challenge.objects.get(site=site, number=12)

    # When its history is read
    page = client.get(reverse("challenges:challenge_history", args=[challenge.pk])).content.decode()

    # Then its one entry names the import, the person and the file
    assert "Défi importé" in page
    assert facilitator.display_name in page
    assert "Fichier importé" in page and "defis-rennes.csv" in page
