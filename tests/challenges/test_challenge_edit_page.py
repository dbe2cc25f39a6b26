"""Editing a challenge in the page: figures, links and attachments are shown, changed and removed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges.models import AuditEntry
from challenges.services import challenges as services
from tests.challenges.helpers import challenge_form_data, management, pdf_upload

pytestmark = pytest.mark.django_db


def test_the_edit_page_shows_the_current_figures_links_and_files(client, world, owner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    challenge = world["challenge"]
    challenge.territory_figures = [{"label": "Écoles", "value": "85"}]
    challenge.save()
    challenge.links.create(title="Blog", url="https://example.org/blog")
    services.attachment_add(challenge=challenge, actor=owner, title="Fiche", file=pdf_upload())
    client.force_login(owner)

    html = client.get(reverse("challenges:challenge_edit", args=[challenge.pk])).content.decode()

    assert 'value="Écoles"' in html and 'value="85"' in html
    assert 'value="https://example.org/blog"' in html
    assert "Fiche" in html and 'name="existing-remove"' in html
    assert 'name="question"' not in html  # the question is reformulated, not edited


def test_saving_the_edit_page_replaces_figures_and_links_and_removes_a_file(client, world, owner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    challenge = world["challenge"]
    challenge.links.create(title="Ancien", url="https://example.org/ancien")
    attachment = services.attachment_add(challenge=challenge, actor=owner, title="Fiche", file=pdf_upload())
    client.force_login(owner)
    data = challenge_form_data(
        number=str(challenge.number),
        organisation="Rennes Métropole",
        subject="Nouveau sujet",
        **management("figures", total=1),
        **management("links", total=1),
        **{
            "figures-0-label": "Communes",
            "figures-0-value": "43",
            "links-0-title": "Nouveau",
            "links-0-url": "https://example.org/nouveau",
            "existing-remove": [str(attachment.pk)],
        },
    )
    data.pop("question")

    response = client.post(reverse("challenges:challenge_edit", args=[challenge.pk]), data)

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.subject == "Nouveau sujet" and challenge.organisation.name == "Rennes Métropole"
    assert challenge.territory_figures == [{"label": "Communes", "value": "43"}]
    assert list(challenge.links.values_list("title", flat=True)) == ["Nouveau"]
    assert not challenge.attachments.exists()
    updated = challenge.audit_entries.get(action=AuditEntry.Action.UPDATED)
    assert updated.actor == owner and updated.changes["subject"][1] == "Nouveau sujet"
