"""Import a site's challenges from a spreadsheet (XLSX, ODS or CSV): parse, validate, write.

The flow is in three steps, each a function here:

1. :func:`import_file_parse` reads the uploaded bytes into plain rows of text
   (one dict per line, keyed by column), or raises :class:`ImportFileError` with a
   French message for the file as a whole (format, encoding, columns, emptiness, size).
2. :func:`import_rows_validate` parses every row's cells, then checks them with the rules of
   the challenge form (:class:`challenges.services.challenges.ChallengeRules`), and returns one
   :class:`RowResult` per row, with the errors of each cell.
3. :func:`challenges_import` validates again and writes everything through the challenge
   service in one transaction, each challenge with its audit entry, or nothing at all
   (:class:`ImportInvalid`).

The rules are the form's: organisations are matched by name, ignoring case, and a name that
matches none is a new organisation (of the kind its name says), created by the import (the
preview says so); themes are matched by title within the site's edition, and an unknown theme
is a row error; numbers must be unique within the site and within the file.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.models import Challenge, Site
from challenges.services.challenges import ChallengeRules, CleanChallenge, challenges_create_many
from innovation.models import User

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 500
# XLSX and ODS files are zip archives: what they declare once unpacked is checked before a parser
# inflates them. 500 challenges take a few megabytes; a zip bomb declares hundreds, at a ratio no
# spreadsheet reaches.
MAX_IMPORT_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ZIP_RATIO = 100
MAX_IMPORT_ZIP_MEMBERS = 1000
FORMATS = ("xlsx", "ods", "csv")


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: str  # the French header of the template: the file's language, whatever the interface's
    label: object  # a lazy translated description, for the page
    required: bool = False
    max_length: int | None = None
    kind: str = "text"  # text | integer
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn("number", "numéro", gettext_lazy("Number of the challenge in the site (1, 2, 3…)"),
                 required=True, kind="integer", aliases=("numero du defi", "n°", "no", "num", "defi")),
    ImportColumn("question", "question", gettext_lazy("Working question (“Comment … ?”)"),
                 required=True, max_length=500, aliases=("question de travail",)),
    ImportColumn("subject", "sujet", gettext_lazy("Short subject"), max_length=300),
    ImportColumn("organisation", "organisation porteuse",
                 gettext_lazy("Owner organisation (created if it does not exist yet)"),
                 required=True, max_length=200, aliases=("organisation", "structure porteuse", "porteur")),
    ImportColumn("theme", "thème", gettext_lazy("Theme: the exact title of one of the edition’s themes"),
                 aliases=("theme",)),
    ImportColumn("territory", "territoire", gettext_lazy("Territory"), max_length=250),
    ImportColumn("territory_communes", "communes", gettext_lazy("Number of communes (a whole number)"),
                 kind="integer", aliases=("nombre de communes",)),
    ImportColumn("territory_inhabitants", "habitants", gettext_lazy("Number of inhabitants (a whole number)"),
                 kind="integer", aliases=("nombre d'habitants", "nombre d’habitants", "population")),
    ImportColumn("stakes", "enjeux", gettext_lazy("Stakes (Markdown)")),
    ImportColumn("stakeholders", "parties prenantes", gettext_lazy("Stakeholders (Markdown)")),
    ImportColumn("users", "usagers", gettext_lazy("Users (Markdown)"), aliases=("utilisateurs",)),
    ImportColumn("obstacles", "freins / obstacles", gettext_lazy("Obstacles (Markdown)"),
                 aliases=("freins/obstacles", "freins", "obstacles", "freins et obstacles")),
    ImportColumn("levers", "leviers", gettext_lazy("Levers (Markdown)")),
)  # fmt: skip
COLUMN_KEYS: tuple[str, ...] = tuple(column.key for column in COLUMNS)


class ImportFileError(Exception):
    """The file as a whole cannot be read as a list of challenges. The message is for the person."""


class ImportInvalid(Exception):
    """At least one row is invalid: nothing was written."""

    def __init__(self, results: list[RowResult]) -> None:
        super().__init__("invalid rows")
        self.results = results


@dataclass
class ParsedRow:
    line: int  # the line of the file (the header is line 1)
    values: dict[str, str]

    def as_dict(self) -> dict:
        return {"line": self.line, "values": self.values}

    @classmethod
    def from_dict(cls, data: dict) -> ParsedRow:
        return cls(
            line=int(data["line"]),
            values={key: _without_nul(str(data["values"].get(key, ""))) for key in COLUMN_KEYS},
        )


@dataclass
class RowResult:
    line: int
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    new_organisation: bool = False
    cleaned: CleanChallenge | None = None

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return sum(len(messages) for messages in self.errors.values())

    def cells(self) -> list[tuple[ImportColumn, str, list[str]]]:
        """(column, value, errors) in the order of the columns: what the preview shows."""
        return [(column, self.values.get(column.key, ""), self.errors.get(column.key, [])) for column in COLUMNS]


# --- Reading files -----------------------------------------------------------


def _normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("*", " ").replace("’", "'").strip()
    text = re.sub(r"\s*/\s*", "/", text)
    return re.sub(r"\s+", " ", text)


_HEADER_KEYS: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases):
        _HEADER_KEYS[_normalise_header(_name)] = _column.key


def _without_nul(text: str) -> str:
    """Text without NUL bytes: no spreadsheet means one, and the database refuses them (issue 10)."""
    return text.replace("\x00", "")


def _cell_text(value: object) -> str:
    """A cell as text: whole floats lose their ``.0`` (spreadsheets store numbers as floats); NUL is dropped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _without_nul(str(value)).strip()


