"""A facilitator imports a site's challenges in the browser: template, upload, preview, confirm."""

from __future__ import annotations

import csv
import io

import pytest

from challenges.models import Challenge
from tests.challenges.factories import SiteFactory, ThemeFactory
from tests.factories import PASSWORD, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot
from tests.helpers.two_factor import sign_in_in_browser

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def _log_in(page, email: str) -> None:
    # Staff are asked for the code of their authenticator app after the password.
    sign_in_in_browser(page, email, PASSWORD)


def _filled(template: bytes, rows: list[dict[str, str]]) -> bytes:
    """The downloaded template with rows added under its header, the way a spreadsheet would save it."""
    text = template.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";"))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue().encode("utf-8-sig")


ROWS = [
    {
        "numéro": "1",
        "question": "Comment améliorer et simplifier les inscriptions scolaires et périscolaires ?",
        "sujet": "Inscriptions scolaires",
        "organisation porteuse": "Ville de Rennes",
        "thème": "Co-construire des services publics innovants",
        "territoire": "Rennes",
        "communes": "1",
        "habitants": "216 000",
        "enjeux": "Trois formulaires pour une rentrée.",
        "usagers": "Les familles",
    },
    {
        "numéro": "2",
        "question": "Comment rendre le transport à la demande lisible en milieu rural ?",
        "organisation porteuse": "Dinan Agglomération",
        "territoire": "Dinan Agglomération",
        "communes": "65",
    },
]


def test_facilitator_imports_challenges_from_the_template(page, live_server):
    # Given the facilitator of Rennes, whose edition has a theme
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Gall")
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    ThemeFactory(edition=site.edition, title="Co-construire des services publics innovants")
    _log_in(page, "yann@example.org")

    # When they open the import page and download the CSV template
    page.goto(f"/sites/{site.pk}/import/")
    assert_no_axe_violations(page)
    screenshot(page, "import-upload")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Modèle (CSV)").click()
    template = download_info.value.path().read_bytes()

    # and upload it first with a mistake (an unknown theme), then corrected
    bad = _filled(template, [ROWS[0], {**ROWS[1], "thème": "Thème inconnu"}])
    page.get_by_label("Tableur des défis").set_input_files({"name": "defis.csv", "mimeType": "text/csv", "buffer": bad})
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.wait_for_url("**/import/preview/")
    assert page.get_by_test_id("import-errors").is_visible()
    assert page.get_by_text("Thème inconnu pour cette édition.").is_visible()
    assert page.get_by_role("button", name="Importer 2 défis").count() == 0
    assert_no_axe_violations(page)
    screenshot(page, "import-preview-errors")

    page.get_by_role("link", name="Déposer un autre fichier").click()
    page.get_by_label("Tableur des défis").set_input_files(
        {"name": "defis.csv", "mimeType": "text/csv", "buffer": _filled(template, ROWS)}
    )
    page.get_by_label("Publier les défis importés").check()
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.wait_for_url("**/import/preview/")

    # Then the preview shows both lines as valid
    assert page.get_by_test_id("preview-row").count() == 2
    assert page.get_by_test_id("import-ready").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "import-preview")

    # and once confirmed, the site page lists the imported challenges
    page.get_by_role("button", name="Importer 2 défis").click()
    page.wait_for_url(f"**/sites/{site.pk}/")
    assert page.get_by_text("2 défis importés dans le site Rennes.").is_visible()
    assert page.get_by_text("Comment améliorer et simplifier les inscriptions scolaires").is_visible()
    assert page.get_by_text("Comment rendre le transport à la demande lisible").is_visible()
    challenge = Challenge.objects.get(site=site, number=1)
    assert challenge.territory_inhabitants == 216000
    assert challenge.theme.title == "Co-construire des services publics innovants"


def test_staff_set_up_pages_are_accessible(page, live_server):
    staff = UserFactory(email="claire@example.org", display_name="Claire Morvan", is_staff=True)
    site = SiteFactory(place="Cluny", facilitators=[UserFactory(display_name="Yann Le Gall")])
    ThemeFactory(edition=site.edition, title="Former les innovateurs")
    _log_in(page, staff.email)

    page.get_by_role("link", name="Gérer les éditions").click()
    page.get_by_role("link", name=site.edition.title).click()
    assert page.get_by_test_id("site-row").count() == 1
    assert_no_axe_violations(page)
    screenshot(page, "staff-edition")

    page.get_by_role("link", name="Facilitateurs·rices du site Cluny").click()
    page.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    page.get_by_role("button", name="Nommer").click()
    assert page.get_by_label("Adresse e-mail").input_value() == "pas-une-adresse"
    assert_no_axe_violations(page)
    page.get_by_label("Adresse e-mail").fill("nouvelle@example.org")
    page.get_by_role("button", name="Nommer").click()
    assert page.get_by_test_id("facilitator").count() == 2
    assert_no_axe_violations(page)
    screenshot(page, "staff-facilitators")

    page.goto("/staff/editions/new/")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_text("Ce champ est obligatoire.").first.is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "staff-edition-form-errors")
