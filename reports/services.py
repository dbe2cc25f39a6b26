"""Session reports: what can be requested, and how each format is written.

``report_request`` checks what a person asks for and writes the export job;
``report_build`` is the builder the export job runs (see
``innovation.services.exports.export_builder_register``): spreadsheets are streamed sheet by
sheet, the PDF is rendered by WeasyPrint from ``reports/report_pdf.html``.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation.charts import bar_chart_svg
from innovation.downloads import download_slug
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
    # Steps: the overview's data, its first rendering, each part, its second rendering, each file joined.
    steps = 2 * len(parts) + 4 if len(parts) > 1 else 3
    if progress is not None:
        progress.add_total(steps)
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
            progress.advance(steps - 1)
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
    if progress is not None:
        progress.advance()
    _join_pdfs([overview_path, *files], target, title=context["title"], progress=progress)
    shutil.rmtree(folder, ignore_errors=True)


def _join_pdfs(paths: list[Path], target: Path, *, title: str, progress: exports.ExportProgress | None = None) -> None:
    """Join the parts into one tagged PDF, written object by object so that memory holds one part at a time.

    A joining library keeps every part's objects until it writes (a thousand challenges make some 200,000
    structure elements: 1.2 GB with pypdf's writer). Here each part is read with pypdf and its objects are
    written to the target at once, renumbered past the previous parts'. Only what spans the parts is kept
    until the end and written once: the catalog, the page tree, the structure tree root (the parts' top
    elements under it) with one parent tree whose keys are shifted past the previous parts' (so are the
    pages' ``/StructParents`` and the annotations' ``/StructParent``), the bookmarks chained part after part,
    the named destinations. The first part's catalog gives the XMP metadata (the PDF/UA identifier) and the
    viewer preferences. ``progress`` moves once per file joined.
    """
    import gc
    import hashlib

    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, IndirectObject, NameObject, NumberObject, StreamObject

    offsets: dict[int, int] = {}
    page_numbers: list[int] = []
    kids: list[int] = []
    parent_entries: list[bytes] = []  # "key value" of the joined parent tree, in key order
    dests: list[tuple[bytes, bytes, bytes]] = []  # (sort key, name, value) of the named destinations
    outline_first = outline_last = None
    outline_count = 0
    pending_last: tuple[int, DictionaryObject] | None = None  # a part's last bookmark waits for the next's first
    first_catalog: dict[str, bytes] = {}
    next_number, key_offset = _JOINED_INFO + 1, 0

    with target.open("wb") as out:

        def write(number: int, value: Any, data: bytes | None = None) -> None:
            offsets[number] = out.tell()
            out.write(b"%d 0 obj\n" % number)
            out.write(value if isinstance(value, bytes) else _pdf_bytes(value))
            if data is not None:
                out.write(b"\nstream\n" + data + b"\nendstream")
            out.write(b"\nendobj\n")

        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        for path in paths:
            reader = PdfReader(str(path))
            root = reader.trailer["/Root"].get_object()
            part = _PartNumbers(base=next_number - 1, key_offset=key_offset)
            skipped = part.map_shared(reader, root)
            # What spans the parts, read before the part's objects are written.
            page_numbers.extend(part.number(page.indirect_reference.idnum) for page in reader.pages)
            if not first_catalog:
                for key in ("/Metadata", "/ViewerPreferences"):
                    if key in root:
                        first_catalog[key] = _pdf_bytes(part.renumbered(root.raw_get(key)))
            last_key = -1
            tree = root.get("/StructTreeRoot")
            if tree is not None:
                top = tree.raw_get("/K")
                kids.extend(part.number(kid.idnum) for kid in (top.get_object() if _is_array(top) else [top]))
                for key, value in _tree_items(tree.raw_get("/ParentTree"), "/Nums"):
                    parent_entries.append(b"%d %s" % (int(key) + key_offset, _pdf_bytes(part.renumbered(value))))
                    last_key = max(last_key, int(key))
            names = root.get("/Names")
            if names is not None and "/Dests" in names:
                for name, value in _tree_items(names.raw_get("/Dests"), "/Names"):
                    sort_key = name.original_bytes if hasattr(name, "original_bytes") else str(name).encode()
                    dests.append((sort_key, _pdf_bytes(name), _pdf_bytes(part.renumbered(value))))
            first_item = last_item = None
            outlines = root.get("/Outlines")
            if outlines is not None and "/First" in outlines:
                first_item, last_item = outlines.raw_get("/First").idnum, outlines.raw_get("/Last").idnum
                outline_count += int(outlines.get("/Count", 0))
                if pending_last is not None:
                    pending_last[1][NameObject("/Next")] = IndirectObject(part.number(first_item), 0, None)
                    write(*pending_last)
                    pending_last = None
            # Every other object of the part, renumbered, written at once.
            numbers = set(reader.xref_objStm)
            for table in reader.xref.values():
                numbers.update(table)
            for old in sorted(numbers - skipped - {0}):
                value = reader.get_object(old)
                if value is None or (isinstance(value, DictionaryObject) and value.get("/Type") in _NOT_COPIED):
                    continue
                copy = part.renumbered(value)
                if old == first_item and outline_last is not None:
                    copy[NameObject("/Prev")] = IndirectObject(outline_last, 0, None)
                if old == last_item:
                    pending_last = (part.number(old), copy)
                elif isinstance(value, StreamObject):
                    data = value._data  # the stream as stored (still encoded), copied as it is
                    copy[NameObject("/Length")] = NumberObject(len(data))
                    write(part.number(old), copy, data)
                else:
                    write(part.number(old), copy)
            if first_item is not None:
                outline_first = outline_first or part.number(first_item)
                outline_last = part.number(last_item)
            next_number = part.base + int(reader.trailer["/Size"])
            key_offset += last_key + 1
            del reader, root, tree, names, outlines
            gc.collect()  # a part's objects refer to each other: give them back before the next part
            if progress is not None:
                progress.advance()

        if pending_last is not None:
            write(*pending_last)
        references = b" ".join(b"%d 0 R" % page for page in page_numbers)
        write(_JOINED_PAGES, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(page_numbers), references))
        write(_JOINED_PARENT_TREE, b"<< /Nums [%s] >>" % b" ".join(parent_entries))
        references = b" ".join(b"%d 0 R" % kid for kid in kids)
        write(
            _JOINED_TREE,
            b"<< /Type /StructTreeRoot /K [%s] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
            % (references, _JOINED_PARENT_TREE, key_offset),
        )
        language = translation.get_language() or settings.LANGUAGE_CODE
        entries = [
            b"/Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R" % (_JOINED_PAGES, _JOINED_TREE),
            b"/MarkInfo << /Marked true >> /Lang " + _pdf_bytes(_pdf_text(language)),
            *(key.encode() + b" " + value for key, value in first_catalog.items()),
        ]
        if outline_first is not None:
            write(
                _JOINED_OUTLINES,
                b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
                % (outline_first, outline_last, outline_count),
            )
            entries.append(b"/Outlines %d 0 R" % _JOINED_OUTLINES)
        if dests:
            dests.sort(key=lambda item: item[0])
            pairs = b" ".join(b"%s %s" % (name, value) for _key, name, value in dests)
            write(_JOINED_NAMES, b"<< /Dests << /Names [%s] >> >>" % pairs)
            entries.append(b"/Names %d 0 R" % _JOINED_NAMES)
        write(_JOINED_CATALOG, b"<< " + b" ".join(entries) + b" >>")
        info = {"/Title": title, "/Author": "Défis", "/Producer": "Défis"}
        write(_JOINED_INFO, b"<< %s >>" % b" ".join(key.encode() + b" " + _pdf_bytes(_pdf_text(value))
                                                    for key, value in info.items()))  # fmt: skip
        size = max(offsets) + 1
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        out.write(
            b"".join(
                b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n" for n in range(1, size)
            )
        )
        identifier = hashlib.md5(f"{title}{target.name}{size}".encode(), usedforsecurity=False).hexdigest().encode()
        out.write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n"
            % (size, _JOINED_CATALOG, _JOINED_INFO, identifier, identifier)
        )
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref)


# The objects of the joined PDF that span the parts come first; each part's objects follow, renumbered.
_JOINED_CATALOG, _JOINED_PAGES, _JOINED_TREE, _JOINED_PARENT_TREE, _JOINED_OUTLINES, _JOINED_NAMES = range(1, 7)
_JOINED_INFO = 7
_NOT_COPIED = ("/ObjStm", "/XRef")  # a part's object and cross-reference streams: their objects are copied one by one


class _PartNumbers:
    """A part's objects renumbered into the joined PDF: past the previous parts', its shared objects mapped."""

    def __init__(self, *, base: int, key_offset: int) -> None:
        self.base = base
        self.key_offset = key_offset
        self.mapped: dict[int, int] = {}

    def map_shared(self, reader: Any, root: Any) -> set[int]:
        """Point the part's catalog, page tree, structure tree root and outline root at the joined ones; return
        the numbers of the part's objects not to copy (those, its parent and name trees, its document info)."""
        from pypdf.generic import IndirectObject

        skipped: set[int] = set()
        self.mapped[reader.trailer.raw_get("/Root").idnum] = _JOINED_CATALOG
        if isinstance(reader.trailer.raw_get("/Info"), IndirectObject):
            skipped.add(reader.trailer.raw_get("/Info").idnum)
        self.mapped.update(dict.fromkeys(_tree_nodes(root.raw_get("/Pages")), _JOINED_PAGES))
        if "/StructTreeRoot" in root:
            self.mapped[root.raw_get("/StructTreeRoot").idnum] = _JOINED_TREE
            skipped.update(_tree_nodes(root["/StructTreeRoot"].raw_get("/ParentTree")))
        if "/Outlines" in root:
            self.mapped[root.raw_get("/Outlines").idnum] = _JOINED_OUTLINES
        if "/Names" in root:
            skipped.update(_tree_nodes(root.raw_get("/Names")) if isinstance(root.raw_get("/Names"), IndirectObject)
                           else set())  # fmt: skip
            if "/Dests" in root["/Names"]:
                skipped.update(_tree_nodes(root["/Names"].raw_get("/Dests")))
        return skipped | set(self.mapped)

    def number(self, old: int) -> int:
        return self.mapped.get(old) or self.base + old

    def renumbered(self, value: Any) -> Any:
        """A copy of ``value`` whose references are the joined PDF's, with its parent-tree key shifted."""
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject

        if isinstance(value, IndirectObject):
            return IndirectObject(self.number(value.idnum), 0, None)
        if isinstance(value, DictionaryObject):
            copy = DictionaryObject({key: self.renumbered(item) for key, item in value.items()})
            for key in ("/StructParents", "/StructParent"):  # a page's, an annotation's parent-tree key
                if key in copy:
                    copy[NameObject(key)] = NumberObject(int(copy[key]) + self.key_offset)
            return copy
        if isinstance(value, ArrayObject):
            return ArrayObject(self.renumbered(item) for item in value)
        return value


