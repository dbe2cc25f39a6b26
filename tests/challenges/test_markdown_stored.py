"""Markdown is rendered and sanitised once, when saved; the pages show the stored HTML."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from challenges.models import Challenge, Edition, PhaseContent
from challenges.services import challenges as services
from challenges.services import editions as edition_services
from tests.challenges.factories import ChallengeFactory, EditionFactory, SiteFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HOSTILE = "**Enjeux**\n\n<script>alert(1)</script>\n\n[lien](javascript:alert(1)) <img src=x onerror=alert(1)>"


def _assert_clean(html: str) -> None:
    assert "<strong>Enjeux</strong>" in html
    assert "<script" not in html and "alert(1)</script>" not in html
    assert "javascript:" not in html and "onerror" not in html


def test_a_created_challenge_stores_its_sanitised_html(facilitator):
    site = SiteFactory(facilitators=[facilitator])

    challenge = services.challenge_create(
        site=site,
        author=facilitator,
        organisation=OrganisationFactory(),
        fields={"number": 7, "question": "Comment accueillir mieux ?", "stakes": HOSTILE, "levers": "- un\n- deux"},
    )

    stored = Challenge.objects.get(pk=challenge.pk)
    _assert_clean(stored.stakes_html)
    assert "<li>un</li>" in stored.levers_html
    assert stored.users_html == ""


def test_an_edit_updates_the_stored_html(facilitator):
    site = SiteFactory(facilitators=[facilitator])
    challenge = services.challenge_create(
        site=site, author=facilitator, organisation="Ville de Brest", fields={"number": 1, "question": "Comment ?"}
    )

    services.challenge_update(
        challenge=challenge, actor=facilitator, organisation="Ville de Brest", fields={"stakes": HOSTILE}
    )

    _assert_clean(Challenge.objects.get(pk=challenge.pk).stakes_html)


def test_imported_challenges_store_their_html(facilitator):
    site = SiteFactory()
    rules = services.ChallengeRules(site=site, organisation_names=["Commune d'Ys"])
    clean = rules.clean(
        fields={"number": 3, "question": "Comment ?", "obstacles": HOSTILE}, organisation="Commune d'Ys"
    )

    created = services.challenges_create_many(site=site, author=facilitator, challenges=[clean])

    _assert_clean(Challenge.objects.get(pk=created[0].pk).obstacles_html)


def test_phase_content_stores_its_html(facilitator):
    challenge = ChallengeFactory()

    services.phase_content_update(
        challenge=challenge, actor=facilitator, phase="test", text=HOSTILE, learnings="*appris*"
    )

    content = PhaseContent.objects.get(challenge=challenge, phase="test")
    _assert_clean(content.text_html)
    assert content.learnings_html == "<p><em>appris</em></p>"


def test_edition_description_html_follows_its_text():
    edition = EditionFactory()

    edition_services.edition_update(edition=edition, description=HOSTILE)

    _assert_clean(Edition.objects.get(pk=edition.pk).description_html)


def test_the_challenge_page_shows_the_stored_html_without_rendering_again(client):
    challenge = ChallengeFactory(stakes="texte")
    Challenge.objects.filter(pk=challenge.pk).update(stakes_html="<p>rendu-au-moment-de-l-enregistrement</p>")

    html = client.get(reverse("challenges:challenge_detail", args=[challenge.pk])).content.decode()

    assert "<p>rendu-au-moment-de-l-enregistrement</p>" in html


def test_the_data_migration_fills_existing_rows_and_can_be_undone():
    migration = importlib.import_module("challenges.migrations.0006_fill_markdown_html")
    challenge = ChallengeFactory(stakes=HOSTILE)  # written around the services: no HTML yet
    content = PhaseContent.objects.create(challenge=challenge, phase="test", text="- a", learnings="*b*")
    assert Challenge.objects.get(pk=challenge.pk).stakes_html == ""

    migration.fill(apps, None)

    _assert_clean(Challenge.objects.get(pk=challenge.pk).stakes_html)
    content.refresh_from_db()
    assert (content.text_html, content.learnings_html) == ("<ul>\n<li>a</li>\n</ul>", "<p><em>b</em></p>")

    migration.empty(apps, None)

    assert Challenge.objects.get(pk=challenge.pk).stakes_html == ""
