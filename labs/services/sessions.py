"""Lab sessions: numbered, with an agenda whose slots never overlap, registrations, attendance, and a
reminder with the agenda the day before."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from innovation.models import Notification, User
from innovation.services.notifications import notification_create
from labs.models import AgendaItem, Lab, LabSession, NetworkMembership, SessionRegistration
from labs.services import kinds

SESSION_FIELDS = ("number", "title", "place", "starts_on", "ends_on", "synthesis", "next_meeting_on", "next_meeting")


def session_validate(*, lab: Lab, fields: dict, exclude_pk: int | None = None) -> None:
    errors: dict[str, ValidationError] = {}
    number = fields.get("number")
    if not number:
        errors["number"] = ValidationError(_("Number the session."), code="required")
    else:
        taken = LabSession.objects.filter(lab=lab, number=number)
        if exclude_pk is not None:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            errors["number"] = ValidationError(
                _("Session #%(number)s already exists in this lab."), code="taken", params={"number": number}
            )
    for field, message in (("title", _("Give the lab session a title.")), ("place", _("Where does it take place?"))):
        if not (fields.get(field) or "").strip():
            errors[field] = ValidationError(message, code="required")
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on is None:
        errors["starts_on"] = ValidationError(_("Give the first day."), code="required")
    if ends_on is None:
        errors["ends_on"] = ValidationError(_("Give the last day."), code="required")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = ValidationError(_("The last day comes after the first one."), code="dates")
    elif starts_on and ends_on and (ends_on - starts_on).days > 6:
        errors["ends_on"] = ValidationError(_("A session lasts a week at most."), code="too_long")
    next_on = fields.get("next_meeting_on")
    if next_on and ends_on and next_on <= ends_on:
        errors["next_meeting_on"] = ValidationError(_("The next meeting comes after the session."), code="dates")
    if errors:
        raise ValidationError(errors)


def _clean(fields: dict) -> dict:
    cleaned = {name: fields.get(name) for name in SESSION_FIELDS if name in fields}
    for name in ("title", "place", "synthesis", "next_meeting"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


@transaction.atomic
def session_create(*, lab: Lab, actor: User, **fields) -> LabSession:
    fields = _clean(fields)
    session_validate(lab=lab, fields=fields)
    return LabSession.objects.create(lab=lab, **fields)


@transaction.atomic
def session_update(*, session: LabSession, actor: User, **fields) -> LabSession:
    """Change a session. Its agenda must still fit in its days."""
    session = LabSession.objects.select_for_update().get(pk=session.pk)
    fields = {**{name: getattr(session, name) for name in SESSION_FIELDS}, **_clean(fields)}
    session_validate(lab=session.lab, fields=fields, exclude_pk=session.pk)
    outside = session.agenda.exclude(day__range=(fields["starts_on"], fields["ends_on"]))
    if outside.exists():
        raise ValidationError(
            {
                "starts_on": ValidationError(
                    _("Some agenda slots fall outside these days: move or remove them first."), code="agenda_outside"
                )
            }
        )
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    return session


def _time(value: datetime.time) -> str:
    return formats.time_format(value, "TIME_FORMAT")


@transaction.atomic
def agenda_item_save(
    *,
    session: LabSession,
    actor: User,
    day: datetime.date | None,
    starts_at: datetime.time | None,
    ends_at: datetime.time | None,
    title: str,
    kind: str = AgendaItem.Kind.SEQUENCE,
    speakers: str = "",
    description: str = "",
    item: AgendaItem | None = None,
) -> AgendaItem:
    """Add a slot to the agenda, or change one. Slots of the same day may touch but never overlap."""
    session = LabSession.objects.select_for_update().get(pk=session.pk)  # one writer of the agenda at a time
    errors: dict[str, ValidationError] = {}
    if not title.strip():
        errors["title"] = ValidationError(_("Name the slot."), code="required")
    if kind not in AgendaItem.Kind.values:
        errors["kind"] = ValidationError(_("Choose the kind of slot."), code="invalid")
    if day is None or not session.starts_on <= day <= session.ends_on:
        errors["day"] = ValidationError(_("Choose one of the session's days."), code="day")
    if starts_at is None:
        errors["starts_at"] = ValidationError(_("When does it start?"), code="required")
    if ends_at is None:
        errors["ends_at"] = ValidationError(_("When does it end?"), code="required")
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = ValidationError(_("The end comes after the start."), code="times")
    if not errors:
        overlapping = (
            AgendaItem.objects.filter(session=session, day=day, starts_at__lt=ends_at, ends_at__gt=starts_at)
            .exclude(pk=item.pk if item else None)
            .order_by("starts_at")
            .first()
        )
        if overlapping is not None:
            errors["starts_at"] = ValidationError(
                _("This slot overlaps “%(title)s” (%(start)s–%(end)s) on that day: choose other times."),
                code="overlap",
                params={
                    "title": overlapping.title,
                    "start": _time(overlapping.starts_at),
                    "end": _time(overlapping.ends_at),
                },
            )
    if errors:
        raise ValidationError(errors)
    item = item or AgendaItem(session=session)
    item.day, item.starts_at, item.ends_at = day, starts_at, ends_at
    item.kind, item.title, item.speakers, item.description = kind, title.strip(), speakers.strip(), description.strip()
    item.save()
    return item


def agenda_item_delete(*, item: AgendaItem, actor: User) -> None:
    item.delete()


# --- Registrations and attendance ------------------------------------------------------------------


def _is_lab_member(*, lab_id: int, person: User) -> bool:
    return NetworkMembership.objects.filter(
        network__lab_id=lab_id, person=person, status=NetworkMembership.Status.ACTIVE
    ).exists()


@transaction.atomic
def session_register(*, session: LabSession, person: User) -> SessionRegistration:
    """A member registers to a session that has not ended (twice: nothing changes)."""
    if session.ends_on < timezone.localdate():
        raise ValidationError(_("This session is over."), code="past")
    if not _is_lab_member(lab_id=session.lab_id, person=person):
        raise ValidationError(_("Only the lab's members register to its sessions."), code="not_member")
    registration, created = SessionRegistration.objects.get_or_create(
        session=session, person=person, defaults={"registered_at": timezone.now()}
    )
    if not created and registration.registered_at is None:
        registration.registered_at = timezone.now()
        registration.save(update_fields=["registered_at"])
    return registration


@transaction.atomic
def session_unregister(*, session: LabSession, person: User) -> None:
    if session.ends_on < timezone.localdate():
        raise ValidationError(_("This session is over."), code="past")
    SessionRegistration.objects.filter(session=session, person=person).delete()


@transaction.atomic
def attendance_record(*, session: LabSession, actor: User, present: Iterable[int], candidates: Iterable[int]) -> int:
    """Record who attended among ``candidates`` (the registered and the lab's members): those in ``present``
    attended, the others did not. Possible from the session's first day. Returns how many attended."""
    if session.starts_on > timezone.localdate():
        raise ValidationError(_("Attendance is recorded from the session's first day."), code="future")
    present, candidates = set(present), set(candidates)
    unknown = present - candidates
    if unknown:
        raise ValidationError(_("Some people ticked are neither registered nor members of the lab."), code="unknown")
    rows = {row.person_id: row for row in SessionRegistration.objects.select_for_update().filter(session=session)}
    for person_id in candidates:
        row = rows.get(person_id)
        attended = person_id in present
        if row is None:
            if attended:  # came without registering
                SessionRegistration.objects.create(session=session, person_id=person_id, attended=True)
            continue
        if row.attended != attended:
            row.attended = attended
            row.save(update_fields=["attended"])
    return len(present)


# --- The reminder the day before -----------------------------------------------------------------------


def session_agenda_context(*, session: LabSession) -> list[dict]:
    """The agenda as JSON-ready rows, kept in the reminder so that the e-mail shows it."""
    return [
        {
            "day": item.day.isoformat(),
            "starts_at": item.starts_at.strftime("%H:%M"),
            "ends_at": item.ends_at.strftime("%H:%M"),
            "kind": item.kind,
            "title": item.title,
            "speakers": item.speakers,
        }
        for item in session.agenda.all()
    ]


@transaction.atomic
def session_reminders_send(*, today: datetime.date) -> int:
    """Remind the registered people of the sessions starting the day after ``today``, with the agenda.
    The event names the session and its first day: once per person, and again if the session moves."""
    tomorrow = today + datetime.timedelta(days=1)
    written = 0
    for session in LabSession.objects.filter(starts_on=tomorrow).select_related("lab"):
        event_key = f"labs-session-reminder:{session.pk}:{session.starts_on.isoformat()}"
        already = set(
            Notification.objects.filter(kind=kinds.SESSION_REMINDER.key, event_key=event_key).values_list(
                "recipient_id", flat=True
            )
        )
        context = {
            "lab": session.lab.name,
            "number": session.number,
            "title": session.title,
            "place": session.place,
            "starts_on": session.starts_on.isoformat(),
            "ends_on": session.ends_on.isoformat(),
            "agenda": session_agenda_context(session=session),
            "url": settings.SITE_URL + reverse("labs:session_detail", args=[session.pk]),
        }
        registrations = session.registrations.filter(registered_at__isnull=False, person__is_active=True)
        for registration in registrations.select_related("person"):
            if registration.person_id in already:
                continue
            notification_create(
                recipient=registration.person, kind=kinds.SESSION_REMINDER, event_key=event_key, context=context
            )
            written += 1
    return written
