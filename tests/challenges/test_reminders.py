"""The reminder the day before a site starts: facilitators and team members, once, only on the day before."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from challenges import tasks
from challenges.models import TeamMembership
from challenges.services import reminders
from innovation.models import Delivery, Notification
from innovation.services import notifications
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STARTS_ON = datetime.date(2018, 7, 9)
DAY_BEFORE = datetime.date(2018, 7, 8)


@pytest.fixture
def rennes(facilitator, owner, contributor):
    site = SiteFactory(place="Rennes", starts_on=STARTS_ON, facilitators=[facilitator])
    first = ChallengeFactory(site=site, number=1)
    second = ChallengeFactory(site=site, number=2)
    TeamMembershipFactory(challenge=first, person=owner, role=TeamMembership.Role.OWNER)
    TeamMembershipFactory(challenge=first, person=contributor)
    TeamMembershipFactory(challenge=second, person=contributor)
    return site


def _reminded() -> set[str]:
    return set(Notification.objects.filter(kind="site_reminder").values_list("recipient__email", flat=True))


def test_the_day_before_the_facilitators_and_team_members_are_reminded_once_each(
    rennes, facilitator, owner, contributor, outsider, django_capture_on_commit_callbacks
):
    SiteFactory(place="Cluny", edition=rennes.edition, starts_on=STARTS_ON + datetime.timedelta(days=7))

    with django_capture_on_commit_callbacks(execute=True):
        written = reminders.site_reminders_send(today=DAY_BEFORE)

    assert written == 3
    assert _reminded() == {facilitator.email, owner.email, contributor.email}  # contributor once for 2 challenges
    row = Notification.objects.get(kind="site_reminder", recipient=contributor)
    assert row.event_key == f"site-reminder:{rennes.pk}:2018-07-09"
    assert len(row.context["challenges"]) == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(_reminded())
    message = next(message for message in mail.outbox if message.to == [contributor.email])
    assert message.subject == "[Défis] Rappel\u00a0: le site Rennes commence demain"
    assert "Le site Rennes" in message.body and "commence demain, lundi 9 juillet 2018." in message.body
    assert "Défi 1\u00a0: " in message.body and "Défi 2\u00a0: " in message.body


def test_running_again_the_same_day_writes_nothing_more(rennes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.site_reminders_send(today=DAY_BEFORE)
        second = reminders.site_reminders_send(today=DAY_BEFORE)

    assert (first, second) == (3, 0)
    assert Notification.objects.filter(kind="site_reminder").count() == 3
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    "today",
    [DAY_BEFORE - datetime.timedelta(days=1), STARTS_ON, STARTS_ON + datetime.timedelta(days=1)],
    ids=["two days before", "first day", "second day"],
)
def test_no_reminder_on_other_days(rennes, today):
    assert reminders.site_reminders_send(today=today) == 0

    assert not Notification.objects.filter(kind="site_reminder").exists()


def test_a_site_without_dates_is_never_reminded(facilitator):
    SiteFactory(place="La Réunion", starts_on=None, ends_on=None, facilitators=[facilitator])

    assert reminders.site_reminders_send(today=DAY_BEFORE) == 0


def test_a_site_moved_to_another_day_is_reminded_again_for_its_new_date(rennes, facilitator):
    reminders.site_reminders_send(today=DAY_BEFORE)
    rennes.starts_on = STARTS_ON + datetime.timedelta(days=3)
    rennes.ends_on = STARTS_ON + datetime.timedelta(days=5)
    rennes.save()

    written = reminders.site_reminders_send(today=STARTS_ON + datetime.timedelta(days=2))

    assert written == 3
    keys = set(Notification.objects.filter(recipient=facilitator).values_list("event_key", flat=True))
    assert keys == {f"site-reminder:{rennes.pk}:2018-07-09", f"site-reminder:{rennes.pk}:2018-07-12"}


def test_the_reminder_respects_the_reminders_preference(rennes, owner, django_capture_on_commit_callbacks):
    notifications.notification_preference_set(person=owner, category="reminders", delivery=Delivery.DIGEST)

    with django_capture_on_commit_callbacks(execute=True):
        reminders.site_reminders_send(today=DAY_BEFORE)

    assert Notification.objects.get(recipient=owner, kind="site_reminder").delivery == Delivery.DIGEST
    assert owner.email not in {message.to[0] for message in mail.outbox}


def test_an_inactive_person_is_not_reminded(rennes, owner):
    owner.is_active = False
    owner.save()

    reminders.site_reminders_send(today=DAY_BEFORE)

    assert owner.email not in _reminded()


def test_the_task_uses_todays_date_and_is_scheduled_daily(settings, facilitator):
    from django.utils import timezone

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    SiteFactory(place="Strasbourg", starts_on=tomorrow, ends_on=tomorrow, facilitators=[facilitator])

    assert tasks.site_reminders_send.apply().get() == 1
    assert tasks.site_reminders_send.apply().get() == 0
    entry = settings.CELERY_BEAT_SCHEDULE["site-reminders"]
    assert entry["task"] == "challenges.tasks.site_reminders_send"
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {0}


def test_the_reminder_shows_in_the_centre(rennes, client, owner):
    reminders.site_reminders_send(today=DAY_BEFORE)
    client.force_login(owner)

    page = client.get("/notifications/").content.decode()

    assert "Le site Rennes commence demain, lundi 9 juillet 2018." in page


def test_a_stranger_is_not_reminded(rennes, outsider):
    UserFactory()
    reminders.site_reminders_send(today=DAY_BEFORE)

    assert outsider.email not in _reminded()
