"""Reading the attendee spreadsheet organisers keep: ``name, level, sector, host`` columns.

Built for what spreadsheets really export: a UTF-8 byte-order mark (Excel's "CSV UTF-8"),
semicolons instead of commas (Excel in French), columns in any order and extra columns,
blank lines, "oui"/"non" (an empty host cell means no), and sectors written as their code
or their English or French label, with or without accents. Every bad row is reported with
its line number, all at once, so that the spreadsheet can be fixed in one go.
"""

from __future__ import annotations

import _csv
import csv
import io
import unicodedata
from collections.abc import Mapping

from flask_babel import force_locale

from business_corner.services.tables import Guest
from business_corner.vocabulary import Level, Sector

COLUMNS = ("name", "level", "sector", "host")
_YES = {"yes", "y", "oui", "o", "true", "1", "x"}
_NO = {"no", "n", "non", "false", "0", ""}
#: Enough to fix a sheet with; listing 500 errors of the same kind helps nobody.
MAX_PROBLEMS_SHOWN = 20


class SheetError(Exception):
    """The sheet cannot be used as it is; ``problems`` are (line number, what is wrong)."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        lines = [f"line {line}: {problem}" for line, problem in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more")
        super().__init__("\n".join(lines))


def read_guests(data: bytes) -> list[Guest]:
    """Guests keyed by their line number, in the sheet's order; ``SheetError`` if any row is bad."""
    reader = sheet_rows(decode_sheet(data))
    header = [cell.strip().casefold() for cell in next(reader, [])]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise SheetError(
            [
                (
                    1,
                    f"missing column(s) {', '.join(missing)}; the first line must "
                    f"name the columns {', '.join(COLUMNS)}",
                )
            ]
        )
    position = {column: header.index(column) for column in COLUMNS}
    sectors = sector_names()
    guests: list[Guest] = []
    problems: list[tuple[int, str]] = []
    first_seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = {column: cell_at(row, index) for column, index in position.items()}
        row_problems = []
        name = " ".join(cells["name"].split())
        if not name:
            row_problems.append("the name is empty")
        elif name.casefold() in first_seen:
            row_problems.append(
                f"{name} is already on line {first_seen[name.casefold()]}; "
                "names must tell people apart"
            )
        level = read_level(cells["level"], row_problems)
        sector = read_sector(cells["sector"], sectors, row_problems)
        host = _host(cells["host"], row_problems)
        if row_problems or level is None or sector is None or host is None:
            problems += [(line, problem) for problem in row_problems]
            continue
        first_seen[name.casefold()] = line
        guests.append(Guest(key=str(line), name=name, level=level, sector=sector, host=host))
    if problems:
        raise SheetError(problems)
    return guests


def sheet_rows(text: str) -> _csv.Reader:
    """The sheet's rows; its header line says whether it is comma- or semicolon-separated
    (Excel in French writes ";"). ``line_num`` of the reader is each row's line."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def decode_sheet(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SheetError(
            [(line, 'this is not UTF-8 text; save the sheet as "CSV UTF-8"')]
        ) from error


def cell_at(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def read_level(value: str, problems: list[str]) -> Level | None:
    try:
        return Level(value.upper())
    except ValueError:
        codes = ", ".join(level.value for level in Level)
        problems.append(
            f"level {value!r} is not a CEFR level ({codes})"
            if value
            else f"the level is empty (one of {codes})"
        )
        return None


def read_sector(value: str, names: Mapping[str, Sector], problems: list[str]) -> Sector | None:
    sector = names.get(folded(value))
    if sector is None:
        accepted = accepted_sectors()
        problems.append(
            f"unknown sector {value!r}; use a code or a label: {accepted}"
            if value
            else f"the sector is empty; use a code or a label: {accepted}"
        )
    return sector


def accepted_sectors() -> str:
    """Every sector as ``code (English label / French label)``, for a refusal message."""
    labels = {}
    for locale in ("en", "fr"):
        with force_locale(locale):
            labels[locale] = {sector: sector.label for sector in Sector}
    return "; ".join(
        f"{sector.value} ({labels['en'][sector]} / {labels['fr'][sector]})" for sector in Sector
    )


def _host(value: str, problems: list[str]) -> bool | None:
    answer = value.casefold()
    if answer in _YES:
        return True
    if answer in _NO:
        return False
    problems.append(f"host must be yes or no, not {value!r}")
    return None


def sector_names() -> dict[str, Sector]:
    """Each sector by its code and by its English and French labels, folded."""
    names = {}
    for locale in ("fr", "en"):
        with force_locale(locale):
            names.update({folded(sector.label): sector for sector in Sector})
    names.update({sector.value: sector for sector in Sector})
    return names


def folded(text: str) -> str:
    """Case, spacing, apostrophes and accents folded: sheets exported by older tools often
    lose the accents ("Numerique & informatique" for "Numérique & informatique")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())
