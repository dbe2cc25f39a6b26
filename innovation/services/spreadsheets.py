"""Streaming spreadsheet writers: XLSX, ODS and a zip of CSV files, with formula neutralisation.

Each writer takes a list of :class:`Sheet` whose rows are an iterator, and
writes them one by one: memory does not grow with the number of rows.

- XLSX: openpyxl in write-only mode.
- ODS: the ODF XML is written straight into the zip (``mimetype`` first and
  stored uncompressed), because odfpy builds the whole document in memory.
- CSV: one file per sheet in a zip, UTF-8 with a BOM, separated by semicolons,
  as French spreadsheets expect.

Numbers and dates are typed cells in XLSX and ODS, with number formats where they change what is shown (counts
``216 000``, scores ``27,3``, dates ``29/11/2026``), and the header row is frozen.
Text cells are written as text cells, unchanged: in XLSX and ODS a text cell
cannot run, so a Markdown list ``- …`` or a text starting with ``=`` shows as
written. Only CSV, where a spreadsheet guesses each cell's type, prefixes a text
that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) with
an apostrophe.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 forbids: they would make the ODS file unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_INVALID = re.compile(r"[\[\]\*\?/\\:]")


@dataclass
class Sheet:
    """One sheet: a name, its header row and a function that yields its rows (called once per writer)."""

    name: str
    headers: Sequence[str]
    rows: Callable[[], Iterable[Sequence[Any]]]
    slug: str = ""

    @property
    def file_stem(self) -> str:
        return self.slug or re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "sheet"


def neutralise(value: Any) -> Any:
    """Make a CSV text cell harmless: prefix an apostrophe when a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def cell_value(value: Any) -> Any:
    """Bring a database value to what every format can store: local naive datetimes, no lazy strings."""
    if isinstance(value, str):
        if _XML_INVALID.search(value):  # control characters no spreadsheet accepts
            value = _XML_INVALID.sub("", value)
        return value
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, datetime.date | decimal.Decimal):
        return value
    return cell_value(str(value))


def _clean_row(row: Sequence[Any]) -> list[Any]:
    return [cell_value(value) for value in row]


# --- XLSX -------------------------------------------------------------------


XLSX_INTEGER = "#,##0"
XLSX_DECIMAL = "#,##0.0"
XLSX_DATE = "dd/mm/yyyy"
XLSX_DATETIME = "dd/mm/yyyy hh:mm"


# A number format is given only where it changes what a spreadsheet shows: integers of four digits or
# more (« 216 000 »), decimals but those with one digit after the point under a thousand (« 100,0 »,
# « 27,3 » for 27.25), dates. Smaller integers look the same in the General format,
# so they go to openpyxl as plain values, which it types itself. A formatted cell is one WriteOnlyCell per
# column and format, styled once and given each row's value: openpyxl writes a row as soon as it is
# appended, so the same cell can carry the next row's value.
_XLSX_FORMATS: dict[type, str] = {
    int: XLSX_INTEGER,
    float: XLSX_DECIMAL,
    decimal.Decimal: XLSX_DECIMAL,
    datetime.datetime: XLSX_DATETIME,
    datetime.date: XLSX_DATE,
}
_TEXT = "text"  # the key of a column's text cell, for the texts openpyxl would take for formulas


class _XlsxCells:
    """Turns a sheet's rows into what openpyxl's write-only sheet appends, reusing its styled cells."""

    def __init__(self, worksheet: Any) -> None:
        self.worksheet = worksheet
        self.styled: dict[tuple[int, type | str], Any] = {}

    def _cell(self, column: int, key: type | str) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.worksheet)
        if key != _TEXT:
            cell.number_format = _XLSX_FORMATS[key]
        self.styled[column, key] = cell
        return cell

    def row(self, row: Sequence[Any]) -> list[Any]:
        """The row's cells: numbers and dates typed, text as text (never a formula)."""
        cells: list[Any] = []
        styled = self.styled
        for column, raw in enumerate(row):
            kind = type(raw)
            if kind is str:
                value = _XML_INVALID.sub("", raw) if _XML_INVALID.search(raw) else raw
                if value.startswith("="):  # openpyxl would store it as a formula
                    cell = styled.get((column, _TEXT))
                    if cell is None:
                        cell = self._cell(column, _TEXT)
                    cell.value = value
                    cell.data_type = "s"
                    cells.append(cell)
                else:
                    cells.append(value)
                continue
            if (kind is int and -1000 < raw < 1000) or raw is None or kind is bool:
                cells.append(raw)
                continue
            value = cell_value(raw)
            kind = type(value)
            if kind not in _XLSX_FORMATS:
                cells.append(value)  # text (a lazy string, say) or a type openpyxl knows
                continue
            if (kind is int and -1000 < value < 1000) or (
                kind is float and -1000 < value < 1000 and not value.is_integer() and (value * 10).is_integer()
            ):  # 27.5 reads « 27,5 » in the General format too
                cells.append(value)
                continue
            cell = styled.get((column, kind))
            if cell is None:
                cell = self._cell(column, kind)
            cell.value = value
            cells.append(cell)
        return cells


