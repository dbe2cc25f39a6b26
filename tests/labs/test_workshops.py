"""Workshops (seed 003): notes saved section by section so that two note-takers lose nothing, the synthesis
published once to its participants, leads, and next steps reminded to their owners."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from labs.models import NextStep, NoteSection, Workshop, WorkshopParticipant
from labs.services import workshops
from tests.labs.factories import NextStepFactory, NoteSectionFactory

pytestmark = pytest.mark.django_db


def _save(client, section, text, revision, **extra):
    data = {"text": text, "revision": revision, **extra}
    return client.post(reverse("labs:note_section_save", args=[section.pk]), data, headers={"HX-Request": "true"})


def test_two_note_takers_on_two_sections_both_keep_their_notes(client, world, facilitator, contributor):
    first = world["section"]
    second = NoteSectionFactory(workshop=world["workshop"], title="Pistes", position=2)
    other = client.__class__()
    client.force_login(facilitator)
    other.force_login(contributor)

    _save(client, first, "Embarquer les dirigeants.", 0)
    _save(other, second, "Voir l’expérience en Gironde.", 0)
    _save(client, first, "Embarquer les dirigeants, et être accompagné soi-même.", 1)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.text, first.revision, first.updated_by) == (
        "Embarquer les dirigeants, et être accompagné soi-même.",
        2,
        facilitator,
    )
    assert (second.text, second.updated_by) == ("Voir l’expérience en Gironde.", contributor)


def test_on_the_same_section_the_later_note_taker_sees_the_other_text_and_nothing_is_overwritten(
    client, world, facilitator, contributor
):
    section = world["section"]
    other = client.__class__()
    client.force_login(facilitator)
    other.force_login(contributor)
    _save(client, section, "Version d’Inès", 0)

    response = _save(other, section, "Version de Karim", 0)

    section.refresh_from_db()
    assert section.text == "Version d’Inès"
    fragment = response.content.decode()
    assert "a enregistré cette section" in fragment and "Version d’Inès" in fragment
    assert 'name="overwrite" value="1"' in fragment
    assert "hx-swap-oob" not in fragment  # the stale revision stays: autosaves keep refusing until they decide

    kept = _save(other, section, "Version de Karim, relue", 0, overwrite="1")

    section.refresh_from_db()
    assert (section.text, section.revision, section.updated_by) == ("Version de Karim, relue", 2, contributor)
    assert f'id="section-{section.pk}-revision" hx-swap-oob="true"' in kept.content.decode()
    assert 'value="2"' in kept.content.decode()


def test_without_javascript_a_conflict_comes_back_as_the_page_with_both_texts(client, world, facilitator, contributor):
    section = world["section"]
    workshops.note_section_save(section=section, actor=facilitator, text="Version d’Inès", base_revision=0)
    client.force_login(contributor)

    response = client.post(
        reverse("labs:note_section_save", args=[section.pk]),
        {"text": "Version de Karim", "revision": 0},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Version de Karim</textarea>" in page and "Version d’Inès" in page


def test_a_participant_takes_notes_but_an_ambassador_outside_the_workshop_only_reads(client, world, owner):
    client.force_login(owner)

    page = client.get(reverse("labs:workshop_detail", args=[world["workshop"].pk])).content.decode()
    response = _save(client, world["section"], "Je passe par là", 0)

    assert "<textarea" not in page.split('id="notes-title"')[1].split("</section>")[0]
    assert response.status_code == 403


def test_publishing_the_synthesis_tells_the_participants_once(
    world, facilitator, contributor, owner, django_capture_on_commit_callbacks
):
    workshop = world["workshop"]
    WorkshopParticipant.objects.create(workshop=workshop, name="Une invitée sans compte")
    workshops.workshop_synthesis_update(
        workshop=workshop, actor=facilitator, proposal="Un voyage apprenant de trois jours.",
        audience="Des leaders", stakes="S’outiller", success_conditions="Des profils variés",
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        workshops.workshop_synthesis_publish(workshop=workshop, actor=facilitator)
        workshops.workshop_synthesis_publish(workshop=workshop, actor=facilitator)

    assert [message.to for message in mail.outbox] == [[contributor.email]]
    assert "Proposition\u00a0: Un voyage apprenant de trois jours." in mail.outbox[0].body
    assert Workshop.objects.get(pk=workshop.pk).synthesis_published_at is not None


def test_a_synthesis_without_a_proposal_is_not_published(client, world, facilitator):
    client.force_login(facilitator)

    response = client.post(
        reverse("labs:synthesis_edit", args=[world["workshop"].pk]),
        {"proposal": "", "audience": "Des élus", "stakes": "", "success_conditions": "", "publish": "1"},
    )

    assert "Écrivez la proposition" in response.context["form"].errors["proposal"][0]
    workshop = Workshop.objects.get(pk=world["workshop"].pk)
    assert workshop.synthesis_published_at is None and workshop.audience == "Des élus"


def test_a_workshop_belongs_to_a_session_of_its_lab_or_names_its_site(client, world, facilitator):
    client.force_login(facilitator)
    url = reverse("labs:workshop_create", args=[world["lab"].pk])
    data = {"series": "Atelier 2", "name": "Emergence", "question": "Comment ?", "session": "", "venue": "",
            "owner": "", "owner_name": "Hélène Marchal", "guests": "Paul\nPaul\nJeanne"}  # fmt: skip

    response = client.post(url, data)
    assert "Choisissez la session du labo" in response.context["form"].errors["venue"][0]
    response = client.post(url, {**data, "session": world["other"]["session"].pk})
    assert "session" in response.context["form"].errors  # another lab's session is not offered

    response = client.post(url, {**data, "venue": "Rencontres des labos"})

    workshop = Workshop.objects.get(name="Emergence", lab=world["lab"])
    assert response["Location"] == reverse("labs:workshop_detail", args=[workshop.pk])
    assert sorted(workshop.participants.values_list("name", flat=True)) == ["Jeanne", "Paul"]
    assert NoteSection.objects.get(workshop=workshop).title == "Éléments importants de la discussion"


def test_leads_and_next_steps_bad_input_comes_back_next_to_the_field(client, world, facilitator):
    client.force_login(facilitator)

    response = client.post(
        reverse("labs:next_step_add", args=[world["workshop"].pk]),
        {"action": "Écrire la note", "owner": "", "owner_name": "", "due_on": "2001-01-01"},
    )

    assert response.status_code == 400
    form = response.context["next_step_form"]
    assert set(form.errors) == {"owner", "due_on"}
    assert form["action"].value() == "Écrire la note"


def test_next_step_owners_are_reminded_the_day_before_it_is_due_once(
    world, contributor, django_capture_on_commit_callbacks
):
    world["other_lab"].delete()
    today = timezone.localdate()
    NextStep.objects.filter(pk=world["next_step"].pk).update(due_on=today + datetime.timedelta(days=1))
    NextStepFactory(workshop=world["workshop"], owner=contributor, due_on=today + datetime.timedelta(days=5))
    NextStepFactory(workshop=world["workshop"], owner=contributor, due_on=today, done_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        first = workshops.next_step_reminders_send(today=today)
        second = workshops.next_step_reminders_send(today=today)

    assert (first, second) == (1, 0)
    assert mail.outbox[0].to == [contributor.email]
    assert "Rédiger la note de cadrage" in mail.outbox[0].subject


@pytest.mark.parametrize("overwrite", ["²", "1²", "-1"])
def test_an_overwrite_revision_in_other_digits_is_refused_not_a_server_error(client, world, facilitator, overwrite):
    # issue 10: parsed by the form's IntegerField, never with isdigit() + int()
    section = world["section"]
    client.force_login(facilitator)

    response = _save(client, section, "Texte", 0, overwrite=overwrite)

    assert response.status_code == 400
    section.refresh_from_db()
    assert section.text != "Texte"
