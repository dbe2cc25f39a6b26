"""The team's debrief feeds the test phase's learnings (keeping what the team wrote) and prefills the
question reformulation, which keeps the question's history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from challenges.models import AuditEntry, PhaseContent, QuestionReformulation
from testsessions.models import Debrief
from testsessions.services import debriefs

pytestmark = pytest.mark.django_db

CONCLUSIONS = [
    "Les tests sont applicables à tous les défis, pas seulement aux défis numériques.",
    "La dimension « usagers » est obligatoire pour qu'un projet devienne une action publique.",
]


def _learnings(challenge) -> str:
    return PhaseContent.objects.get(challenge=challenge, phase="test").learnings.replace("\xa0", " ")


def test_the_debrief_is_written_into_the_test_phase_and_keeps_what_the_team_wrote(sessions, owner):
    challenge = sessions["challenge"]
    PhaseContent.objects.create(
        challenge=challenge, phase="test", text="Testé au salon.", learnings="Notre note à nous."
    )

    debriefs.debrief_save(
        stand=sessions["stand"], author=owner, outcome="to_rework", conclusions=["", *CONCLUSIONS, "  "]
    )

    content = PhaseContent.objects.get(challenge=challenge, phase="test")
    content.learnings = content.learnings.replace("\xa0", " ")  # French typography: non-breaking spaces
    assert content.text == "Testé au salon."
    assert content.learnings.startswith(
        "Notre note à nous.\n\n**Débrief de « Exposition des prototypes » (11 juil. 2018)"
    )
    assert "à retravailler**" in content.learnings
    assert "1. Les tests sont applicables" in content.learnings and "2. La dimension « usagers »" in content.learnings
    assert AuditEntry.objects.filter(challenge=challenge, action=AuditEntry.Action.PHASE_CONTENT_UPDATED).exists()


def test_saving_again_replaces_its_own_block_only(sessions, owner):
    stand = sessions["stand"]
    debriefs.debrief_save(stand=stand, author=owner, outcome="to_rework", conclusions=CONCLUSIONS)

    debriefs.debrief_save(stand=stand, author=owner, outcome="validated", conclusions=[CONCLUSIONS[1]])

    learnings = _learnings(stand.challenge)
    assert learnings.count("Débrief de") == 1
    assert "validé**" in learnings and "1. La dimension" in learnings and "applicables" not in learnings
    assert Debrief.objects.get(session=stand.session, challenge=stand.challenge).conclusions == [CONCLUSIONS[1]]


def test_a_debrief_needs_an_outcome_and_a_conclusion(sessions, owner):
    with pytest.raises(ValidationError) as error:
        debriefs.debrief_save(stand=sessions["stand"], author=owner, outcome="peut-être", conclusions=["  "])

    assert set(error.value.message_dict) == {"outcome", "conclusions"}


def test_no_debrief_before_the_session(sessions, facilitator):
    with pytest.raises(ValidationError) as error:
        debriefs.debrief_save(stand=sessions["draft_stand"], author=facilitator, outcome="validated", conclusions=["x"])

    assert error.value.messages == ["La séance n’a pas encore eu lieu\xa0: débriefez après."]


def test_the_reformulation_starts_from_the_question_and_the_numbered_conclusions(sessions):
    debrief = sessions["debrief"]

    initial = debriefs.debrief_reformulation_initial(debrief=debrief)

    assert initial["question"] == sessions["challenge"].question
    assert initial["reason"].replace("\xa0", " ").splitlines() == [
        "À la lumière du débrief de « Exposition des prototypes » :",
        "1. Les critères sont pertinents.",
        "2. La dimension usagers est indispensable.",
    ]


def test_the_owner_reformulates_from_the_debrief_and_the_history_is_kept(client, sessions, owner):
    client.force_login(owner)
    url = reverse("testsessions:debrief_reformulate", args=[sessions["stand"].pk])
    page = client.get(url).content.decode()
    assert "1. Les critères sont pertinents." in page  # the reason is prefilled
    previous = sessions["challenge"].question

    response = client.post(
        url, {"question": "Comment porter un défi avec toutes ses parties prenantes ?", "reason": "Le débrief."}
    )

    assert response.status_code == 302
    reformulation = QuestionReformulation.objects.get(challenge=sessions["challenge"])
    assert (reformulation.previous_question, reformulation.author) == (previous, owner)


def test_the_reformulation_form_shows_the_challenge_s_rule_next_to_the_field(client, sessions, owner):
    client.force_login(owner)
    url = reverse("testsessions:debrief_reformulate", args=[sessions["stand"].pk])

    response = client.post(url, {"question": sessions["challenge"].question, "reason": "Rien"})

    assert response.status_code == 400
    assert "La nouvelle question est identique à la question actuelle." in response.content.decode()


def test_saving_the_debrief_opens_the_reformulation(client, sessions, owner):
    client.force_login(owner)

    response = client.post(
        reverse("testsessions:debrief_edit", args=[sessions["stand"].pk]),
        {"outcome": "validated", "conclusions": "\n".join(CONCLUSIONS)},
    )

    assert response["Location"] == reverse("testsessions:debrief_reformulate", args=[sessions["stand"].pk])


def test_the_demo_may_record_a_debrief_without_touching_the_test_phase(sessions, owner):
    debriefs.debrief_save(
        stand=sessions["stand"], author=owner, outcome="validated", conclusions=CONCLUSIONS, feed_learnings=False
    )

    assert not PhaseContent.objects.filter(challenge=sessions["challenge"], phase="test").exists()
    assert Debrief.objects.get(pk=sessions["debrief"].pk).conclusions == CONCLUSIONS