def write_xlsx(target: Path | io.BufferedIOBase, sheets: Sequence[Sheet]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=_sheet_title(sheet.name))
        # In write-only mode the sheet view is written with the first row: freeze before any row.
        worksheet.freeze_panes = "A2"
        header = []
        for title in sheet.headers:
            cell = WriteOnlyCell(worksheet, value=str(title))
            cell.data_type = "s"
            cell.font = bold
            header.append(cell)
        worksheet.append(header)
        append, cells = worksheet.append, _XlsxCells(worksheet).row
        for row in sheet.rows():
            append(cells(row))
    workbook.save(target)


def _sheet_title(name: str) -> str:
    return _SHEET_NAME_INVALID.sub(" ", name)[:31] or "Sheet"


# --- ODS --------------------------------------------------------------------

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{ODS_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_ODS_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<office:document-styles {_ODS_NAMESPACES} office:version="1.2"><office:styles/></office:document-styles>'
)
_ODS_CONTENT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<office:document-content {_ODS_NAMESPACES} office:version="1.2">'
    "<office:automatic-styles>"
    '<number:date-style style:name="N_DATE"><number:day number:style="long"/><number:text>/</number:text>'
    '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>'
    "</number:date-style>"
    '<number:date-style style:name="N_DATETIME"><number:day number:style="long"/><number:text>/</number:text>'
    '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>'
    '<number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text>'
    '<number:minutes number:style="long"/></number:date-style>'
    '<style:style style:name="ce_head" style:family="table-cell"><style:text-properties fo:font-weight="bold"/>'
    "</style:style>"
    '<style:style style:name="ce_date" style:family="table-cell" style:data-style-name="N_DATE"/>'
    '<style:style style:name="ce_datetime" style:family="table-cell" style:data-style-name="N_DATETIME"/>'
    "</office:automatic-styles><office:body><office:spreadsheet>"
)
_ODS_CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def _ods_text(value: str) -> str:
    value = _XML_INVALID.sub("", value)
    paragraphs = value.replace("\r\n", "\n").split("\n")
    return "".join(f"<text:p>{escape(line)}</text:p>" for line in paragraphs)


def _ods_cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        flag = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}">'
            f"<text:p>{flag.upper()}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float | decimal.Decimal):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, datetime.datetime):
        return (
            f'<table:table-cell table:style-name="ce_datetime" office:value-type="date" '
            f'office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y %H:%M}</text:p></table:table-cell>'
        )
    if isinstance(value, datetime.date):
        return (
            f'<table:table-cell table:style-name="ce_date" office:value-type="date" '
            f'office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y}</text:p></table:table-cell>'
        )
    return f'<table:table-cell office:value-type="string">{_ods_text(str(value))}</table:table-cell>'


def _ods_rows(sheet: Sheet) -> Iterator[str]:
    header = "".join(
        f'<table:table-cell table:style-name="ce_head" office:value-type="string">{_ods_text(str(t))}'
        "</table:table-cell>"
        for t in sheet.headers
    )
    yield f"<table:table-header-rows><table:table-row>{header}</table:table-row></table:table-header-rows>"
    for row in sheet.rows():
        yield "<table:table-row>" + "".join(_ods_cell(value) for value in _clean_row(row)) + "</table:table-row>"


def write_ods(target: Path | io.BufferedIOBase, sheets: Sequence[Sheet]) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # The mimetype comes first and uncompressed, so that tools recognise the file from its first bytes.
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr(
            "meta.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-meta {_ODS_NAMESPACES} office:version="1.2"><office:meta>'
            "<meta:generator>Défis</meta:generator></office:meta></office:document-meta>",
        )
        archive.writestr("styles.xml", _ODS_STYLES)
        with archive.open("content.xml", "w") as raw:
            stream = io.BufferedWriter(raw, buffer_size=1 << 16)
            stream.write(_ODS_CONTENT_HEAD.encode())
            for sheet in sheets:
                stream.write(f"<table:table table:name={quoteattr(_sheet_title(sheet.name))}>".encode())
                columns = max(len(sheet.headers), 1)
                stream.write(f'<table:table-column table:number-columns-repeated="{columns}"/>'.encode())
                buffer: list[str] = []
                for xml in _ods_rows(sheet):
                    buffer.append(xml)
                    if len(buffer) >= 500:
                        stream.write("".join(buffer).encode())
                        buffer.clear()
                stream.write("".join(buffer).encode())
                stream.write(b"</table:table>")
            stream.write(_ODS_CONTENT_TAIL.encode())
            stream.flush()
            stream.detach()


# --- CSV --------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float | decimal.Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, bool):
        return "oui" if value else "non"
    return value


def write_csv_zip(target: Path | io.BufferedIOBase, sheets: Sequence[Sheet]) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sheet in sheets:
            with (
                archive.open(f"{sheet.file_stem}.csv", "w") as raw,
                io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text,
            ):
                writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
                writer.writerow([neutralise(str(title)) for title in sheet.headers])
                for row in sheet.rows():
                    # Only text is guarded: a number written in French (« -4,5 ») is no formula.
                    writer.writerow(
                        [
                            _csv_value(value) if _is_number(value) else neutralise(_csv_value(value))
                            for value in _clean_row(row)
                        ]
                    )


WRITERS: dict[str, Callable[[Path | io.BufferedIOBase, Sequence[Sheet]], None]] = {
    "xlsx": write_xlsx,
    "ods": write_ods,
    "csv": write_csv_zip,
}
