"""Exports as typed sheets, written out as CSV (for other tools) or as .xlsx (for Excel).

A list is built once as a ``Sheet`` of typed cells; each format decides how to write a
type. French Excel expects ``;`` in a CSV and shows a comma-separated file as one column,
so the .xlsx is the one to open in Excel: dates are dates there and counts are numbers, and
every text cell is written as a string, so a name starting with ``=`` is shown as typed
and never evaluated (no apostrophe added). The CSV keeps its defused text cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.cell.cell import Cell as WorkbookCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

Cell = str | int | float | datetime | date | time | None

#: A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's own number formats for dates and times (shown in the reader's regional style).
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_DATE_FORMAT = "yyyy-mm-dd"
_TIME_FORMAT = "hh:mm"
#: Columns are sized to their content, within reason.
_WIDEST_COLUMN = 50
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class Sheet:
    """A header (already in the reader's language) and rows of typed cells."""

    title: str
    header: Sequence[str]
    rows: list[Sequence[Cell]] = field(default_factory=list)


def spreadsheet_safe(value: str) -> str:
    """Defuse a CSV cell a spreadsheet would run as a formula, by prefixing a quote."""
    return "'" + value if value.startswith(_FORMULA_TRIGGERS) else value


def to_csv(sheet: Sheet, format_moment: Callable[[datetime], str]) -> str:
    """CSV, UTF-8 with a BOM so that Excel reads accents right; every cell formula-safe.

    ``format_moment`` writes a date and time in the reader's language.
    """
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([spreadsheet_safe(_as_text(cell, format_moment)) for cell in row])
    return output.getvalue()


def _as_text(cell: Cell, format_moment: Callable[[datetime], str]) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return format_moment(cell)
    if isinstance(cell, time):
        return cell.strftime("%H:%M")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def to_xlsx(sheet: Sheet) -> bytes:
    """An Excel workbook of one sheet: typed cells, text never read as a formula.

    Datetimes must be local wall-clock times already (Excel has no time zones); an aware
    datetime is written as the wall-clock time it carries.
    """
    workbook = Workbook()
    worksheet = workbook.active
    # Narrows the type for mypy: a new workbook always has its first sheet.
    assert worksheet is not None  # noqa: S101
    # Excel refuses sheet titles over 31 characters or with []:*?/\ in them.
    worksheet.title = "".join(c for c in sheet.title if c not in "[]:*?/\\")[:31] or "Sheet"
    widths = [len(title) for title in sheet.header]
    for column, title in enumerate(sheet.header, start=1):
        _write_text(worksheet.cell(row=1, column=column), title).font = _BOLD
    for row_number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = worksheet.cell(row=row_number, column=column)
            _write(cell, value)
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], _shown_width(value))
    for column, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = min(
            width + 2, _WIDEST_COLUMN
        )
    worksheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write(cell: WorkbookCell, value: Cell) -> None:
    if value is None:
        return
    if isinstance(value, str):
        _write_text(cell, value)
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None, microsecond=0)  # Excel keeps milliseconds at best
        cell.number_format = _DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = _DATE_FORMAT
    elif isinstance(value, time):
        cell.value = value
        cell.number_format = _TIME_FORMAT
    else:
        cell.value = value


def _write_text(cell: WorkbookCell, value: str) -> WorkbookCell:
    # openpyxl reads a string starting with "=" as a formula; a string cell is shown as typed.
    cell.value = value
    cell.data_type = TYPE_STRING
    return cell


def _shown_width(value: Cell) -> int:
    if isinstance(value, datetime):
        return len(_DATETIME_FORMAT)
    return len(str(value)) if value is not None else 0
