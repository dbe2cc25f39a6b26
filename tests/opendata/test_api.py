"""The open-data API: published data only, filters, pagination, a valid OpenAPI schema, conditional GETs."""

from __future__ import annotations

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from challenges.models import Challenge, TeamMembership
from challenges.services.challenges import challenge_set_verdict_sharing
from grids.models import Assessment
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory, ThemeFactory
from tests.grids.assessment_factories import AssessmentFactory, grid_build, submitted
from tests.helpers.queries import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db

CHALLENGES = reverse("opendata-api:challenge_list")


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_a_draft_is_never_listed_nor_given(client, world, staff):
    # Given a site with a published challenge and a draft, and staff signed in (who see drafts on the site)
    client.force_login(staff)

    # When the open data are read, with or without filters
    listed = _ids(client.get(CHALLENGES))
    filtered = _ids(client.get(CHALLENGES, {"site": world["site"].pk, "phase": world["draft"].phase}))

    # Then the draft is nowhere, and asking for it answers 404
    assert world["challenge"].pk in listed
    assert world["draft"].pk not in listed and world["draft"].pk not in filtered
    assert world["other_challenge"].pk not in listed
    assert client.get(reverse("opendata-api:challenge_detail", args=[world["draft"].pk])).status_code == 404


def test_a_challenge_taken_back_to_draft_leaves_the_open_data(client, world, facilitator):
    from challenges.services.challenges import challenge_set_status

    challenge_set_status(challenge=world["challenge"], actor=facilitator, status=Challenge.Status.DRAFT)

    assert world["challenge"].pk not in _ids(client.get(CHALLENGES))


def test_the_challenges_are_filtered_by_edition_site_theme_and_phase(client, db):
    # Given two editions; in the first, a site with challenges in two themes and two phases
    site = SiteFactory(place="Rennes")
    other_site = SiteFactory(edition=site.edition, place="Cluny")
    themes = [ThemeFactory(edition=site.edition), ThemeFactory(edition=site.edition)]
    a = ChallengeFactory(site=site, number=1, theme=themes[0], phase="ideation")
    b = ChallengeFactory(site=site, number=2, theme=themes[1], phase="prototype")
    c = ChallengeFactory(site=other_site, number=1, theme=themes[0], phase="prototype")
    elsewhere = ChallengeFactory(site=SiteFactory(), number=1)

    # Then each filter keeps what it names, and they combine
    # (ordered by site, then number: Cluny before Rennes)
    assert _ids(client.get(CHALLENGES, {"edition": site.edition_id})) == [c.pk, a.pk, b.pk]
    assert set(_ids(client.get(CHALLENGES, {"site": site.pk}))) == {a.pk, b.pk}
    assert set(_ids(client.get(CHALLENGES, {"theme": themes[0].pk}))) == {a.pk, c.pk}
    assert set(_ids(client.get(CHALLENGES, {"phase": "prototype", "edition": site.edition_id}))) == {b.pk, c.pk}
    assert set(_ids(client.get(CHALLENGES, {"site": site.pk, "phase": "prototype"}))) == {b.pk}
    assert elsewhere.pk in _ids(client.get(CHALLENGES))


