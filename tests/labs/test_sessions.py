"""Lab sessions: an agenda whose slots never overlap, registrations and attendance, the reminder with the
agenda the day before, and the iCal feeds (the lab's, and each person's own)."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from innovation.calendars import person_events
from labs.models import AgendaItem, LabSession, SessionRegistration
from labs.services import sessions
from tests.labs.factories import AgendaItemFactory, LabSessionFactory

pytestmark = pytest.mark.django_db


def _slot(session, **fields):
    data = {"day": session.starts_on.isoformat(), "starts_at": "09:15", "ends_at": "10:00", "kind": "talk",
            "title": "Les conseils du Lab’ PACA", "speakers": "Camille Arnaud", "description": ""}  # fmt: skip
    return {**data, **fields}


def test_an_agenda_with_overlapping_times_is_refused_with_a_message_and_the_input_kept(client, world, facilitator):
    session = world["session"]  # holds « Brise-glace », 09:00–09:30 on its first day
    client.force_login(facilitator)

    response = client.post(reverse("labs:agenda_edit", args=[session.pk]), _slot(session))

    assert response.status_code == 200
    message = response.context["form"].errors["starts_at"][0]
    assert message == (
        "Ce créneau chevauche «\u00a0Brise-glace\u00a0» (09:00–09:30) ce jour-là\u00a0: choisissez d’autres horaires."
    )
    assert response.context["form"]["title"].value() == "Les conseils du Lab’ PACA"
    assert AgendaItem.objects.filter(session=session).count() == 1


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "day_offset", "accepted"),
    [
        ("09:30", "10:00", 0, True),  # touches the ice-breaker's end
        ("08:30", "09:00", 0, True),  # touches its start
        ("08:30", "09:01", 0, False),
        ("09:10", "09:20", 0, False),  # inside
        ("08:00", "12:00", 0, False),  # around
        ("09:00", "09:30", 1, True),  # the same times on the second day
    ],
)
def test_slots_of_the_same_day_may_touch_but_never_overlap(
    world, facilitator, starts_at, ends_at, day_offset, accepted
):
    session = world["session"]
    day = session.starts_on + datetime.timedelta(days=day_offset)

    def add():
        return sessions.agenda_item_save(
            session=session, actor=facilitator, day=day, title="Séquence",
            starts_at=datetime.time.fromisoformat(starts_at), ends_at=datetime.time.fromisoformat(ends_at),
        )  # fmt: skip

    if accepted:
        add()
    else:
        with pytest.raises(ValidationError) as error:
            add()
        assert "chevauche" in error.value.message_dict["starts_at"][0]


def test_a_slot_outside_the_session_or_ending_before_it_starts_is_refused(world, facilitator):
    session = world["session"]

    with pytest.raises(ValidationError) as error:
        sessions.agenda_item_save(
            session=session, actor=facilitator, day=session.ends_on + datetime.timedelta(days=1),
            starts_at=datetime.time(14), ends_at=datetime.time(13), title="",
        )  # fmt: skip

    assert set(error.value.message_dict) == {"day", "ends_at", "title"}


def test_moving_an_item_onto_itself_is_not_an_overlap(world, facilitator):
    item = world["item"]

    sessions.agenda_item_save(
        session=item.session, actor=facilitator, item=item, day=item.day, title="Brise-glace et café",
        starts_at=datetime.time(9), ends_at=datetime.time(9, 45),
    )  # fmt: skip

    item.refresh_from_db()
    assert (item.title, item.ends_at) == ("Brise-glace et café", datetime.time(9, 45))


def test_a_session_cannot_shrink_away_from_its_agenda_nor_take_a_used_number(client, world, facilitator):
    session = world["session"]
    AgendaItemFactory(session=session, day=session.ends_on, starts_at=datetime.time(14), ends_at=datetime.time(15))
    client.force_login(facilitator)
    data = {"number": session.number, "title": session.title, "place": "Toulouse",
            "starts_on": session.starts_on.isoformat(), "ends_on": session.starts_on.isoformat()}  # fmt: skip

    response = client.post(reverse("labs:session_edit", args=[session.pk]), data)

    assert "déplacez-les ou retirez-les" in response.context["form"].errors["starts_on"][0]
    other = LabSessionFactory(lab=world["lab"])
    response = client.post(reverse("labs:session_create", args=[world["lab"].pk]), {**data, "number": other.number})
    assert f"La session #{other.number} existe déjà" in response.context["form"].errors["number"][0]


def test_members_register_and_only_from_the_first_day_is_attendance_recorded(client, world, facilitator, contributor):
    upcoming = LabSessionFactory(lab=world["lab"])
    client.force_login(contributor)
    client.post(reverse("labs:session_register", args=[upcoming.pk]))
    assert SessionRegistration.objects.get(session=upcoming, person=contributor).registered_at is not None

    with pytest.raises(ValidationError):
        sessions.attendance_record(session=upcoming, actor=facilitator, present=[contributor.pk],
                                   candidates=[contributor.pk])  # fmt: skip


def test_attendance_records_who_came_registered_or_not(client, world, facilitator, owner, contributor):
    session = world["session"]  # started yesterday; the owner registered
    client.force_login(facilitator)

    response = client.post(reverse("labs:attendance", args=[session.pk]), {"present": [str(contributor.pk)]})

    assert response.status_code == 302
    rows = dict(SessionRegistration.objects.filter(session=session).values_list("person__email", "attended"))
    assert rows == {owner.email: False, contributor.email: True}


def test_the_registered_are_reminded_the_day_before_with_the_agenda(world, owner, django_capture_on_commit_callbacks):
    world["other_lab"].delete()
    session = world["session"]
    AgendaItemFactory(session=session, starts_at=datetime.time(10), ends_at=datetime.time(12), kind="workshop",
                      title="Quelles valeurs pour le Lab’ ?", speakers="Inès Roux")  # fmt: skip
    the_day_before = session.starts_on - datetime.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        written = sessions.session_reminders_send(today=the_day_before)
        again = sessions.session_reminders_send(today=the_day_before)
        elsewhere = sessions.session_reminders_send(today=session.starts_on)

    assert (written, again, elsewhere) == (1, 0, 0)
    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert message.subject == f"[Défis] Rappel\u00a0: la session #{session.number} commence demain"
    assert "09:00–09:30 · Brise-glace" in message.body
    assert "10:00–12:00 · Quelles valeurs pour le Lab’ ? (Inès Roux)" in message.body
    html = message.alternatives[0][0]
    assert "<li>" in html and "Quelles valeurs pour le Lab’ ?" in html


def test_the_lab_feed_lists_its_sessions_and_a_person_s_feed_their_registrations(client, world, owner, contributor):
    response = client.get(reverse("labs:lab_calendar", args=[world["lab"].pk]))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = list(calendar.walk("VEVENT"))
    assert str(event["summary"]).endswith(f"Session #{world['session'].number} – La Transfo a un an")
    assert event.decoded("dtstart") == world["session"].starts_on
    assert str(event["location"]) == "Toulouse"
    assert [event.uid for event in person_events(person=owner)] == [f"lab-session-{world['session'].pk}"]
    assert person_events(person=contributor) == []


def test_the_session_page_shows_the_agenda_by_day_and_the_synthesis(client, world, owner):
    session = world["session"]
    LabSession.objects.filter(pk=session.pk).update(synthesis="Les **valeurs** sont posées.")
    client.force_login(owner)

    page = client.get(reverse("labs:session_detail", args=[session.pk])).content.decode()

    assert "09:00–09:30" in page and "Brise-glace" in page
    assert "<strong>valeurs</strong>" in page