def import_format_from_name(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in FORMATS:
        raise ImportFileError(_("This format is not supported: choose an XLSX (Excel), ODS (LibreOffice) or CSV file."))
    return extension


def _zip_check(content: bytes) -> None:
    """Refuse a zip (XLSX, ODS) that would unpack too big, from the sizes it declares, before any parsing.

    Python's zipfile never inflates a member past its declared size, so the declaration binds the parsers.
    A file that is no zip at all is left to the parser, which says it cannot read it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    too_dense = unpacked > 1024 * 1024 and unpacked > MAX_IMPORT_ZIP_RATIO * max(packed, 1)
    if len(members) > MAX_IMPORT_ZIP_MEMBERS or unpacked > MAX_IMPORT_UNPACKED_BYTES or too_dense:
        raise ImportFileError(
            _(
                "This spreadsheet would take {size} MB once opened, far more than a list of challenges "
                "(at most {limit} MB): it may be damaged or built to overload the server. Copy the challenges "
                "into the template and upload that file."
            ).format(size=unpacked // (1024 * 1024), limit=MAX_IMPORT_UNPACKED_BYTES // (1024 * 1024))
        )


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    _zip_check(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise ImportFileError(_("This file cannot be read as an XLSX spreadsheet. Is it really an Excel file?")) from (
            error
        )
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return
        for row in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in row]
    finally:
        workbook.close()


def _ods_cell_text(cell) -> str:
    from odf import teletype
    from odf.namespaces import OFFICENS

    kind = cell.attributes.get((OFFICENS, "value-type"))
    if kind in {"float", "percentage", "currency"}:
        raw = cell.attributes.get((OFFICENS, "value"))
        if raw is not None:
            try:
                return _cell_text(float(raw))
            except ValueError:
                return str(raw)
    from odf.text import P

    return "\n".join(teletype.extractText(paragraph) for paragraph in cell.getElementsByType(P)).strip()


def _ods_rows(content: bytes) -> Iterator[list[str]]:
    from odf.namespaces import TABLENS
    from odf.opendocument import load
    from odf.table import Table, TableRow

    _zip_check(content)
    try:
        document = load(io.BytesIO(content))
    except Exception as error:  # odfpy raises anything from zipfile, xml.sax or KeyError
        raise ImportFileError(
            _("This file cannot be read as an ODS spreadsheet. Is it really a LibreOffice Calc file?")
        ) from error
    tables = document.spreadsheet.getElementsByType(Table) if document.spreadsheet else []
    if not tables:
        return
    yielded = 0
    for row in tables[0].getElementsByType(TableRow):
        cells: list[str] = []
        for cell in row.childNodes:
            if cell.qname[1] not in {"table-cell", "covered-table-cell"}:
                continue
            repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1) or 1)
            text = _ods_cell_text(cell)
            # Spreadsheets pad a row with one empty cell repeated thousands of times: keep it short.
            cells.extend([text] * min(repeat, len(COLUMNS) + 20))
        repeat_rows = int(row.attributes.get((TABLENS, "number-rows-repeated"), 1) or 1)
        if not any(cells):
            repeat_rows = min(repeat_rows, 1)
        for _index in range(repeat_rows):
            yielded += 1
            if yielded > MAX_IMPORT_ROWS + 2:
                return
            yield cells


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "This CSV file is not encoded in UTF-8 (line {line}). Save it again as “CSV UTF-8” "
                "from your spreadsheet and upload it again."
            ).format(line=content[: error.start].count(b"\n") + 1)
        ) from error
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise ImportFileError(_("This CSV file is malformed: {error}.").format(error=error)) from error


def _map_headers(header: list[str]) -> list[str | None]:
    """Column index → key, or an error for unknown, duplicate or missing columns."""
    keys: list[str | None] = []
    unknown: list[str] = []
    seen: set[str] = set()
    duplicates: list[str] = []
    for cell in header:
        name = _normalise_header(cell)
        if not name:
            keys.append(None)
            continue
        key = _HEADER_KEYS.get(name)
        if key is None:
            unknown.append(cell.strip())
        elif key in seen:
            duplicates.append(cell.strip())
        else:
            seen.add(key)
        keys.append(key)
    problems: list[str] = []
    if unknown:
        problems.append(
            ngettext("Unknown column: {names}.", "Unknown columns: {names}.", len(unknown)).format(
                names=", ".join(f"« {name} »" for name in unknown)
            )
        )
    if duplicates:
        problems.append(_("Column given twice: {names}.").format(names=", ".join(f"« {name} »" for name in duplicates)))
    missing = [column.header for column in COLUMNS if column.required and column.key not in seen]
    if missing:
        problems.append(
            ngettext("Missing column: {names}.", "Missing columns: {names}.", len(missing)).format(
                names=", ".join(f"« {name} »" for name in missing)
            )
        )
    if problems:
        expected = ", ".join(f"« {column.header} »" for column in COLUMNS)
        raise ImportFileError(
            " ".join(problems)
            + " "
            + _("The first line must name the columns of the template: {expected}.").format(expected=expected)
        )
    return keys


def _size_check(size: int) -> None:
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("This file is too big ({size} kB): the limit is {limit} kB.").format(
                size=size // 1024, limit=MAX_IMPORT_BYTES // 1024
            )
        )


def import_upload_parse(*, upload: UploadedFile) -> list[ParsedRow]:
    """An uploaded file's challenges, as :func:`import_file_parse`; too big a file is refused unread."""
    _size_check(upload.size or 0)
    return import_file_parse(filename=upload.name or "", content=upload.read())


def import_file_parse(*, filename: str, content: bytes) -> list[ParsedRow]:
    """The file's challenges as rows of text, or :class:`ImportFileError` for the file as a whole."""
    file_format = import_format_from_name(filename)
    _size_check(len(content))
    if not content.strip():
        raise ImportFileError(_("This file is empty."))
    reader = {"xlsx": _xlsx_rows, "ods": _ods_rows, "csv": _csv_rows}[file_format]
    lines: Iterable[list[str]] = reader(content)
    header: list[str] | None = None
    keys: list[str | None] = []
    rows: list[ParsedRow] = []
    for line_number, cells in enumerate(lines, start=1):
        cells = [_cell_text(cell) for cell in cells]
        if not any(cells):
            continue
        if header is None:
            header = cells
            keys = _map_headers(cells)
            continue
        values = dict.fromkeys(COLUMN_KEYS, "")
        for index, cell in enumerate(cells):
            key = keys[index] if index < len(keys) else None
            if key is not None:
                values[key] = cell
        rows.append(ParsedRow(line=line_number, values=values))
        if len(rows) > MAX_IMPORT_ROWS:
            raise ImportFileError(
                _("This file has more than {limit} challenges: split it into several files.").format(
                    limit=MAX_IMPORT_ROWS
                )
            )
    if header is None:
        raise ImportFileError(_("This file is empty."))
    if not rows:
        raise ImportFileError(_("This file has a header line but no challenge below it."))
    return rows


# --- Validating rows ---------------------------------------------------------


def _parse_integer(text: str, *, maximum: int) -> int:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"\d+(\.0+|,0+)?", cleaned) is None:
        raise ValueError
    number = int(re.split(r"[.,]", cleaned)[0])
    if number < 1 or number > maximum:
        raise ValueError
    return number


