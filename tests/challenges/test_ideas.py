"""Key ideas of the ideation phase: ordered, retained by the team, the retained one confirmed by the owner."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from challenges.models import AuditEntry, Challenge, Idea
from challenges.services import ideas as services
from tests.challenges.factories import ChallengeFactory


@pytest.fixture
def ideas(world, contributor):
    challenge = world["challenge"]
    first = services.idea_add(challenge=challenge, actor=contributor, title="Encapacité des habitants")
    second = services.idea_add(challenge=challenge, actor=contributor, title="Mobiliser les ressources", description="")
    third = services.idea_add(challenge=challenge, actor=contributor, title="Acculturation des acteurs")
    return first, second, third


def test_ideas_are_numbered_in_the_order_they_are_added(ideas):
    assert [(idea.position, idea.title) for idea in Idea.objects.order_by("position")] == [
        (1, "Encapacité des habitants"),
        (2, "Mobiliser les ressources"),
        (3, "Acculturation des acteurs"),
    ]


def test_an_idea_needs_a_title(world, contributor):
    with pytest.raises(ValidationError) as error:
        services.idea_add(challenge=world["challenge"], actor=contributor, title="   ")

    assert "title" in error.value.error_dict
    assert not Idea.objects.exists()


def test_only_a_retained_idea_can_be_confirmed(ideas, owner):
    with pytest.raises(ValidationError):
        services.idea_confirm(idea=ideas[2], actor=owner)

    assert not Idea.objects.filter(confirmed_at__isnull=False).exists()


def test_the_owner_confirms_a_retained_idea_into_the_history(ideas, owner, contributor):
    first, second, _third = ideas
    services.idea_set_retained(idea=first, actor=contributor, retained=True)
    services.idea_set_retained(idea=second, actor=contributor, retained=True)

    services.idea_confirm(idea=second, actor=owner)

    entry = AuditEntry.objects.get(action=AuditEntry.Action.IDEA_CONFIRMED)
    assert (entry.actor, entry.changes) == (owner, {"idea": [None, "Mobiliser les ressources"]})
    assert list(Idea.objects.filter(confirmed_at__isnull=False).values_list("title", flat=True)) == [
        "Mobiliser les ressources"
    ]
    # Confirming the other retained idea moves the confirmation, and says so in the history
    services.idea_confirm(idea=first, actor=owner)
    assert list(Idea.objects.filter(confirmed_at__isnull=False).values_list("title", flat=True)) == [
        "Encapacité des habitants"
    ]
    latest = AuditEntry.objects.filter(action=AuditEntry.Action.IDEA_CONFIRMED).first()
    assert latest.changes == {"idea": ["Mobiliser les ressources", "Encapacité des habitants"]}


def test_a_confirmed_idea_stays_retained(ideas, owner, contributor):
    services.idea_set_retained(idea=ideas[0], actor=contributor, retained=True)
    services.idea_confirm(idea=ideas[0], actor=owner)

    with pytest.raises(ValidationError):
        services.idea_set_retained(idea=ideas[0], actor=contributor, retained=False)

    assert Idea.objects.get(pk=ideas[0].pk).retained


def test_the_selected_idea_phase_shows_the_confirmed_idea(ideas, owner, contributor):
    services.idea_set_retained(idea=ideas[1], actor=contributor, retained=True)
    services.idea_confirm(idea=ideas[1], actor=owner)
    client = Client()

    page = client.get(reverse("challenges:challenge_detail", args=[ideas[1].challenge_id])).content.decode()

    selected = page.split('id="phase-selected_idea"')[1].split("</li>")[0]
    assert "Mobiliser les ressources" in selected
    assert 'data-testid="confirmed-idea"' in selected


def test_a_form_without_a_title_answers_400_with_the_message_next_to_the_field(world, contributor):
    client = Client()
    client.force_login(contributor)

    response = client.post(
        reverse("challenges:idea_list", args=[world["challenge"].pk]), {"title": "", "description": "gardé"}
    )

    assert response.status_code == 400
    assert "gardé" in response.content.decode()
    assert response.context["form"].errors["title"]


def test_the_site_page_filters_the_challenges_whose_retained_idea_waits_for_confirmation(world, owner, contributor):
    site = world["site"]
    waiting = world["challenge"]
    confirmed = ChallengeFactory(site=site, number=5, status=Challenge.Status.PUBLISHED)
    without = ChallengeFactory(site=site, number=6, status=Challenge.Status.PUBLISHED)
    idea = services.idea_add(challenge=waiting, actor=contributor, title="A")
    services.idea_set_retained(idea=idea, actor=contributor, retained=True)
    done = services.idea_add(challenge=confirmed, actor=owner, title="B")
    services.idea_set_retained(idea=done, actor=owner, retained=True)
    services.idea_confirm(idea=done, actor=owner)
    services.idea_add(challenge=without, actor=owner, title="C")

    response = Client().get(reverse("challenges:site_detail", args=[site.pk]), {"idea": "on"})

    assert [row["number"] for row in response.context["page"].object_list] == [waiting.number]
