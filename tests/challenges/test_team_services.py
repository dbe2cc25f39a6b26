"""Building a team: invite by e-mail (new person → invitation; existing account → added and notified), remove."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from challenges.models import AuditEntry, TeamMembership
from challenges.services import teams as services
from innovation.models import Invitation, Notification, User
from innovation.services import invitations
from tests.challenges.factories import ChallengeFactory, TeamMembershipFactory
from tests.factories import UserFactory


def test_an_unknown_email_gets_an_account_an_invitation_to_the_challenge_and_a_membership(
    facilitator, django_capture_on_commit_callbacks
):
    challenge = ChallengeFactory(number=4)

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.team_member_invite(
            challenge=challenge,
            invited_by=facilitator,
            email="  Nadia@Example.org ",
            role=TeamMembership.Role.OWNER,
            display_name="Nadia Martin",
            job_title="Directrice de l’éducation",
        )

    person = User.objects.get(email="nadia@example.org")
    assert membership.person == person and membership.role == "owner"
    assert membership.job_title == "Directrice de l’éducation"
    assert not person.has_usable_password()
    invitation = Invitation.objects.get(person=person)
    assert invitation.invited_by == facilitator
    assert invitation.next_url == reverse("challenges:challenge_detail", args=[challenge.pk])
    with translation.override("fr"):
        purpose = invitations.invitation_purpose(purpose=invitation.purpose, params=invitation.purpose_params)
    assert (
        purpose == f"Rejoignez l’équipe du défi 4, «\u00a0{challenge.question}\u00a0», en tant que porteur·se du défi."
    )
    assert Notification.objects.get(recipient=person).kind == "invitation"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nadia@example.org"]
    entry = AuditEntry.objects.get(challenge=challenge)
    assert entry.action == AuditEntry.Action.MEMBER_ADDED and entry.actor == facilitator
    assert entry.changes["role"] == [None, "owner"]


def test_an_existing_account_is_added_at_once_and_notified(facilitator, django_capture_on_commit_callbacks):
    challenge = ChallengeFactory(number=7, question="Comment accueillir ?")
    person = UserFactory(email="karim@example.org", language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        services.team_member_invite(
            challenge=challenge, invited_by=facilitator, email="KARIM@example.org", role=TeamMembership.Role.CONTRIBUTOR
        )

    assert challenge.team.get().person == person
    assert not Invitation.objects.exists()
    notification = Notification.objects.get(recipient=person)
    assert notification.kind == "challenge_team_added" and notification.sent_at is not None
    message = mail.outbox[0]
    assert "défi 7" in message.subject
    assert "Comment accueillir ?" in message.body and "contributeur" in message.body
    assert f"/challenges/{challenge.pk}/" in message.body


def test_a_person_already_in_the_team_is_not_added_twice(facilitator):
    membership = TeamMembershipFactory()

    with pytest.raises(ValidationError) as caught:
        services.team_member_invite(
            challenge=membership.challenge, invited_by=facilitator, email=membership.person.email, role="owner"
        )

    assert "email" in caught.value.error_dict
    assert membership.challenge.team.count() == 1


@pytest.mark.parametrize(
    ("email", "role", "field"), [("pas-une-adresse", "owner", "email"), ("a@b.fr", "chef", "role")]
)
def test_bad_input_is_refused_by_field(facilitator, email, role, field):
    challenge = ChallengeFactory()

    with pytest.raises(ValidationError) as caught:
        services.team_member_invite(challenge=challenge, invited_by=facilitator, email=email, role=role)

    assert field in caught.value.error_dict
    assert not challenge.team.exists()


def test_remove_a_member_is_audited(facilitator):
    membership = TeamMembershipFactory(role=TeamMembership.Role.CONTRIBUTOR)
    challenge = membership.challenge

    services.team_member_remove(membership=membership, actor=facilitator)

    assert not challenge.team.exists()
    entry = AuditEntry.objects.get(challenge=challenge)
    assert entry.action == AuditEntry.Action.MEMBER_REMOVED
    assert entry.changes["role"] == ["contributor", None]


def test_the_team_notification_kind_is_registered_without_importing_the_views():
    import subprocess
    import sys

    code = (
        "import django; django.setup(); import sys; "
        "from innovation.services.notifications import KINDS; "
        "assert 'challenges.views' not in sys.modules; "
        "assert KINDS['challenge_team_added'].category == 'challenges'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "innovation.settings"},
    )  # fmt: skip

    assert result.returncode == 0, result.stderr[-2000:]


def test_the_team_email_renders_in_english_too(facilitator):
    from innovation.services.notifications import notification_render

    person = UserFactory(email="alex@example.org", language="en")
    challenge = ChallengeFactory(number=2, question="How can we welcome better?")
    membership = services.team_member_invite(
        challenge=challenge, invited_by=facilitator, email=person.email, role=TeamMembership.Role.OWNER
    )

    message = notification_render(notification=Notification.objects.get(event_key__endswith=str(membership.pk)))

    assert message.subject == "[Défis] You join the team of challenge 2"
    assert "as its owner" in message.body and "How can we welcome better?" in message.body
    assert "as its owner" in message.alternatives[0][0]


@pytest.mark.django_db
def test_the_notification_centre_names_the_challenge_one_was_added_to(client, facilitator, settings):
    challenge = ChallengeFactory(number=7, question="Comment accueillir <les familles> ?")
    person = UserFactory(language="fr")
    services.team_member_invite(
        challenge=challenge, invited_by=facilitator, email=person.email, role=TeamMembership.Role.CONTRIBUTOR
    )
    client.force_login(person)

    page = client.get(reverse("notifications")).content.decode()

    summary = page[page.index('class="notification-summary"') :]
    assert "vous a ajouté·e à l’équipe du défi 7" in summary
    assert "Comment accueillir &lt;les familles&gt; ?" in summary and "en tant que contributeur" in summary
    path = reverse("challenges:challenge_detail", args=[challenge.pk])
    assert f'<a href="{settings.SITE_URL}{path}">Ouvrir le défi' in summary
