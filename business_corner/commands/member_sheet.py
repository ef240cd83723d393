"""Reading the tandem members' sheet: ``name, chapter, english_level, french_level, sector,
offers, seeks, hours`` (the last four optional), and the history sheet ``a, b``.

Read like the attendee sheet (``attendee_sheet``): UTF-8 with or without BOM, commas or
French Excel's semicolons, columns in any order, sectors as codes or labels in either
language. Several sectors or hour ranges in one cell are separated by ``;`` and the cell is
quoted, as every spreadsheet writes it. Every bad row is reported with its line.
"""

from __future__ import annotations

import _csv
from collections.abc import Mapping, Sequence

from flask_babel import force_locale

from business_corner.commands.attendee_sheet import (
    SheetError,
    accepted_sectors,
    cell_at,
    decode_sheet,
    folded,
    read_level,
    read_sector,
    sector_names,
    sheet_rows,
)
from business_corner.services.city_times import City
from business_corner.services.errors import DomainError
from business_corner.services.tandems.hours import DEFAULT_HOURS, WeeklyHours, parse_hours
from business_corner.services.tandems.members import Member
from business_corner.services.tandems.planner import history_key
from business_corner.vocabulary import Level, Sector

REQUIRED = ("name", "chapter", "english_level", "sector")
OPTIONAL = ("french_level", "offers", "seeks", "hours")


def _header(
    reader: _csv.Reader, required: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, int]:
    header = [c.strip().casefold() for c in next(reader, [])]
    missing = [column for column in required if column not in header]
    if missing:
        raise SheetError(
            [
                (
                    1,
                    f"missing column(s) {', '.join(missing)}; the first line must name the "
                    f"columns {', '.join(required)}"
                    + (f" (and optionally {', '.join(optional)})" if optional else ""),
                )
            ]
        )
    return {column: header.index(column) for column in (*required, *optional) if column in header}


def read_members(data: bytes, chapters: Mapping[str, City]) -> list[Member]:
    """Members keyed by their line; ``chapters`` maps each tandem city's slug to its city.

    ``SheetError`` lists every bad row: unknown chapter, level or sector, hours that cannot
    be read, a member without any usable hour, a name given twice.
    """
    reader = sheet_rows(decode_sheet(data))
    position = _header(reader, REQUIRED, OPTIONAL)
    sectors = sector_names()
    by_name = {folded(city.name): slug for slug, city in chapters.items()}
    members: list[Member] = []
    problems: list[tuple[int, str]] = []
    first_seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(value.strip() for value in row):
            continue
        cells = {column: cell_at(row, index) for column, index in position.items()}
        row_problems: list[str] = []
        name = " ".join(cells["name"].split())
        if not name:
            row_problems.append("the name is empty")
        elif name.casefold() in first_seen:
            row_problems.append(
                f"{name} is already on line {first_seen[name.casefold()]}; "
                "names must tell people apart"
            )
        chapter = cells["chapter"].strip()
        slug = (
            chapter.casefold() if chapter.casefold() in chapters else by_name.get(folded(chapter))
        )
        if slug is None:
            row_problems.append(f"unknown chapter {chapter!r}; use {' or '.join(sorted(chapters))}")
        english = read_level(cells["english_level"], row_problems)
        french = _optional_level(cells.get("french_level", ""), row_problems)
        sector = read_sector(cells["sector"], sectors, row_problems)
        offers = _sector_list(cells.get("offers", ""), sectors, "offers", row_problems)
        seeks = _sector_list(cells.get("seeks", ""), sectors, "seeks", row_problems)
        hours = _hours(cells.get("hours", ""), row_problems)
        if row_problems or slug is None or english is None or sector is None or hours is None:
            problems += [(line, problem) for problem in row_problems]
            continue
        first_seen[name.casefold()] = line
        members.append(
            Member(
                key=str(line),
                name=name,
                city=slug,
                zone=chapters[slug].zone,
                english=english,
                french=french,
                sector=sector,
                offers=offers,
                seeks=seeks,
                hours=hours,
            )
        )
    if problems:
        raise SheetError(problems)
    return members


def _optional_level(value: str, problems: list[str]) -> Level | None:
    if not value.strip():
        return None
    found = read_level(value.strip(), problems)
    if found is None:
        problems[-1] = "french_level: " + problems[-1]
    return found


def _sector_list(
    value: str, names: Mapping[str, Sector], column: str, problems: list[str]
) -> frozenset[Sector]:
    found = set()
    for item in value.split(";"):
        if not item.strip():
            continue
        sector = names.get(folded(item))
        if sector is None:
            problems.append(
                f"{column}: unknown sector {item.strip()!r}; separate sectors with ';' and "
                f"use a code or a label: {accepted_sectors()}"
            )
        else:
            found.add(sector)
    return frozenset(found)


def _hours(value: str, problems: list[str]) -> WeeklyHours | None:
    if not value.strip():
        return DEFAULT_HOURS
    try:
        with force_locale("en"):
            hours = parse_hours(value)
    except DomainError as error:
        problems.append(str(error.message))
        return None
    if not hours.usable:
        problems.append(f"hours {value!r} leave no usable hour: give at least 30 minutes")
        return None
    return hours


def read_history(data: bytes, members: Sequence[Member]) -> frozenset[frozenset[str]]:
    """Pairs (``a``, ``b`` names of the members' sheet) that already met or were vetoed."""
    reader = sheet_rows(decode_sheet(data))
    position = _header(reader, ("a", "b"))
    keys = {member.name.casefold(): member.key for member in members}
    pairs: set[frozenset[str]] = set()
    problems: list[tuple[int, str]] = []
    for row in reader:
        line = reader.line_num
        if not any(value.strip() for value in row):
            continue
        names = [" ".join(cell_at(row, position[column]).split()) for column in ("a", "b")]
        unknown = [name for name in names if name.casefold() not in keys]
        if unknown:
            problems += [
                (line, f"{name!r} is not a name in the members' sheet") for name in unknown
            ]
            continue
        pairs.add(history_key(keys[names[0].casefold()], keys[names[1].casefold()]))
    if problems:
        raise SheetError(problems)
    return frozenset(pairs)
