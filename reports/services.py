"""Session reports: what can be requested, and how each format is written.

``report_request`` checks what a person asks for and writes the export job;
``report_build`` is the builder the export job runs (see
``innovation.services.exports.export_builder_register``): spreadsheets are streamed sheet by
sheet, the PDF is rendered by WeasyPrint from ``reports/report_pdf.html``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation.charts import bar_chart_svg
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
# A long report is built in parts, each rendered by WeasyPrint on its own and written to the job's work
# folder, then joined with pypdf: the memory of one part is given back before the next, so the peak stays
# bounded whatever the number of challenges, and progress moves part by part. A report that fits in one
# part is rendered as one document (tagged PDF/UA, "Page n / N").


def _css_string(text: str) -> str:
    """A CSS string literal of ``text`` for the page margins (safe inside <style>)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return mark_safe(f'"{escaped}"')


def _score_bars(summary: dict[str, Any]) -> list[tuple[str, float | None]]:
    return [(f"{step['position']}. {step['title']}", step["score"]) for step in summary["steps"]]


def _render_pdf(html: str, path: Path) -> tuple[int, dict[str, int]]:
    """Write one part; returns its number of pages and the page (0-based) of each challenge anchor in it."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):  # an element is listed on every page it spans: keep the first
        for name in page.anchors:
            if name.startswith("challenge-"):
                anchors.setdefault(name, index)
    document.write_pdf(target=str(path), pdf_variant="pdf/ua-1")
    return len(document.pages), anchors


def report_pdf_write(
    *, scope: ReportScope, target: Path, progress: exports.ExportProgress | None = None, part_size: int | None = None
) -> None:
    import gc

    parts = selectors.report_parts(scope=scope, size=part_size or selectors.PART_SIZE)
    if progress is not None:
        progress.add_total(len(parts) + 3)
    overview = selectors.report_overview(scope=scope)
    overview["phase_chart"] = bar_chart_svg(bars=overview["phase_counts"], title=gettext("Challenges by current phase"))
    if overview["assessed"]:
        overview["verdict_chart"] = bar_chart_svg(bars=overview["verdicts"], title=gettext("Latest verdicts"))
    title = selectors.report_subject_label(scope=scope, subject=overview["subject"])
    generated_at = timezone.now()
    generated = gettext("Generated on %(date)s.") % {
        "date": date_format(timezone.localtime(generated_at), "DATETIME_FORMAT")
    }
    context = {
        "title": title,
        "generated_at": generated_at,
        "css_title": _css_string(title),
        "css_generated": _css_string(f"Défis · {generated}"),
        "overview": overview,
    }
    if progress is not None:
        progress.advance()

    def part_context(ids: list[int]) -> dict[str, Any]:
        document = selectors.report_document(scope=scope, challenge_ids=ids)
        for challenge in document["challenges"]:
            if challenge.report_assessment:
                challenge.report_chart = bar_chart_svg(
                    bars=_score_bars(challenge.report_assessment), maximum=100, unit=" %", decimals=1,
                    title=gettext("Score per step"),
                )  # fmt: skip
        return {"sites": document["sites"]}

    if len(parts) <= 1:  # one document: tagged, with its contents and "Page n / N"
        html = render_to_string(
            "reports/report_pdf.html", {**context, **part_context(parts[0] if parts else []), "single": True}
        )
        _render_pdf(html, target)
        if progress is not None:
            progress.advance(len(parts) + 2)
        return

    folder = target.parent / f"{target.stem}-parts"
    folder.mkdir(exist_ok=True)
    # The overview's length first (with room for the page numbers), so that the parts know where they start.
    overview_path = folder / "overview.pdf"
    overview_pages, _anchors = _render_pdf(
        render_to_string("reports/report_pdf.html", {**context, "first_page": 1, "pages_pending": True}),
        overview_path,
    )
    if progress is not None:
        progress.advance()
    files, first_page, pages = [], overview_pages + 1, {}
    for index, ids in enumerate(parts):
        html = render_to_string(
            "reports/report_pdf.html",
            {
                **{key: context[key] for key in ("title", "generated_at", "css_title", "css_generated")},
                **part_context(ids),
                "first_page": first_page,
            },
        )
        path = folder / f"part-{index:04d}.pdf"
        count, anchors = _render_pdf(html, path)
        pages.update({name: first_page + page for name, page in anchors.items()})
        first_page += count
        files.append(path)
        del html
        gc.collect()
        if progress is not None:
            progress.advance()
    # The overview again, now with the page of each challenge.
    for row in overview["rows"]:
        row["page"] = pages.get(f"challenge-{row['challenge'].pk}")
    _render_pdf(render_to_string("reports/report_pdf.html", {**context, "first_page": 1}), overview_path)
    _join_pdfs([overview_path, *files], target, title=context["title"])
    shutil.rmtree(folder, ignore_errors=True)
    if progress is not None:
        progress.advance()


def _join_pdfs(paths: list[Path], target: Path, *, title: str) -> None:
    """Join the parts with pypdf, keeping them a tagged PDF: the parts' structure trees become one.

    pypdf copies pages and outlines but not the structure tree (and drops each page's
    ``/StructParents``): each part's tree is cloned under one root, its parent-tree keys shifted past
    the previous parts', its elements pointed at the joined pages.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    writer = PdfWriter()
    tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    tree_ref = writer._add_object(tree)
    kids, nums, offset = ArrayObject(), ArrayObject(), 0
    for index, path in enumerate(paths):
        reader = PdfReader(str(path))
        start = len(writer.pages)
        writer.append(reader)
        if index == 0:
            for key in ("/Metadata", "/ViewerPreferences"):  # the XMP (PDF/UA identifier) and DisplayDocTitle
                if key in reader.trailer["/Root"]:
                    writer.root_object[NameObject(key)] = reader.trailer["/Root"].raw_get(key).clone(writer)
        source = reader.trailer["/Root"].get("/StructTreeRoot")
        if source is None:
            continue
        source = source.get_object()
        translated = writer._id_translated.setdefault(id(reader), {})
        for number, page in enumerate(reader.pages):  # clone elements onto the joined pages, not copies of them
            translated[page.indirect_reference.idnum] = writer.pages[start + number].indirect_reference.idnum
        translated[source.indirect_reference.idnum] = tree_ref.idnum
        top = source.raw_get("/K")
        top_list = top.get_object() if isinstance(top.get_object(), list) else [top]
        kids.extend(kid.clone(writer) for kid in top_list)
        parent_nums = source["/ParentTree"].get_object().get("/Nums", [])
        last = -1
        for position in range(0, len(parent_nums), 2):
            key = int(parent_nums[position])
            nums.append(NumberObject(key + offset))
            nums.append(parent_nums[position + 1].clone(writer))
            last = max(last, key)
        for number, page in enumerate(reader.pages):
            joined = writer.pages[start + number]
            if "/StructParents" in page:
                joined[NameObject("/StructParents")] = NumberObject(int(page["/StructParents"]) + offset)
            for annotation in joined.get("/Annots") or []:
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(int(annotation["/StructParent"]) + offset)
        offset += last + 1
    tree[NameObject("/K")] = kids
    tree[NameObject("/ParentTree")] = writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
    tree[NameObject("/ParentTreeNextKey")] = NumberObject(offset)
    writer.root_object[NameObject("/StructTreeRoot")] = tree_ref
    writer.root_object[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    writer.root_object[NameObject("/Lang")] = TextStringObject(translation.get_language() or settings.LANGUAGE_CODE)
    writer.add_metadata({"/Title": title, "/Author": "Défis"})
    with target.open("wb") as handle:
        writer.write(handle)
    writer.close()


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
