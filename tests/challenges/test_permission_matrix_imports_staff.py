"""Persona × URL for the challenge import (site facilitators, staff) and the staff set-up pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges.models import Challenge, Edition, Site, Theme
from tests.challenges.factories import ThemeFactory
from tests.challenges.import_files import challenge_row, csv_bytes
from tests.helpers.matrix import LOGIN, PERSONAS, cases_for, check_case


def _site(world):
    return [world["site"].pk]


def _other_site(world):
    return [world["other_site"].pk]


def _site_csv(world):
    return [world["site"].pk, "csv"]


def _other_site_xlsx(world):
    return [world["other_site"].pk, "xlsx"]


def _edition(world):
    return [world["edition"].pk]


def _theme(world):
    return [world["theme"].pk]


def _site_facilitator(world):
    return [world["site"].pk, world["site_facilitator"].pk]


# Sites are public: whoever does not facilitate a site is refused its import (403); staff may import anywhere.
SITE_FACILITATOR_OR_STAFF = {
    "anonymous": LOGIN,
    "outsider": 403,
    "contributor": 403,
    "owner": 403,
    "facilitator": 200,
    "staff": 200,
}
STAFF_ONLY = {"anonymous": LOGIN, "outsider": 403, "contributor": 403, "owner": 403, "facilitator": 403, "staff": 200}


def _with(base: dict, **changes) -> dict:
    return {**base, **changes}


# What each write changes, read from the database (see tests/helpers/matrix.py).
def _challenges_of(key):
    return lambda w: Challenge.objects.filter(site=w[key]).count()


def _upload_a_file(key):
    """Upload a file of two challenges as the persona, so that there is an import to confirm."""

    def prepare(client, w):
        rows = [challenge_row(20), challenge_row(21)]
        client.post(
            reverse("challenges:challenge_import", args=[w[key].pk]),
            {"file": SimpleUploadedFile("d.csv", csv_bytes(rows))},
        )

    return prepare


def _editions(w):
    return Edition.objects.count()


def _edition_title(w):
    return Edition.objects.get(pk=w["edition"].pk).title


def _sites(w):
    return sorted(Site.objects.filter(edition=w["edition"]).values_list("place", flat=True))


def _themes(w):
    return sorted(Theme.objects.filter(edition=w["edition"]).values_list("title", flat=True))


def _facilitators(w):
    return sorted(w["site"].facilitators.values_list("email", flat=True))


EDITION = {"title": "Nouvelle édition", "starts_on": "2027-07-05", "ends_on": "2027-07-07", "description": ""}


CASES = [
    # Import: upload form, preview (nothing pending → back to the form), templates.
    *cases_for("challenges:challenge_import", SITE_FACILITATOR_OR_STAFF, args=_site),
    *cases_for("challenges:challenge_import", _with(SITE_FACILITATOR_OR_STAFF, facilitator=403), args=_other_site),
    *cases_for(
        "challenges:challenge_import",
        _with(SITE_FACILITATOR_OR_STAFF, facilitator=400, staff=400),  # no file: the form answers with its error
        method="post",
        args=_site,
        effect=_challenges_of("site"),
    ),
    *cases_for(
        "challenges:challenge_import",
        _with(SITE_FACILITATOR_OR_STAFF, facilitator=403, staff=400),
        method="post",
        args=_other_site,
    ),
    *cases_for(
        "challenges:challenge_import_preview", _with(SITE_FACILITATOR_OR_STAFF, facilitator=302, staff=302), args=_site
    ),
    *cases_for(
        "challenges:challenge_import_preview",
        _with(SITE_FACILITATOR_OR_STAFF, facilitator=302, staff=302),
        method="post",
        args=_site,
    ),
    *cases_for(
        "challenges:challenge_import_preview",
        _with(SITE_FACILITATOR_OR_STAFF, facilitator=403, staff=302),
        method="post",
        args=_other_site,
    ),
    # Confirming an uploaded file imports it: the site's facilitators and staff only.
    *cases_for(
        "challenges:challenge_import_preview",
        _with(SITE_FACILITATOR_OR_STAFF, facilitator=302, staff=302),
        method="post",
        args=_site,
        prepare=_upload_a_file("site"),
        effect=_challenges_of("site"),
    ),
    *cases_for(
        "challenges:challenge_import_preview",
        _with(SITE_FACILITATOR_OR_STAFF, facilitator=403, staff=302),
        method="post",
        args=_other_site,
        prepare=_upload_a_file("other_site"),
        effect=_challenges_of("other_site"),
    ),
    *cases_for("challenges:challenge_import_template", SITE_FACILITATOR_OR_STAFF, args=_site_csv),
    *cases_for(
        "challenges:challenge_import_template", _with(SITE_FACILITATOR_OR_STAFF, facilitator=403), args=_other_site_xlsx
    ),
    # Staff set-up pages: anybody else is refused (403).
    *cases_for("challenges:staff_edition_list", STAFF_ONLY),
    *cases_for("challenges:staff_edition_create", STAFF_ONLY),
    *cases_for("challenges:staff_edition_create", _with(STAFF_ONLY, staff=400), method="post", effect=_editions),
    *cases_for(
        "challenges:staff_edition_create", _with(STAFF_ONLY, staff=302), method="post", data=EDITION, effect=_editions
    ),
    *cases_for("challenges:staff_edition_manage", STAFF_ONLY, args=_edition),
    *cases_for("challenges:staff_edition_update", STAFF_ONLY, args=_edition),
    *cases_for(
        "challenges:staff_edition_update",
        _with(STAFF_ONLY, staff=302),
        method="post",
        args=_edition,
        data=EDITION,
        effect=_edition_title,
    ),
    *cases_for("challenges:staff_site_create", STAFF_ONLY, args=_edition),
    *cases_for(
        "challenges:staff_site_create",
        _with(STAFF_ONLY, staff=302),
        method="post",
        args=_edition,
        data={"place": "Strasbourg", "description": ""},
        effect=_sites,
    ),
    *cases_for("challenges:staff_site_update", STAFF_ONLY, args=_site),
    *cases_for(
        "challenges:staff_site_update",
        _with(STAFF_ONLY, staff=302),
        method="post",
        args=_site,
        data={"place": "Rennes (Bretagne)", "description": ""},
        effect=_sites,
    ),
    *cases_for("challenges:staff_theme_create", STAFF_ONLY, args=_edition),
    *cases_for(
        "challenges:staff_theme_create",
        _with(STAFF_ONLY, staff=302),
        method="post",
        args=_edition,
        data={"title": "Territoires et e-démocratie", "description": ""},
        effect=_themes,
    ),
    *cases_for("challenges:staff_theme_update", STAFF_ONLY, args=_theme),
    *cases_for(
        "challenges:staff_theme_update",
        _with(STAFF_ONLY, staff=302),
        method="post",
        args=_theme,
        data={"title": "Leviers de l’innovation", "description": ""},
        effect=_themes,
    ),
    *cases_for("challenges:staff_site_facilitators", STAFF_ONLY, args=_site),
    *cases_for(
        "challenges:staff_site_facilitators",
        _with(STAFF_ONLY, staff=302),
        method="post",
        args=_site,
        data={"email": "nouvelle@example.org", "display_name": "Nadia Nouvelle"},
        effect=_facilitators,
    ),
    *cases_for(
        "challenges:staff_site_facilitator_remove",
        _with(STAFF_ONLY, staff=302),
        method="post",
        args=_site_facilitator,
        effect=_facilitators,
    ),
    # Removing is a POST: a GET is refused before anything else, even the login.
    *cases_for("challenges:staff_site_facilitator_remove", dict.fromkeys(PERSONAS, 405), args=_site_facilitator),
]


@pytest.fixture
def matrix_world(world, facilitator):
    return {**world, "theme": ThemeFactory(edition=world["edition"]), "site_facilitator": facilitator}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, matrix_world, personas):
    check_case(case, world=matrix_world, personas=personas)