def test_an_unknown_phase_is_refused_with_a_clear_message_not_a_500(client, db):
    response = client.get(CHALLENGES, {"phase": "brainstorm"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "phase"]


def test_lists_are_paginated(client, db):
    site = SiteFactory()
    created = [ChallengeFactory(site=site, number=number).pk for number in range(1, 8)]

    first = client.get(CHALLENGES, {"page_size": 3}).json()
    third = client.get(CHALLENGES, {"page_size": 3, "page": 3}).json()

    assert first["count"] == 7 and [item["id"] for item in first["items"]] == created[:3]
    assert [item["id"] for item in third["items"]] == created[6:]


def test_the_query_count_is_the_same_for_10_and_1000_challenges(client, db):
    def publish(count: int):
        site = SiteFactory()
        theme = ThemeFactory(edition=site.edition)
        Challenge.objects.bulk_create(
            ChallengeFactory.build(site=site, theme=theme, organisation=ChallengeFactory().organisation, number=n + 1)
            for n in range(count)
        )
        return site

    small, large = publish(10), publish(1000)

    def reading(site):
        def action():
            response = client.get(CHALLENGES, {"edition": site.edition_id, "page_size": 200})
            assert response.status_code == 200 and response.json()["count"] in {10, 1000}

        return action

    assert_constant_queries(count_queries(reading(small)), count_queries(reading(large)), what="open-data challenges")
    csv_small = count_queries(lambda: client.get(reverse("opendata:edition_csv", args=[small.edition_id])))
    csv_large = count_queries(lambda: client.get(reverse("opendata:edition_csv", args=[large.edition_id])))
    assert_constant_queries(csv_small, csv_large, what="edition CSV download")


def test_the_openapi_schema_validates(client, db):
    response = client.get(reverse("opendata-api:openapi-json"))

    schema = response.json()
    validate(schema)  # raises on any error of the OpenAPI specification
    assert {"/api/opendata/challenges", "/api/opendata/editions", "/api/opendata/sites", "/api/opendata/themes"} <= set(
        schema["paths"]
    )
    parameters = {p["name"] for p in schema["paths"]["/api/opendata/challenges"]["get"]["parameters"]}
    assert {"edition", "site", "theme", "phase", "page", "page_size"} <= parameters


def test_a_conditional_get_answers_304_until_the_data_change(client, world, facilitator):
    # Given a first reading and its ETag
    first = client.get(CHALLENGES)
    etag = first["ETag"]
    assert etag and "public" in first["Cache-Control"]

    # When the same reading is asked with that ETag, then 304 and no body
    again = client.get(CHALLENGES, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""

    # When a challenge changes, then the ETag does too and the data come back
    from challenges.services.challenges import challenge_move_phase

    challenge_move_phase(challenge=world["challenge"], actor=facilitator, phase="test")
    changed = client.get(CHALLENGES, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_detail_of_a_challenge_answers_304_too(client, world):
    url = reverse("opendata-api:challenge_detail", args=[world["challenge"].pk])
    etag = client.get(url)["ETag"]

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_verdict_is_shown_only_when_the_owner_allows_it(client, world, owner):
    # Given a submitted self-assessment of the published challenge
    grid = grid_build()
    assessment = submitted(AssessmentFactory(challenge=world["challenge"], grid=grid, assessor=owner), level=3)
    url = reverse("opendata-api:challenge_detail", args=[world["challenge"].pk])

    # Then no verdict while the owner has not allowed it
    assert client.get(url).json()["latest_verdict"] is None

    # When the owner allows it, then the latest verdict shows, with its date and kind
    challenge_set_verdict_sharing(challenge=world["challenge"], actor=owner, shares=True)
    verdict = client.get(url).json()["latest_verdict"]
    assert verdict["verdict"] == assessment.verdict == Assessment.Verdict.PUBLIC_ACTION
    assert verdict["label"] == "Relève de l’action publique"  # in the platform's language, for every reader
    assert verdict["assessment_kind"] == "self"


def test_a_draft_assessment_is_never_the_published_verdict(client, world, owner):
    challenge_set_verdict_sharing(challenge=world["challenge"], actor=owner, shares=True)
    AssessmentFactory(challenge=world["challenge"], grid=grid_build(), assessor=owner)  # a draft

    detail = client.get(reverse("opendata-api:challenge_detail", args=[world["challenge"].pk])).json()

    assert detail["latest_verdict"] is None


def test_no_person_appears_in_the_open_data(client, world, owner, contributor, facilitator):
    TeamMembershipFactory(challenge=world["challenge"], person=facilitator, role=TeamMembership.Role.FACILITATOR)
    world["challenge"].organisation.name = "Ville de Rennes"
    world["challenge"].organisation.save()

    payloads = [
        client.get(CHALLENGES).content.decode(),
        client.get(reverse("opendata-api:challenge_detail", args=[world["challenge"].pk])).content.decode(),
        client.get(reverse("opendata:edition_json", args=[world["edition"].pk])).content.decode(),
        client.get(reverse("opendata:edition_csv", args=[world["edition"].pk])).content.decode(),
    ]

    for payload in payloads:
        assert "Ville de Rennes" in payload
        for person in (owner, contributor, facilitator):
            assert person.email not in payload and person.display_name not in payload


def test_the_edition_files_hold_its_published_challenges(client, world, owner):
    import csv
    import io

    csv_response = client.get(reverse("opendata:edition_csv", args=[world["edition"].pk]))
    json_response = client.get(reverse("opendata:edition_json", args=[world["edition"].pk]))

    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8"))))
    assert [int(row["id"]) for row in rows] == [world["challenge"].pk]
    assert rows[0]["question"] == world["challenge"].question and rows[0]["latest_verdict"] == ""
    assert csv_response["Content-Disposition"].startswith('attachment; filename="defis-')
    document = json_response.json()
    assert [c["id"] for c in document["challenges"]] == [world["challenge"].pk]
    assert {s["place"] for s in document["sites"]} == {"Rennes", "Cluny"}
    assert document["edition"]["id"] == world["edition"].pk