def import_rows_validate(*, site: Site, rows: list[ParsedRow]) -> list[RowResult]:
    """Check every row: its cells parse, then the challenge form's rules (:class:`ChallengeRules`) apply.

    Three queries whatever the number of rows.
    """
    rules = ChallengeRules(site=site, organisation_names=[row.values.get("organisation", "") for row in rows])
    results: list[RowResult] = []
    for row in rows:
        result = RowResult(line=row.line, values=dict(row.values))
        parsed = _row_parse(row, result.errors)
        organisation = parsed.pop("organisation", "")
        result.new_organisation = rules.is_new_organisation(name=organisation)
        try:
            result.cleaned = rules.clean(fields=parsed, organisation=organisation, line=row.line)
        except ValidationError as invalid:
            for key, messages in invalid.message_dict.items():
                result.errors.setdefault(key, messages)  # a cell that did not parse keeps its own message
        results.append(result)
    return results


def _row_parse(row: ParsedRow, errors: dict[str, list[str]]) -> dict:
    """The cells of a row as values (text, whole numbers); what does not parse goes to ``errors``."""
    parsed: dict = {}
    for column in COLUMNS:
        value = row.values.get(column.key, "").strip()
        if column.max_length and len(value) > column.max_length:
            errors[column.key] = [
                _("At most {limit} characters (here {length}).").format(limit=column.max_length, length=len(value))
            ]
        elif column.kind == "integer" and value:
            maximum = 32767 if column.key == "number" else 2_000_000_000
            try:
                parsed[column.key] = _parse_integer(value, maximum=maximum)
            except ValueError:
                errors[column.key] = [
                    _("“{value}” is not a whole number between 1 and {maximum}.").format(value=value, maximum=maximum)
                ]
        else:
            parsed[column.key] = value if column.kind == "text" else None
    return parsed


