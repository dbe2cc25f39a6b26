"""A lab's sessions: the list, one session with its agenda by day, its registrations and attendance."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Prefetch, Q

from innovation.models import User
from labs.models import AgendaItem, Lab, LabSession, NetworkMembership, SessionRegistration, Workshop


def lab_sessions(*, lab: Lab) -> list[LabSession]:
    return list(
        LabSession.objects.filter(lab=lab)
        .annotate(
            registered=Count("registrations", filter=Q(registrations__registered_at__isnull=False)),
            attended=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("-starts_on", "-number")
    )


def session_agenda_by_day(*, session: LabSession) -> list[tuple[object, list[AgendaItem]]]:
    items = list(AgendaItem.objects.filter(session=session))
    return [(day, list(day_items)) for day, day_items in groupby(items, key=lambda item: item.day)]


def session_registration(*, session: LabSession, person: User) -> SessionRegistration | None:
    if not person.is_authenticated:
        return None
    return SessionRegistration.objects.filter(session=session, person=person).first()


def session_registrations(*, session: LabSession) -> list[SessionRegistration]:
    return list(
        SessionRegistration.objects.filter(session=session)
        .select_related("person__organisation")
        .order_by("person__display_name", "person__email")
    )


def session_workshops(*, session: LabSession) -> list[Workshop]:
    return list(
        Workshop.objects.filter(session=session)
        .select_related("owner")
        .prefetch_related(Prefetch("participants"))
        .order_by("series", "name")
    )


@dataclass
class AttendanceRow:
    person: User
    registered: bool
    attended: bool | None


def attendance_rows(*, session: LabSession) -> list[AttendanceRow]:
    """The registered people and the lab's members, each once, by name."""
    registrations = {row.person_id: row for row in session_registrations(session=session)}
    members = (
        User.objects.filter(
            network_memberships__network__lab_id=session.lab_id,
            network_memberships__status=NetworkMembership.Status.ACTIVE,
        )
        .select_related("organisation")
        .distinct()
    )
    people = {row.person_id: row.person for row in registrations.values()}
    people.update({member.pk: member for member in members})
    rows = [
        AttendanceRow(
            person=person,
            registered=bool(registrations.get(pk) and registrations[pk].registered_at),
            attended=registrations[pk].attended if pk in registrations else None,
        )
        for pk, person in people.items()
    ]
    return sorted(rows, key=lambda row: (str(row.person).casefold(), row.person.pk))
