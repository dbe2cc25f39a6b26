"""The streaming writers on their own: neutralisation, types, escaping, many rows."""

from __future__ import annotations

import datetime
import zipfile

import openpyxl
import pytest
from odf import opendocument, table

from innovation.services.spreadsheets import Sheet, cell_value, neutralise, write_csv_zip, write_ods, write_xlsx


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_a_spreadsheet_would_evaluate_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Comment ?", "1=1", "", "a-b", 5, -5, None, 2.5])
def test_other_values_are_left_alone(value):
    assert neutralise(value) == value


def test_aware_datetimes_become_local_naive_ones(settings):
    settings.TIME_ZONE = "Europe/Paris"
    value = datetime.datetime(2018, 7, 9, 8, 30, tzinfo=datetime.UTC)
    assert cell_value(value) == datetime.datetime(2018, 7, 9, 10, 30)  # noqa: DTZ001 - spreadsheets hold local naive times


def _sheet(rows):
    return Sheet(name="Données : test", headers=["Texte", "Nombre", "Date"], rows=lambda: iter(rows), slug="data")


ROWS = [
    ('a < b & "c"\nligne 2', 3, datetime.date(2018, 7, 9)),
    ("=danger", -4.5, datetime.datetime(2018, 7, 9, 10, 30)),  # noqa: DTZ001
    ("contrôle\x01interdit", None, None),
]


def test_xlsx_writer_keeps_types_and_escapes(tmp_path):
    path = tmp_path / "f.xlsx"
    write_xlsx(path, [_sheet(ROWS)])
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Données   test"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ('a < b & "c"\nligne 2', 3)
    assert rows[3][0] == "contrôleinterdit"
    assert rows[2][0] == "=danger" and rows[2][1] == -4.5  # a text cell, unchanged: XLSX text never runs
    assert sheet.cell(row=3, column=1).data_type == "s"
    assert rows[2][2] == datetime.datetime(2018, 7, 9, 10, 30)  # noqa: DTZ001


def test_ods_writer_output_opens_with_odfpy_with_typed_cells(tmp_path):
    path = tmp_path / "f.ods"
    write_ods(path, [_sheet(ROWS)])
    document = opendocument.load(str(path))
    cells = [
        [
            (cell.getAttribute("valuetype"), cell.getAttribute("value"), str(cell))
            for cell in row.getElementsByType(table.TableCell)
        ]
        for row in document.spreadsheet.getElementsByType(table.TableRow)
    ]
    assert cells[1][0][0] == "string" and 'a < b & "c"' in cells[1][0][2]
    assert cells[1][1][:2] == ("float", "3")
    assert cells[2][0][:1] == ("string",) and cells[2][0][2] == "=danger"  # a text cell, unchanged
    assert cells[2][1][:2] == ("float", "-4.5")
    assert "contrôleinterdit" in cells[3][0][2]
    assert zipfile.ZipFile(path).read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"


def test_csv_writer_uses_french_conventions(tmp_path):
    path = tmp_path / "f.zip"
    write_csv_zip(path, [_sheet(ROWS)])
    raw = zipfile.ZipFile(path).read("data.csv")
    assert raw.startswith("\ufeffTexte;Nombre;Date\r\n".encode())
    body = raw.decode("utf-8-sig")
    assert "'=danger;-4,5;09/07/2018 10:30" in body
    assert ";3;09/07/2018" in body


def test_writers_stream_rows_from_a_generator_consumed_once(tmp_path):
    consumed = []

    def rows():
        for index in range(5000):
            consumed.append(index)
            yield (f"ligne {index}", index, None)

    for writer, name in ((write_xlsx, "f.xlsx"), (write_ods, "f.ods"), (write_csv_zip, "f.zip")):
        consumed.clear()
        writer(tmp_path / name, [Sheet(name="s", headers=["a", "b", "c"], rows=rows)])
        assert len(consumed) == 5000
    assert openpyxl.load_workbook(tmp_path / "f.xlsx").active.max_row == 5001


def test_xlsx_number_formats_only_where_they_change_what_is_shown_and_each_row_keeps_its_values(tmp_path):
    rows = [
        (number, number * 1_000, decimal, datetime.date(2018, 7, number), f"=texte {number}")
        for number, decimal in ((1, 1.25), (2, 2.5), (3, 3.25))
    ]
    rows.append((None, None, None, None, None))
    rows.append((-999, -216_000, 100.0, datetime.datetime(2018, 7, 9, 10, 30), "fin"))  # noqa: DTZ001
    path = tmp_path / "f.xlsx"
    sheet = Sheet(name="Types", headers=["Petit", "Grand", "Décimal", "Date", "Texte"], rows=lambda: iter(rows))
    write_xlsx(path, [sheet])

    worksheet = openpyxl.load_workbook(path).active
    assert list(worksheet.iter_rows(min_row=2, values_only=True)) == [
        (1, 1_000, 1.25, datetime.datetime(2018, 7, 1), "=texte 1"),  # noqa: DTZ001
        (2, 2_000, 2.5, datetime.datetime(2018, 7, 2), "=texte 2"),  # noqa: DTZ001
        (3, 3_000, 3.25, datetime.datetime(2018, 7, 3), "=texte 3"),  # noqa: DTZ001
        (None, None, None, None, None),
        (-999, -216_000, 100.0, datetime.datetime(2018, 7, 9, 10, 30), "fin"),  # noqa: DTZ001
    ]
    formats = [[cell.number_format for cell in row] for row in worksheet.iter_rows(min_row=2)]
    # an integer under a thousand reads the same in the General format: it is left a plain number
    assert {row[0] for row in formats} == {"General"}
    assert {row[1] for row in formats if row[1] != "General"} == {"#,##0"}
    # a decimal with one digit after the point reads the same too (« 2,5 »); 1.25 is shown « 1,3 », 100.0 « 100,0 »
    assert [row[2] for row in formats] == ["#,##0.0", "General", "#,##0.0", "General", "#,##0.0"]
    assert [row[3] for row in formats] == ["dd/mm/yyyy"] * 3 + ["General", "dd/mm/yyyy hh:mm"]
    assert all(worksheet.cell(row=row, column=5).data_type == "s" for row in (2, 3, 4, 6))
    assert worksheet.freeze_panes == "A2"