# --- Writing -----------------------------------------------------------------


def challenges_import(
    *, site: Site, rows: list[ParsedRow], publish: bool = False, imported_by: User | None = None, filename: str = ""
) -> list[Challenge]:
    """Create every row's challenge (and the new organisations) in one transaction, or nothing.

    Each challenge goes through the challenge service and gets its audit entry naming ``imported_by`` and
    the file. Raises :class:`ImportInvalid` with the results when any row is invalid, including when the
    site changed since the preview (a number taken meanwhile).
    """
    try:
        with transaction.atomic():
            # One import at a time per site: the second waits, then sees the first's numbers.
            site = Site.objects.select_for_update().get(pk=site.pk)
            results = import_rows_validate(site=site, rows=rows)
            if not all(result.is_valid for result in results):
                raise ImportInvalid(results)
            return challenges_create_many(
                site=site,
                author=imported_by,
                challenges=[result.cleaned for result in results],
                status=Challenge.Status.PUBLISHED if publish else Challenge.Status.DRAFT,
                source=filename,
            )
    except IntegrityError:
        # A concurrent write slipped past the checks (a challenge of the same number): say so, row by row.
        results = import_rows_validate(site=site, rows=rows)
        if all(result.is_valid for result in results):
            raise
        raise ImportInvalid(results) from None


# --- Templates ---------------------------------------------------------------


def import_template(*, file_format: str) -> tuple[bytes, str]:
    """An empty template with the French header row: (content, content type)."""
    headers = [column.header for column in COLUMNS]
    if file_format == "csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=";").writerow(headers)
        return buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    if file_format == "xlsx":
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Défis")
        for index in range(len(headers)):
            sheet.column_dimensions[chr(ord("A") + index)].width = 24
        bold = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = Font(bold=True)
            bold.append(cell)
        sheet.append(bold)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if file_format == "ods":
        from odf.opendocument import OpenDocumentSpreadsheet
        from odf.table import Table, TableCell, TableRow
        from odf.text import P

        document = OpenDocumentSpreadsheet()
        table = Table(name="Défis")
        row = TableRow()
        for header in headers:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=header))
            row.addElement(cell)
        table.addElement(row)
        document.spreadsheet.addElement(table)
        buffer = io.BytesIO()
        document.write(buffer)
        return buffer.getvalue(), "application/vnd.oasis.opendocument.spreadsheet"
    raise ValueError(file_format)
