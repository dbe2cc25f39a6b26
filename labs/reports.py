"""Labs' exports, run as export jobs (``innovation.services.exports``): a lab session's report (PDF) and a
network's file (XLSX, ODS or a zip of CSV files).

``*_request`` check what a person asks for and write the job; ``*_build`` are the builders the job
runs, registered in ``LabsConfig.ready()``. The network file holds no e-mail address and no interview
note: it is for the coordinators' follow-up and the staff's figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation.downloads import download_slug
from innovation.models import Export, User
from innovation.services import exports
from innovation.services.spreadsheets import WRITERS, Sheet
from labs.models import (
    Authorisation,
    CharterAcceptance,
    LabSession,
    MethodPhase,
    Network,
    NetworkMembership,
    SkillRating,
    StepCompletion,
)
from labs.selectors import sessions as session_selectors
from labs.selectors.onboarding import journey_current, journey_steps
from labs.selectors.workshops import workshop_page

SESSION_REPORT = "labs.session_report"
NETWORK_FILE = "labs.network_file"
SPREADSHEET_FORMATS = (Export.Format.XLSX, Export.Format.ODS, Export.Format.CSV)


class LabExportInvalid(exports.ExportError):
    pass


def session_report_request(*, requested_by: User, session: LabSession) -> Export:
    if not requested_by.has_perm("labs.export_session", session):
        raise LabExportInvalid(_("Only the lab's coordinators and staff export its sessions."))
    return exports.export_request(
        requested_by=requested_by,
        builder=SESSION_REPORT,
        parameters={"session": session.pk, "language": translation.get_language()},
        format=Export.Format.PDF,
        title=gettext("Report of session #%(number)s, %(lab)s") % {"number": session.number, "lab": session.lab.name},
    )


def network_file_request(*, requested_by: User, network: Network, format: str) -> Export:
    if not requested_by.has_perm("labs.export_network", network):
        raise LabExportInvalid(_("Only the lab's coordinators and staff export its networks."))
    if format not in SPREADSHEET_FORMATS:
        raise LabExportInvalid(_("Choose XLSX, ODS or CSV."))
    return exports.export_request(
        requested_by=requested_by,
        builder=NETWORK_FILE,
        parameters={"network": network.pk, "language": translation.get_language()},
        format=format,
        title=gettext("Network file: %(network)s") % {"network": network.name},
    )


# --- The session report (PDF) --------------------------------------------------------------------------


def session_report_build(
    *, parameters: dict[str, Any], format: str, target: Path, progress: exports.ExportProgress
) -> str:
    from weasyprint import HTML

    with translation.override(parameters.get("language") or settings.LANGUAGE_CODE):
        session = LabSession.objects.select_related("lab").get(pk=parameters["session"])
        progress.add_total(3)
        workshops = session_selectors.session_workshops(session=session)
        for workshop in workshops:
            workshop.page = workshop_page(workshop=workshop)
        registrations = session_selectors.session_registrations(session=session)
        progress.advance()
        title = gettext("Session #%(number)s – %(title)s") % {"number": session.number, "title": session.title}
        html = render_to_string(
            "labs/reports/session_pdf.html",
            {
                "title": title,
                "session": session,
                "agenda": session_selectors.session_agenda_by_day(session=session),
                "attended": [row for row in registrations if row.attended],
                "registered": [row for row in registrations if row.registered_at],
                "workshops": workshops,
                "generated_at": timezone.now(),
            },
        )
        progress.advance()
        HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(target=str(target), pdf_variant="pdf/ua-1")
        progress.advance()
        stem = download_slug(f"{session.lab.name}-session-{session.number}")[:80] or "session"
        return f"{stem}.pdf"


# --- The network file (XLSX, ODS, CSV) ---------------------------------------------------------------------


def network_file_sheets(*, network: Network, progress: exports.ExportProgress | None = None) -> list[Sheet]:
    members = list(
        NetworkMembership.objects.filter(network=network, status=NetworkMembership.Status.ACTIVE)
        .select_related("person__organisation", "authorisation")
        .order_by("person__display_name", "person__email", "id")
    )
    accepted: dict[int, tuple[int, Any]] = {}
    for person_id, version, accepted_at in CharterAcceptance.objects.filter(charter__network=network).values_list(
        "person_id", "charter__version", "accepted_at"
    ):
        if person_id not in accepted or accepted[person_id][0] < version:
            accepted[person_id] = (version, accepted_at)
    journey = journey_current(network=network)
    steps = journey_steps(journey=journey)
    complete = dict(
        StepCompletion.objects.filter(step__journey=journey, membership__in=members)
        .values("membership_id")
        .annotate(count=Count("pk", filter=Q(step__requires_attestation=False) | Q(attested_at__isnull=False)))
        .values_list("membership_id", "count")
        .order_by()
    )
    phases = list(MethodPhase.objects.filter(lab_id=network.lab_id))
    ratings = SkillRating.objects.filter(membership__in=members).select_related("membership__person", "phase")
    if progress is not None:
        progress.add_total(len(members) + ratings.count())

    def member_rows() -> Iterator[list[Any]]:
        for member in members:
            version, accepted_at = accepted.get(member.person_id, (None, None))
            authorisation: Authorisation | None = getattr(member, "authorisation", None)
            done = complete.get(member.pk, 0)
            yield [
                str(member.person),
                str(member.person.organisation or ""),
                member.person.job_title,
                str(member.get_role_display()),
                member.joined_at,
                version,
                accepted_at,
                str(authorisation.get_status_display()) if authorisation else gettext("no authorisation"),
                authorisation.valid_until if authorisation else None,
                authorisation.days_per_month if authorisation else None,
                done,
                len(steps),
                member.brings_commission,
            ]

    def skill_rows() -> Iterator[list[Any]]:
        order = {phase.pk: index for index, phase in enumerate(phases)}
        rows = sorted(ratings, key=lambda rating: (str(rating.membership.person).casefold(), order[rating.phase_id]))
        for rating in rows:
            yield [
                str(rating.membership.person),
                rating.phase.name,
                rating.competence,
                rating.appetence,
                rating.comment,
            ]

    def tracked(rows):
        return progress.track(rows) if progress is not None else rows

    return [
        Sheet(
            name=gettext("Members"),
            slug="members",
            headers=[
                gettext("Person"),
                gettext("Organisation"),
                gettext("Job title"),
                gettext("Role"),
                gettext("Joined"),
                gettext("Charter version accepted"),
                gettext("Accepted on"),
                gettext("Authorisation"),
                gettext("Authorised until"),
                gettext("Days per month"),
                gettext("Onboarding steps complete"),
                gettext("Onboarding steps"),
                gettext("Would bring a commission"),
            ],
            rows=lambda: tracked(member_rows()),
        ),
        Sheet(
            name=gettext("Skills"),
            slug="skills",
            headers=[
                gettext("Person"),
                gettext("Method phase"),
                gettext("Competence (0–3)"),
                gettext("Appetence (0–3)"),
                gettext("Comment"),
            ],
            rows=lambda: tracked(skill_rows()),
        ),
    ]


def network_file_build(
    *, parameters: dict[str, Any], format: str, target: Path, progress: exports.ExportProgress
) -> str:
    with translation.override(parameters.get("language") or settings.LANGUAGE_CODE):
        network = Network.objects.select_related("lab").get(pk=parameters["network"])
        WRITERS[format](target, network_file_sheets(network=network, progress=progress))
        extension = "zip" if format == Export.Format.CSV else format
        stem = download_slug(f"{gettext('network')}-{network.name}")[:80] or "network"
        return f"{stem}.{extension}"


# --- Commissions: the commission sheet (PDF) and the lab's commissions file ----------------------------

COMMISSION_SHEET = "labs.commission_sheet"
COMMISSIONS_FILE = "labs.commissions_file"


def commission_sheet_request(*, requested_by: User, commission) -> Export:
    if not requested_by.has_perm("labs.export_commissions", commission):
        raise LabExportInvalid(_("Only the lab's coordinators and staff export its commissions."))
    return exports.export_request(
        requested_by=requested_by,
        builder=COMMISSION_SHEET,
        parameters={"commission": commission.pk, "language": translation.get_language()},
        format=Export.Format.PDF,
        title=gettext("Commission sheet: %(title)s") % {"title": commission.title},
    )


def commissions_file_request(*, requested_by: User, lab, format: str) -> Export:
    if not requested_by.has_perm("labs.export_commissions", lab):
        raise LabExportInvalid(_("Only the lab's coordinators and staff export its commissions."))
    if format not in SPREADSHEET_FORMATS:
        raise LabExportInvalid(_("Choose XLSX, ODS or CSV."))
    return exports.export_request(
        requested_by=requested_by,
        builder=COMMISSIONS_FILE,
        parameters={"lab": lab.pk, "language": translation.get_language()},
        format=format,
        title=gettext("Commissions of %(lab)s") % {"lab": lab.name},
    )


def commission_sheet_context(*, commission_id: int) -> dict[str, Any]:
    """What the sheet shows. The interview (answers, notes, people) only when the coordinator ticked it."""
    from labs.models import Commission, Interview
    from labs.selectors.commissions import commission_page, commission_timeline

    commission = commission_page(commission=Commission.objects.get(pk=commission_id))
    context: dict[str, Any] = {
        "commission": commission,
        "title": commission.title,
        "team": [p for p in commission.proposals.all() if p.status == "accepted"],
        "timeline": commission_timeline(commission=commission),
        "generated_at": timezone.now(),
        "interview": None,
    }
    interview = Interview.objects.filter(commission=commission).first()
    if interview is not None:
        context["interview_when"] = interview
    if commission.interview_in_sheet and interview is not None:
        grid = interview.grid or commission.grids.order_by("-version").first()
        context["interview"] = interview
        context["answers"] = [(q, interview.answers.get(str(q.pk), "")) for q in grid.questions.all()] if grid else []
        context["people"] = list(interview.people.select_related("person"))
    return context


def commission_sheet_build(
    *, parameters: dict[str, Any], format: str, target: Path, progress: exports.ExportProgress
) -> str:
    from weasyprint import HTML

    with translation.override(parameters.get("language") or settings.LANGUAGE_CODE):
        progress.add_total(2)
        context = commission_sheet_context(commission_id=parameters["commission"])
        html = render_to_string("labs/reports/commission_pdf.html", context)
        progress.advance()
        HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(target=str(target), pdf_variant="pdf/ua-1")
        progress.advance()
        return f"{download_slug(context['commission'].title)[:80] or 'commande'}.pdf"


def commissions_file_sheets(*, lab_id: int) -> list[Sheet]:
    """State, commissioner, team, sessions and reformulations of every commission. No interview in it."""
    from labs.models import Commission, Reformulation

    commissions = list(
        Commission.objects.filter(lab_id=lab_id)
        .select_related("commissioner")
        .prefetch_related("proposals__membership__person", "accompaniments__session", "phases")
        .order_by("created_at", "id")
    )

    def commission_rows() -> Iterator[list[Any]]:
        for c in commissions:
            team = [str(p.membership.person) for p in c.proposals.all() if p.status == "accepted"]
            yield [
                c.case,
                c.title,
                str(c.get_state_display()),
                c.commissioner_label,
                c.commissioner_department,
                str(c.get_mode_display()),
                c.operator,
                c.budget_source,
                ", ".join(phase.name for phase in c.phases.all()),
                ", ".join(team),
                len(team),
                ", ".join(f"#{a.session.number} {a.purpose}".strip() for a in c.accompaniments.all()),
                c.abandon_reason,
            ]

    def reformulation_rows() -> Iterator[list[Any]]:
        for r in Reformulation.objects.filter(commission__lab_id=lab_id).select_related("commission", "author"):
            yield [r.commission.title, r.round, str(r.get_field_display()), r.before, r.after, r.reason,
                   str(r.author or ""), r.created_at]  # fmt: skip

    return [
        Sheet(
            name=gettext("Commissions"),
            slug="commissions",
            headers=[gettext("Case"), gettext("Title"), gettext("State"), gettext("Commissioner"),
                     gettext("Department"), gettext("Mode of intervention"), gettext("Operator"),
                     gettext("Budget source"), gettext("Phases"), gettext("Team"), gettext("Team size"),
                     gettext("Sessions"), gettext("Why it was abandoned")],
            rows=commission_rows,
        ),
        Sheet(
            name=gettext("Reformulations"),
            slug="reformulations",
            headers=[gettext("Commission"), gettext("Round"), gettext("What"), gettext("Before"), gettext("After"),
                     gettext("Reason"), gettext("By"), gettext("Date")],
            rows=reformulation_rows,
        ),
    ]  # fmt: skip


def commissions_file_build(
    *, parameters: dict[str, Any], format: str, target: Path, progress: exports.ExportProgress
) -> str:
    from labs.models import Lab

    with translation.override(parameters.get("language") or settings.LANGUAGE_CODE):
        lab = Lab.objects.get(pk=parameters["lab"])
        WRITERS[format](target, commissions_file_sheets(lab_id=lab.pk))
        extension = "zip" if format == Export.Format.CSV else format
        return f"{download_slug(gettext('commissions') + '-' + lab.name)[:80] or 'commandes'}.{extension}"