def _is_array(reference: Any) -> bool:
    return isinstance(reference.get_object(), list)


def _tree_nodes(reference: Any) -> set[int]:
    """The object numbers of the nodes of a page, number or name tree (not its pages or values)."""
    from pypdf.generic import IndirectObject

    nodes: set[int] = set()
    if isinstance(reference, IndirectObject):
        nodes.add(reference.idnum)
    for kid in reference.get_object().get("/Kids", []):
        if kid.get_object().get("/Type") != "/Page":
            nodes |= _tree_nodes(kid)
    return nodes


def _tree_items(reference: Any, key: str) -> Iterator[tuple[Any, Any]]:
    """The (key, value) pairs of a number tree (``/Nums``) or a name tree (``/Names``), values unresolved."""
    node = reference.get_object()
    for kid in node.get("/Kids", []):
        yield from _tree_items(kid, key)
    items = node.get(key, [])
    for position in range(0, len(items), 2):
        yield items[position], items[position + 1]


def _pdf_text(text: str) -> Any:
    from pypdf.generic import TextStringObject

    return TextStringObject(text)


def _pdf_bytes(value: Any) -> bytes:
    buffer = io.BytesIO()
    value.write_to_stream(buffer)
    return buffer.getvalue()


# --- The builder the export job runs ------------------------------------------


def report_build(*, parameters: dict[str, Any], format: str, target: Path, progress: exports.ExportProgress) -> str:
    scope = ReportScope.from_parameters(parameters)
    content = parameters.get("content", Content.REPORT)
    with translation.override(parameters.get("language") or settings.LANGUAGE_CODE):
        subject = selectors.report_scope_object(scope=scope)
        stem = download_slug(_subject_name(scope, subject))[:80] or "rapport"
        prefix = gettext("assessments") if content == Content.ASSESSMENTS else gettext("report")
        extension = "zip" if format == Export.Format.CSV else format
        if format == Export.Format.PDF:
            report_pdf_write(scope=scope, target=target, progress=progress)
        else:
            WRITERS[format](target, report_sheets(scope=scope, content=content, progress=progress))
    return f"{download_slug(prefix)}-{stem}.{extension}"
