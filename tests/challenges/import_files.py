"""Build import files in the three formats for the tests (openpyxl, odfpy, csv)."""

from __future__ import annotations

import csv
import io

from challenges.services.imports import COLUMNS

HEADERS = [column.header for column in COLUMNS]


def challenge_row(number: int | str, **values: object) -> list[object]:
    defaults = {
        "number": number,
        "question": f"Comment simplifier la démarche {number} ?",
        "subject": "Simplifier",
        "organisation": "Ville de Rennes",
        "theme": "",
        "territory": "Rennes",
        "territory_communes": 1,
        "territory_inhabitants": 216000,
        "stakes": "Des **enjeux**",
        "stakeholders": "Les services",
        "users": "Les familles",
        "obstacles": "Le temps",
        "levers": "Le numérique",
    }
    defaults.update(values)
    return [defaults[column.key] for column in COLUMNS]


def csv_bytes(
    rows: list[list[object]], *, headers: list[str] = HEADERS, delimiter: str = ";", bom: bool = True
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(rows: list[list[object]], *, headers: list[str] = HEADERS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows: list[list[object]], *, headers: list[str] = HEADERS) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Défis")
    for values in [headers, *rows]:
        row = TableRow()
        for value in values:
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)
    # What LibreOffice writes after the data: an empty row repeated to the end of the sheet.
    padding = TableRow(numberrowsrepeated=1048000)
    padding.addElement(TableCell(numbercolumnsrepeated=1024))
    table.addElement(padding)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def zip_padded(content: bytes, member: str, *, padding: int) -> bytes:
    """``content`` (an XLSX or ODS) with ``padding`` spaces added inside ``member``'s XML: a zip bomb.

    Whitespace between elements is valid XML, so a parser reads it all; deflate packs it a thousand times,
    so the file stays small on disk.
    """
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                cut = data.rindex(b"</")
                data = data[:cut] + b" " * padding + data[cut:]
            target.writestr(info.filename, data)
    return buffer.getvalue()
