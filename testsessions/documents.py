"""Files of a test session, built by export jobs: the stands' posters and the session report.

- Posters (``testsessions.posters``): one A4 page per stand with its QR code (segno) and short URL, all
  stands in one PDF, each stand laid out in turn so that the job shows its progress.
- Session report (``testsessions.report``): PDF (coverage, then one page per stand: answers, free texts,
  debrief) or XLSX, ODS and CSV through the shared spreadsheet writers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from innovation.downloads import download_slug
from innovation.models import Export
from innovation.services.exports import ExportProgress
from innovation.services.spreadsheets import WRITERS, Sheet
from testsessions import selectors
from testsessions.models import FeedbackQuestion, Stand, TestSession, team_label

POSTERS_BUILDER = "testsessions.posters"
REPORT_BUILDER = "testsessions.report"


def stand_url(stand: Stand) -> str:
    return settings.SITE_URL + reverse("testsessions:stand", args=[stand.token])


def stand_qr_data_uri(stand: Stand) -> str:
    """The stand's QR code as an SVG data URI (medium error correction: a poster gets scratched)."""
    return segno.make(stand_url(stand), error="m").svg_data_uri(scale=10, border=4, dark="#000000")


def _write_pdf(documents: list, target: Path | BinaryIO) -> None:
    pages = [page for document in documents for page in document.pages]
    destination = str(target) if isinstance(target, Path) else target
    documents[0].copy(pages).write_pdf(target=destination, pdf_variant="pdf/ua-1")


def posters_pdf_write(
    *, session: TestSession, stands: list[Stand], target: Path | BinaryIO, progress: ExportProgress | None = None
) -> None:
    from weasyprint import HTML

    if progress is not None:
        progress.add_total(len(stands) + 1)
    documents = []
    for stand in stands:
        url = stand_url(stand)
        html = render_to_string(
            "testsessions/poster_pdf.html",
            {
                "session": session,
                "stand": stand,
                "url": url,
                "short_url": url.split("://", 1)[-1],
                "qr": stand_qr_data_uri(stand),
            },
        )
        documents.append(HTML(string=html, base_url=str(settings.BASE_DIR)).render())
        if progress is not None:
            progress.advance()
    if not documents:  # no stand: one page that says so, rather than an empty file
        html = render_to_string("testsessions/poster_pdf.html", {"session": session, "stand": None})
        documents.append(HTML(string=html, base_url=str(settings.BASE_DIR)).render())
    _write_pdf(documents, target)
    if progress is not None:
        progress.advance()


def posters_build(*, parameters: dict[str, Any], format: str, target: Path, progress: ExportProgress) -> str:
    session = TestSession.objects.select_related("site__edition").get(pk=parameters["session_id"])
    stand_id = parameters.get("stand_id")
    stands = session.stands.select_related("challenge").order_by("position", "id")
    if stand_id:
        stands = stands.filter(pk=stand_id)
    with translation.override(parameters.get("language") or settings.LANGUAGE_CODE):
        posters_pdf_write(session=session, stands=list(stands), target=target, progress=progress)
        prefix = gettext("posters")
        return f"{download_slug(prefix)}-{download_slug(session.site.place)}-{session.pk}.pdf"


# --- Session report ---------------------------------------------------------------


def _answer_cell(question: FeedbackQuestion, value: Any) -> Any:
    if value in (None, ""):
        return None
    if question.kind == FeedbackQuestion.Kind.CHOICE:
        return question.choice_label(value)
    return value


def report_sheets(*, session: TestSession, progress: ExportProgress | None = None) -> list[Sheet]:
    document = selectors.session_report_document(session=session)
    questions = list(session.form.questions.order_by("position", "id"))
    reports = document["stands"]
    if progress is not None:
        progress.add_total(len(reports) * 2)

    def track(rows):
        yield from rows
        if progress is not None:
            progress.advance(len(reports))

    def coverage_rows():
        for report in reports:
            stand, coverage, team = report.stand, report.coverage, report.team
            yield [
                stand.label,
                stand.challenge.question,
                stand.location,
                coverage.visits if coverage else 0,
                coverage.visiting_teams if coverage else 0,
                team.visited if team else 0,
                team.of if team else 0,
                report.debrief.get_outcome_display() if report.debrief else "",
            ]

    def feedback_rows():
        for report in reports:
            for item in report.feedback:
                yield [
                    report.stand.label,
                    timezone.localtime(item.created_at),
                    item.get_profile_display() if item.profile else "",
                    team_label(item.visiting_challenge.number) if item.visiting_challenge_id else "",
                    *[_answer_cell(question, item.answers.get(question.key)) for question in questions],
                    "\n".join(f"{pair['question']} {pair['answer']}" for pair in item.team_answers),
                ]

    def debrief_rows():
        for report in reports:
            if report.debrief:
                yield [
                    report.stand.label,
                    report.debrief.get_outcome_display(),
                    "\n".join(f"{n}. {text}" for n, text in enumerate(report.debrief.conclusions, start=1)),
                    timezone.localtime(report.debrief.updated_at),
                ]

    return [
        Sheet(
            name=gettext("Coverage"),
            slug="coverage",
            headers=[
                gettext("Stand"),
                gettext("Working question"),
                gettext("Location"),
                gettext("Visits"),
                gettext("Teams that came"),
                gettext("Stands the team visited"),
                gettext("Other stands"),
                gettext("Team debrief"),
            ],
            rows=lambda: track(coverage_rows()),
        ),
        Sheet(
            name=gettext("Feedback"),
            slug="feedback",
            headers=[
                gettext("Stand"),
                gettext("Date"),
                gettext("Profile"),
                gettext("Visiting team"),
                *[question.text for question in questions],
                gettext("Answers to the team's questions"),
            ],
            rows=lambda: track(feedback_rows()),
        ),
        Sheet(
            name=gettext("Debriefs"),
            slug="debriefs",
            headers=[gettext("Stand"), gettext("Outcome"), gettext("Conclusions"), gettext("Updated")],
            rows=debrief_rows,
        ),
    ]


def report_pdf_write(*, session: TestSession, target: Path, progress: ExportProgress | None = None) -> None:
    from weasyprint import HTML

    if progress is not None:
        progress.add_total(3)
    document = selectors.session_report_document(session=session)
    if progress is not None:
        progress.advance()
    document["generated_at"] = timezone.now()
    html = render_to_string("testsessions/report_pdf.html", document)
    if progress is not None:
        progress.advance()
    HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(target=str(target), pdf_variant="pdf/ua-1")
    if progress is not None:
        progress.advance()


def session_report_build(*, parameters: dict[str, Any], format: str, target: Path, progress: ExportProgress) -> str:
    session = TestSession.objects.select_related("site__edition", "form").get(pk=parameters["session_id"])
    with translation.override(parameters.get("language") or settings.LANGUAGE_CODE):
        if format == Export.Format.PDF:
            report_pdf_write(session=session, target=target, progress=progress)
        else:
            WRITERS[format](target, report_sheets(session=session, progress=progress))
        extension = "zip" if format == Export.Format.CSV else format
        prefix = gettext("test session")
        return f"{download_slug(prefix)}-{download_slug(session.site.place)}-{session.pk}.{extension}"
