"""The import service: every format read back, file errors, row errors, all or nothing."""

from __future__ import annotations

import pytest
from django.utils import translation

from challenges.models import AuditEntry, Challenge
from challenges.services import challenges as challenge_services
from challenges.services import imports
from challenges.services.imports import ImportFileError, ImportInvalid
from innovation.models import Organisation
from tests.challenges.factories import ChallengeFactory, SiteFactory, ThemeFactory
from tests.challenges.import_files import HEADERS, challenge_row, csv_bytes, ods_bytes, xlsx_bytes
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English here; the French ones in test_import_views.py."""
    with translation.override("en"):
        yield


@pytest.fixture
def site():
    site = SiteFactory(place="Rennes")
    ThemeFactory(edition=site.edition, title="Leviers de l’innovation")
    return site


BUILDERS = {"csv": csv_bytes, "xlsx": xlsx_bytes, "ods": ods_bytes}


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
def test_each_format_is_read_back_and_imported(site, file_format):
    # Given a file with two challenges, one with a theme and figures
    content = BUILDERS[file_format](
        [challenge_row(3, theme="leviers de l’innovation", territory_inhabitants=216815), challenge_row(4)]
    )

    # When it is parsed, validated and imported
    rows = imports.import_file_parse(filename=f"defis.{file_format}", content=content)
    results = imports.import_rows_validate(site=site, rows=rows)
    imports.challenges_import(site=site, rows=rows, publish=True)

    # Then every cell came through, and the challenges exist
    assert [row.line for row in rows] == [2, 3]
    assert rows[0].values["number"] == "3"
    assert rows[0].values["territory_inhabitants"] == "216815"
    assert all(result.is_valid for result in results)
    challenge = Challenge.objects.get(site=site, number=3)
    assert challenge.question == "Comment simplifier la démarche 3 ?"
    assert challenge.theme.title == "Leviers de l’innovation"
    assert challenge.territory_inhabitants == 216815
    assert challenge.territory_communes == 1
    assert challenge.stakes == "Des **enjeux**"
    assert challenge.organisation.name == "Ville de Rennes"
    assert challenge.status == Challenge.Status.PUBLISHED
    assert Challenge.objects.filter(site=site).count() == 2


def test_csv_with_commas_and_no_bom_is_read(site):
    content = csv_bytes([challenge_row(1, question="Comment faire, vraiment ?")], delimiter=",", bom=False)

    rows = imports.import_file_parse(filename="DEFIS.CSV", content=content)

    assert rows[0].values["question"] == "Comment faire, vraiment ?"
    assert rows[0].values["organisation"] == "Ville de Rennes"


def test_headers_are_matched_whatever_their_case_and_accents(site):
    headers = [header.upper().replace("É", "E") for header in HEADERS]

    rows = imports.import_file_parse(filename="d.csv", content=csv_bytes([challenge_row(1)], headers=headers))

    assert rows[0].values["number"] == "1"


def test_one_bad_row_means_nothing_is_written(site):
    # Given a file whose second row has no question and whose third row names an unknown theme
    rows = imports.import_file_parse(
        filename="d.csv",
        content=csv_bytes(
            [
                challenge_row(1, organisation="Commune nouvelle"),
                challenge_row(2, question=""),
                challenge_row(5, theme="X"),
            ]
        ),
    )

    # When it is imported
    with pytest.raises(ImportInvalid) as raised:
        imports.challenges_import(site=site, rows=rows)

    # Then nothing was written, not even the new organisation, and the errors say which cell
    assert not Challenge.objects.filter(site=site).exists()
    assert not Organisation.objects.filter(name="Commune nouvelle").exists()
    results = raised.value.results
    assert results[0].is_valid
    assert list(results[1].errors) == ["question"]
    assert list(results[2].errors) == ["theme"]
    assert "Leviers de l’innovation" in results[2].errors["theme"][0]


def test_preview_gives_errors_per_row_and_column(site):
    # Given a site that already has challenge 1, and an organisation known under another case
    ChallengeFactory(site=site, number=1)
    OrganisationFactory(name="Rennes Métropole")
    rows = imports.import_file_parse(
        filename="d.xlsx",
        content=xlsx_bytes(
            [
                challenge_row(1),
                challenge_row(2, organisation="rennes métropole"),
                challenge_row(2, territory_communes="beaucoup"),
                challenge_row("trois", question="x" * 501, organisation=""),
                challenge_row(6, organisation="Mairie de Saint-Malo"),
            ]
        ),
    )

    results = imports.import_rows_validate(site=site, rows=rows)

    assert [sorted(result.errors) for result in results] == [
        ["number"],
        [],
        ["number", "territory_communes"],
        ["number", "organisation", "question"],
        [],
    ]
    assert "Challenge 1 already exists on this site" in results[0].errors["number"][0]
    assert "line 3" in results[2].errors["number"][0]
    assert "beaucoup" in results[2].errors["territory_communes"][0]
    assert results[1].new_organisation is False
    assert results[4].new_organisation is True


def test_new_organisations_are_created_once(site):
    rows = imports.import_file_parse(
        filename="d.csv",
        content=csv_bytes(
            [challenge_row(1, organisation="Mairie de Cesson"), challenge_row(2, organisation="MAIRIE DE CESSON")]
        ),
    )

    imports.challenges_import(site=site, rows=rows)

    assert Organisation.objects.filter(name__iexact="mairie de cesson").count() == 1
    assert set(Challenge.objects.filter(site=site).values_list("status", flat=True)) == {Challenge.Status.DRAFT}


def test_validation_makes_the_same_queries_for_many_rows(site, django_assert_max_num_queries):
    rows = imports.import_file_parse(filename="d.csv", content=csv_bytes([challenge_row(n) for n in range(1, 201)]))

    with django_assert_max_num_queries(3):
        results = imports.import_rows_validate(site=site, rows=rows)

    assert len(results) == 200


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("defis.pdf", b"%PDF-1.4", "format is not supported"),
        ("defis", b"abc", "format is not supported"),
        ("defis.csv", b"", "empty"),
        ("defis.csv", b"\xef\xbb\xbf\n;;\n", "empty"),
        ("defis.csv", csv_bytes([]), "no challenge"),
        ("defis.xlsx", xlsx_bytes([]), "no challenge"),
        ("defis.csv", "numéro;question;organisation porteuse\n1;Comment é ?;Ville\n".encode("latin-1"), "UTF-8"),
        ("defis.xlsx", b"PK\x03\x04 not really a zip", "XLSX"),
        ("defis.ods", b"not an ods", "ODS"),
        ("defis.csv", csv_bytes([challenge_row(1)], headers=["nom", *HEADERS[1:]]), "« nom »"),
        ("defis.csv", csv_bytes([[1, "Comment ?"]], headers=["numéro", "question"]), "Missing column"),
        ("defis.csv", csv_bytes([[*challenge_row(1), "1"]], headers=[*HEADERS, "numéro"]), "twice"),
    ],
    ids=[
        "pdf", "no-extension", "empty", "blank-lines", "csv-header-only", "xlsx-header-only", "latin-1",
        "fake-xlsx", "fake-ods", "unknown-column", "missing-column", "duplicate-column",
    ],
)  # fmt: skip
def test_bad_files_get_a_clear_message(filename, content, message):
    with pytest.raises(ImportFileError) as raised:
        imports.import_file_parse(filename=filename, content=content)

    assert message in str(raised.value)


def test_too_big_a_file_is_refused(settings):
    content = b"x" * (imports.MAX_IMPORT_BYTES + 1)

    with pytest.raises(ImportFileError, match="too big"):
        imports.import_file_parse(filename="defis.csv", content=content)


def test_too_many_rows_are_refused():
    content = csv_bytes([challenge_row(n) for n in range(1, imports.MAX_IMPORT_ROWS + 2)])

    with pytest.raises(ImportFileError, match="more than"):
        imports.import_file_parse(filename="defis.csv", content=content)


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
def test_the_template_is_an_importable_file_with_the_french_headers(file_format):
    content, content_type = imports.import_template(file_format=file_format)

    with pytest.raises(ImportFileError, match="no challenge"):
        imports.import_file_parse(filename=f"modele.{file_format}", content=content)
    assert content_type


def test_an_imported_challenge_has_its_audit_entry_naming_the_importer_and_the_file(site):
    # Given a facilitator importing a file of two challenges, published
    importer = UserFactory(display_name="Yann Le Gall")
    rows = imports.import_file_parse(filename="d.csv", content=csv_bytes([challenge_row(3), challenge_row(4)]))

    # When the import is confirmed
    created = imports.challenges_import(
        site=site, rows=rows, publish=True, imported_by=importer, filename="defis-rennes.csv"
    )

    # Then each challenge has one entry: imported, by whom, from which file, with what it holds
    entries = AuditEntry.objects.filter(challenge__in=created).order_by("challenge__number")
    assert [(entry.challenge.number, entry.action, entry.actor) for entry in entries] == [
        (3, AuditEntry.Action.IMPORTED, importer),
        (4, AuditEntry.Action.IMPORTED, importer),
    ]
    assert entries[0].changes["file"] == [None, "defis-rennes.csv"]
    assert entries[0].changes["question"] == [None, "Comment simplifier la démarche 3 ?"]
    assert entries[0].changes["organisation"] == [None, "Ville de Rennes"]
    assert entries[0].changes["status"] == [None, "published"]


@pytest.mark.parametrize(
    "name",
    ["Ville de Cluny", "Dinan Agglomération", "Conseil départemental du Finistère", "Région Bretagne", "La Fabrique"],
)
def test_an_organisation_created_by_the_import_has_the_kind_the_form_gives_it(site, facilitator, name):
    # Given a new organisation named in the challenge form, and another of the same sort in an import
    challenge_services.challenge_create(
        site=SiteFactory(edition=site.edition, place="Cluny"),
        author=facilitator,
        organisation=f"{name} (formulaire)",
        fields={"number": 1, "question": "Comment faire ?"},
    )
    rows = imports.import_file_parse(
        filename="d.csv", content=csv_bytes([challenge_row(1, organisation=f"{name} (import)")])
    )

    # When the import creates it
    imports.challenges_import(site=site, rows=rows, imported_by=facilitator)

    # Then both got the same kind, the one their name says
    by_form = Organisation.objects.get(name=f"{name} (formulaire)")
    by_import = Organisation.objects.get(name=f"{name} (import)")
    assert by_import.kind == by_form.kind == challenge_services.organisation_kind_for_name(name=name)
