"""Session reports: what can be requested, and how each format is written.

``report_request`` checks what a person asks for and writes the export job;
``report_build`` is the builder the export job runs (see
``innovation.services.exports.export_builder_register``): spreadsheets are streamed sheet by
sheet, the PDF is rendered by WeasyPrint from ``reports/report_pdf.html``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation.models import Export, User
from innovation.services import exports
from innovation.services.spreadsheets import WRITERS, Sheet
from reports import selectors
from reports.selectors import ReportScope

BUILDER = "reports.report"


class Content:
    REPORT = "report"
    ASSESSMENTS = "assessments"

    choices = [
        (REPORT, _("Full report: challenges, teams, assessments and question history")),
        (ASSESSMENTS, _("Assessments dataset: one row per criterion answer")),
    ]
    values = (REPORT, ASSESSMENTS)


PERMISSIONS = {
    "edition": "reports.export_edition",
    "site": "reports.export_site",
    "challenge": "reports.export_challenge",
}


class ReportRequestInvalid(exports.ExportError):
    pass


def report_request(*, requested_by: User, scope: ReportScope, subject: Any, content: str, format: str) -> Export:
    """Check the request and write the export job (the task runs after the commit)."""
    if not requested_by.has_perm(PERMISSIONS[scope.kind], subject):
        raise ReportRequestInvalid(_("You may only request reports on the sites you facilitate."))
    if content not in Content.values:
        raise ReportRequestInvalid(_("Unknown kind of report."))
    if format not in Export.Format.values:
        raise ReportRequestInvalid(_("Unknown format: choose PDF, XLSX, ODS or CSV."))
    if content == Content.ASSESSMENTS and format == Export.Format.PDF:
        raise ReportRequestInvalid(_("The assessments dataset is a spreadsheet: choose XLSX, ODS or CSV."))
    title = selectors.report_subject_label(scope=scope, subject=subject)
    if content == Content.ASSESSMENTS:
        title = gettext("Assessments dataset: %(subject)s") % {"subject": _subject_name(scope, subject)}
    return exports.export_request(
        requested_by=requested_by,
        builder=BUILDER,
        parameters={**scope.as_parameters(), "content": content, "language": translation.get_language()},
        format=format,
        title=title,
    )


def _subject_name(scope: ReportScope, subject: Any) -> str:
    if scope.kind == "edition":
        return str(subject)
    if scope.kind == "site":
        return f"{subject.place}, {subject.edition}"
    return gettext("%(place)s, challenge %(number)s") % {"place": subject.site.place, "number": subject.number}


# --- Sheets -----------------------------------------------------------------


def report_sheets(*, scope: ReportScope, content: str, progress: exports.ExportProgress | None = None) -> list[Sheet]:
    """The sheets of a spreadsheet export, each counted into ``progress`` as it is written."""
    parts = [
        ("assessments", _("Assessments"), selectors.ASSESSMENT_HEADERS, selectors.assessment_answers_sheet_rows,
         selectors.assessment_answers_sheet_count),
    ]  # fmt: skip
    if content == Content.REPORT:
        parts = [
            ("challenges", _("Challenges"), selectors.CHALLENGE_HEADERS, selectors.challenge_sheet_rows,
             selectors.challenge_sheet_count),
            ("teams", _("Teams"), selectors.TEAM_HEADERS, selectors.team_sheet_rows, selectors.team_sheet_count),
            *parts,
            ("question-history", _("Question history"), selectors.QUESTION_HISTORY_HEADERS,
             selectors.question_history_sheet_rows, selectors.question_history_sheet_count),
        ]  # fmt: skip
    sheets = []
    for slug, name, headers, rows, count in parts:
        if progress is not None:
            progress.add_total(count(scope=scope))

        def sheet_rows(rows=rows):
            iterator = rows(scope=scope)
            return progress.track(iterator) if progress is not None else iterator

        sheets.append(Sheet(name=str(name), headers=[str(h) for h in headers], rows=sheet_rows, slug=slug))
    return sheets


# --- PDF --------------------------------------------------------------------

CHART_COLOURS = ("#1d3f8f", "#2f6fb0", "#0b7a75", "#8a4b00", "#6b3fa0")


def bar_chart_svg(*, bars: list[tuple[str, float]], maximum: float | None = None, unit: str = "", title: str) -> str:
    """A horizontal bar chart as SVG (WeasyPrint draws it as vectors)."""
    from xml.sax.saxutils import escape

    maximum = maximum or max([value for _label, value in bars] + [1])
    row, label_width, bar_width = 22, 190, 270
    height = row * len(bars) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_width + bar_width + 60}" '
        f'height="{height}" viewBox="0 0 {label_width + bar_width + 60} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(bars):
        y = 4 + index * row
        width = 0 if not maximum else bar_width * float(value) / float(maximum)
        colour = CHART_COLOURS[index % len(CHART_COLOURS)]
        shown = f"{value:g}{unit}"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" font-size="10" fill="#212529">'
            f"{escape(label[:40])}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{width:.1f}" height="14" fill="{colour}"/>'
            f'<text x="{label_width + width + 4:.1f}" y="{y + 14}" font-size="10" fill="#212529">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def report_pdf_write(*, scope: ReportScope, target: Path, progress: exports.ExportProgress | None = None) -> None:
    from weasyprint import HTML

    if progress is not None:
        progress.add_total(3)
    document = selectors.report_document(scope=scope)
    if progress is not None:
        progress.advance()
    document["phase_chart"] = bar_chart_svg(bars=document["phase_counts"], title=gettext("Challenges by current phase"))
    for challenge in document["challenges"]:
        summary = challenge.report_assessment
        if summary:
            challenge.report_chart = bar_chart_svg(
                bars=[(f"{step['position']}. {step['title']}", round(step["score"] or 0)) for step in summary["steps"]],
                maximum=100,
                unit=" %",
                title=gettext("Score per step"),
            )
    document["generated_at"] = timezone.now()
    document["title"] = selectors.report_subject_label(scope=scope, subject=document["subject"])
    document["with_toc"] = len(document["challenges"]) > 1
    html = render_to_string("reports/report_pdf.html", document)
    if progress is not None:
        progress.advance()
    HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(target=str(target), pdf_variant="pdf/ua-1")
    if progress is not None:
        progress.advance()


# --- The builder the export job runs ------------------------------------------


def report_build(*, parameters: dict[str, Any], format: str, target: Path, progress: exports.ExportProgress) -> str:
    scope = ReportScope.from_parameters(parameters)
    content = parameters.get("content", Content.REPORT)
    with translation.override(parameters.get("language") or settings.LANGUAGE_CODE):
        subject = selectors.report_scope_object(scope=scope)
        stem = slugify(_subject_name(scope, subject))[:80] or "rapport"
        prefix = gettext("assessments") if content == Content.ASSESSMENTS else gettext("report")
        extension = "zip" if format == Export.Format.CSV else format
        if format == Export.Format.PDF:
            report_pdf_write(scope=scope, target=target, progress=progress)
        else:
            WRITERS[format](target, report_sheets(scope=scope, content=content, progress=progress))
    return f"{slugify(prefix)}-{stem}.{extension}"
