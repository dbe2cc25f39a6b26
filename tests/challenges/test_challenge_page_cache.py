"""The challenge page's cached fragments (phases, key ideas, links, files): served from the cache, and shown
afresh at once after every change that the services (or the admin) make to what they show."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from challenges.models import ChallengeAttachment, PhaseContent
from challenges.services import challenges as services
from challenges.services import ideas
from tests.challenges.helpers import pdf_upload
from tests.challenges.test_admin_audit import _form_data
from tests.helpers.queries import count_queries, get_ok

pytestmark = pytest.mark.django_db

CONTENT_TABLES = (
    "challenges_phasecontent",
    "challenges_idea",
    "challenges_challengeattachment",
    "challenges_challengelink",
)


def _page(client, challenge) -> str:
    response = client.get(reverse("challenges:challenge_detail", args=[challenge.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _content_reads(client, challenge) -> list[str]:
    log = count_queries(get_ok(client, reverse("challenges:challenge_detail", args=[challenge.pk])))
    return [sql for sql in log.statements if sql.startswith(tuple(f'SELECT "{table}".' for table in CONTENT_TABLES))]


def test_the_second_reader_gets_the_phases_links_and_files_from_the_cache(client, world):
    challenge = world["challenge"]

    first, second = _content_reads(client, challenge), _content_reads(client, challenge)

    assert len(first) == len(CONTENT_TABLES) and second == []


def test_a_row_written_around_the_services_is_not_shown_until_a_service_marks_the_change(client, world, owner):
    """What the cache is: a write that does not go through a service is not seen; the next service call shows it."""
    challenge = world["challenge"]
    _page(client, challenge)
    PhaseContent.objects.create(
        challenge=challenge, phase="prototype", text="Écrit à la main", text_html="<p>Écrit à la main</p>"
    )

    assert "Écrit à la main" not in _page(client, challenge)

    services.challenge_content_changed(challenge_id=challenge.pk)
    assert "Écrit à la main" in _page(client, challenge)


def _links(challenge, owner):
    services.challenge_update(
        challenge=challenge,
        actor=owner,
        organisation=challenge.organisation,
        fields={},
        links=[services.LinkInput(title="Article de blog du défi", url="https://example.org/blog")],
    )
    return "Article de blog du défi"


def _file(challenge, owner):
    services.attachment_add(challenge=challenge, actor=owner, title="Fiche du défi.pdf", file=pdf_upload())
    return "Fiche du défi.pdf"


def _file_of_the_edit_form(challenge, owner):
    services.challenge_update(
        challenge=challenge,
        actor=owner,
        organisation=challenge.organisation,
        fields={},
        attachments=[services.AttachmentInput(title="Compte rendu.pdf", file=pdf_upload())],
    )
    return "Compte rendu.pdf"


def _phase_text(challenge, owner):
    services.phase_content_update(challenge=challenge, actor=owner, phase="ideation", text="Trois pistes **fortes**")
    return "Trois pistes <strong>fortes</strong>"


def _phase_file(challenge, owner):
    services.phase_content_update(
        challenge=challenge,
        actor=owner,
        phase="ideation",
        text="",
        attachments=[services.AttachmentInput(title="Photo du mur.pdf", file=pdf_upload())],
    )
    return "Photo du mur.pdf"


def _phase_moved(challenge, owner):
    services.challenge_move_phase(challenge=challenge, actor=owner, phase="test")
    return 'id="phase-test" class="timeline-step timeline-current'


def _idea(challenge, owner):
    ideas.idea_add(challenge=challenge, actor=owner, title="Un guichet unique")
    return "Un guichet unique"


def _idea_retained(challenge, owner):
    idea = ideas.idea_add(challenge=challenge, actor=owner, title="Une idée")
    _page_of(challenge)  # the idea is shown, not yet retained: that page is in the cache
    ideas.idea_set_retained(idea=idea, actor=owner, retained=True)
    return 'Une idée <span class="badge text-bg-info">'


def _idea_confirmed(challenge, owner):
    idea = ideas.idea_add(challenge=challenge, actor=owner, title="Une idée")
    ideas.idea_set_retained(idea=idea, actor=owner, retained=True)
    _page_of(challenge)
    ideas.idea_confirm(idea=idea, actor=owner)
    return 'data-testid="confirmed-idea"'


def _page_of(challenge):
    _page(Client(), challenge)


@pytest.mark.parametrize(
    "change",
    [
        _links,
        _file,
        _file_of_the_edit_form,
        _phase_text,
        _phase_file,
        _phase_moved,
        _idea,
        _idea_retained,
        _idea_confirmed,
    ],
)
def test_every_change_made_by_a_service_is_shown_at_once(client, world, owner, settings, tmp_path, change):
    settings.MEDIA_ROOT = tmp_path
    challenge = world["challenge"]
    _page(client, challenge)  # the page before the change is in the cache

    shown = change(challenge, owner)

    assert shown in _page(client, challenge)


def test_a_removed_file_is_gone_at_once(client, world, owner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    challenge = world["challenge"]
    _file(challenge, owner)
    assert "Fiche du défi.pdf" in _page(client, challenge)

    services.attachment_remove(attachment=ChallengeAttachment.objects.get(challenge=challenge), actor=owner)

    assert "Fiche du défi.pdf" not in _page(client, challenge)


def test_a_phase_text_changed_in_the_admin_is_shown_at_once(client, world, staff):
    challenge = world["challenge"]
    services.phase_content_update(challenge=challenge, actor=staff, phase="ideation", text="Avant")
    assert "Avant" in _page(client, challenge)
    client.force_login(staff)
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    data = _form_data(client.get(url))
    index = next(
        i for i in range(int(data["phase_contents-TOTAL_FORMS"])) if data[f"phase_contents-{i}-phase"] == "ideation"
    )
    data[f"phase_contents-{index}-text"] = "Après, corrigé dans l’administration"

    assert client.post(url, data).status_code == 302

    client.logout()
    assert "Après, corrigé dans l’administration" in _page(client, challenge)


def test_a_facilitator_s_links_are_not_served_to_the_public(client, world, facilitator):
    """The fragment varies on what the reader may do: the public never gets a facilitator's edit links."""
    challenge = world["challenge"]
    edit_url = reverse("challenges:phase_content_edit", args=[challenge.pk, "ideation"])
    client.force_login(facilitator)
    assert edit_url in _page(client, challenge)

    client.logout()
    assert edit_url not in _page(client, challenge)


def test_each_language_gets_its_own_fragment(client, world, owner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    challenge = world["challenge"]
    _file(challenge, owner)
    assert "Ko)" in _page(client, challenge) or "octets)" in _page(client, challenge)

    with translation.override("en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = _page(client, challenge)

    assert "bytes)" in english and "Nothing recorded for this phase yet." in english
