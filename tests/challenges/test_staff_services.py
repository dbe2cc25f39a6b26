"""The rules of the staff set-up live in the services, keyed by field, whoever calls them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from challenges.services import editions as services
from tests.challenges.factories import EditionFactory, SiteFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [item.code for item in errors] for field, errors in error.error_dict.items()}


def test_an_edition_ending_before_it_starts_is_refused_on_its_last_day():
    with pytest.raises(ValidationError) as refused:
        services.edition_create(
            title="À l’envers", starts_on=datetime.date(2019, 7, 10), ends_on=datetime.date(2019, 7, 8)
        )

    assert _codes(refused.value) == {"ends_on": ["dates_order"]}


def test_moving_an_edition_s_first_day_after_its_last_is_refused():
    edition = EditionFactory(starts_on=datetime.date(2019, 7, 8), ends_on=datetime.date(2019, 7, 10))

    with pytest.raises(ValidationError) as refused:
        services.edition_update(edition=edition, starts_on=datetime.date(2019, 7, 11))

    assert _codes(refused.value) == {"ends_on": ["dates_order"]}


def test_a_place_names_one_site_per_edition_whatever_its_case_and_spaces():
    site = SiteFactory(place="Cluny")

    with pytest.raises(ValidationError) as refused:
        services.site_create(edition=site.edition, place="  CLUNY ")

    assert _codes(refused.value) == {"place": ["place_taken"]}
    assert services.site_update(site=site, place="cluny").place == "cluny"  # its own name, written otherwise


def test_a_title_names_one_theme_per_edition():
    theme = ThemeFactory(title="Leviers")
    other = ThemeFactory(edition=theme.edition, title="Usagers")

    with pytest.raises(ValidationError) as refused:
        services.theme_update(theme=other, title="LEVIERS")

    assert _codes(refused.value) == {"title": ["title_taken"]}


def test_a_person_is_appointed_once_to_a_site(facilitator):
    site = SiteFactory(facilitators=[facilitator])

    with pytest.raises(ValidationError) as refused:
        services.site_facilitator_appoint(site=site, email=facilitator.email.upper(), appointed_by=None)

    assert _codes(refused.value) == {"email": ["already_appointed"]}
