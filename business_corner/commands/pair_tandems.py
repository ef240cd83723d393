"""``flask --app business_corner pair-tandems MEMBERS.csv --from 2027-03-08 --days 14``:
tandem pairs from a spreadsheet, for organisers who work from one.

Output is English (a staff tool): a readable list with both cities' local times, or with
``--json`` the pairs (UTC start, minutes, why) and the unpaired (why) for another program.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from sqlalchemy import select

from business_corner.commands.attendee_sheet import SheetError
from business_corner.commands.member_sheet import read_history, read_members
from business_corner.extensions import db
from business_corner.models import Chapter
from business_corner.services.city_times import City
from business_corner.services.errors import DomainError
from business_corner.services.tandems.members import Member
from business_corner.services.tandems.planner import Pairing, TandemRequest, pair_members
from business_corner.services.tandems.reasons import say, say_all
from business_corner.services.tandems.slots import MAX_DAYS, SLOT, Period


def _chapters() -> dict[str, City]:
    cities = tuple(current_app.config["TANDEM_CHAPTERS"])
    rows = db.session.execute(
        select(Chapter.slug, Chapter.name, Chapter.timezone).where(Chapter.slug.in_(cities))
    ).all()
    found = {slug: City(name, zone) for slug, name, zone in rows}
    missing = [slug for slug in cities if slug not in found]
    if missing:
        raise click.ClickException(
            f"the tandem chapters {', '.join(missing)} do not exist in the database "
            "(create them with create-chapter, or set TANDEM_CHAPTERS)"
        )
    return found


@click.command("pair-tandems")
# The app's translation catalogue reads French sector labels; the database holds the chapters.
@with_appcontext
@click.argument("members", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--from",
    "first_day",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="First day of the round (YYYY-MM-DD), on each member's own clock.",
)
@click.option(
    "--days",
    type=click.IntRange(1, MAX_DAYS),
    default=14,
    show_default=True,
    help="Length of the round, in days.",
)
@click.option(
    "--history",
    "history_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of a, b: pairs that already met or were vetoed (never paired again).",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Another seed may give another pairing of the same quality; the same, the same.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON: pairs and unpaired, with why.")
def pair_tandems_command(
    members: Path,
    first_day: datetime,
    days: int,
    history_file: Path | None,
    seed: int,
    as_json: bool,
) -> None:
    """Pair Marseille and Los Angeles members from a CSV of name, chapter, english_level,
    french_level, sector, offers, seeks, hours."""
    chapters = _chapters()
    with force_locale("en"):
        try:
            people = read_members(members.read_bytes(), chapters)
        except SheetError as error:
            raise click.ClickException(f"{members}:\n{error}") from error
        if not people:
            raise click.ClickException(f"{members} has no member rows under its header")
        history: frozenset[frozenset[str]] = frozenset()
        if history_file is not None:
            try:
                history = read_history(history_file.read_bytes(), people)
            except SheetError as error:
                raise click.ClickException(f"{history_file}:\n{error}") from error
        cities = tuple(current_app.config["TANDEM_CHAPTERS"])
        try:
            period = Period(first_day.date(), days)
            pairing = pair_members(
                TandemRequest(people, (cities[0], cities[1]), period, history, seed)
            )
        except DomainError as error:
            raise click.ClickException(str(error.message)) from error
        by_key = {member.key: member for member in people}
        if as_json:
            click.echo(json.dumps(_as_json(pairing, by_key, chapters), ensure_ascii=False))
        else:
            click.echo(_as_text(pairing, by_key, chapters, period.first_day, days))


def _names(a: Member, b: Member) -> dict[str, str]:
    return {"a": a.first_name, "b": b.first_name}


def _unpaired_names(member: Member, chapters: dict[str, City]) -> dict[str, str]:
    other = next(city for slug, city in chapters.items() if slug != member.city)
    return {"city": other.name}


def _as_json(
    pairing: Pairing, members: dict[str, Member], chapters: dict[str, City]
) -> dict[str, Any]:
    return {
        "pairs": [
            {
                "a": members[pair.a].name,
                "b": members[pair.b].name,
                "starts_at": pair.starts_at.isoformat().replace("+00:00", "Z"),
                "minutes": int(SLOT.total_seconds() // 60),
                "why": say_all(pair.why, _names(members[pair.a], members[pair.b])),
            }
            for pair in pairing.pairs
        ],
        "unpaired": [
            {
                "name": members[left.key].name,
                "why": say(left.why, _unpaired_names(members[left.key], chapters)),
            }
            for left in pairing.unpaired
        ],
    }


def _local(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%a %d %b %Y %H:%M")


def _as_text(
    pairing: Pairing,
    members: dict[str, Member],
    chapters: dict[str, City],
    first_day: date,
    days: int,
) -> str:
    lines = [f"Pairs: {len(pairing.pairs)} (round of {days} days from {first_day.isoformat()})"]
    for pair in pairing.pairs:
        a, b = members[pair.a], members[pair.b]
        lines.append(f"  {a.name} ({chapters[a.city].name}) ⇄ {b.name} ({chapters[b.city].name})")
        lines.append(
            f"    {_local(pair.starts_at, a.zone)} {chapters[a.city].name}"
            f" = {_local(pair.starts_at, b.zone)} {chapters[b.city].name}"
            f" ({pair.starts_at:%H:%M} UTC), 30 minutes"
        )
        lines.append(f"    Why: {say_all(pair.why, _names(a, b))}")
    lines.append("")
    lines.append(f"Unpaired: {len(pairing.unpaired)}")
    for left in pairing.unpaired:
        member = members[left.key]
        why = say(left.why, _unpaired_names(member, chapters))
        lines.append(f"  {member.name} ({chapters[member.city].name}): {why}")
    return "\n".join(lines)
