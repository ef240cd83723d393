"""``flask --app business_corner plan-tables ATTENDEES.csv``: a table plan from a spreadsheet.

For organisers who keep their attendees in a spreadsheet. Output is English (a staff tool):
a readable plan, or with ``--json`` the plan and its metrics for another program.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from business_corner.commands.attendee_sheet import SheetError, read_guests
from business_corner.services.tables import (
    Guest,
    Plan,
    PlanMetrics,
    PlanRequest,
    TablePlanError,
    evaluate,
    plan_tables,
)


@click.command("plan-tables")
# The app's translation catalogue is what reads French sector labels in the sheet.
@with_appcontext
@click.argument("attendees", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tables", type=int, help="Number of tables (default: enough for --seats).")
@click.option("--seats", type=int, help="Seats per table, at most (default 6).")
@click.option("--rounds", type=int, default=3, show_default=True, help="Number of rounds.")
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Another seed gives another plan of the same quality; the same, the same plan.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: rounds of tables of names, metrics."
)
def plan_tables_command(
    attendees: Path, tables: int | None, seats: int | None, rounds: int, seed: int, as_json: bool
) -> None:
    """Plan conversation tables from a CSV of name, level, sector, host (yes/no)."""
    # The app's default language is French; staff commands speak English.
    with force_locale("en"):
        try:
            guests = read_guests(attendees.read_bytes())
        except SheetError as error:
            raise click.ClickException(f"{attendees}:\n{error}") from error
        if not guests:
            raise click.ClickException(f"{attendees} has no attendee rows under its header")
        try:
            plan = plan_tables(
                PlanRequest(guests, rounds=rounds, tables=tables, seats_per_table=seats, seed=seed)
            )
        except TablePlanError as error:
            raise click.ClickException(str(error.message)) from error
        metrics = evaluate(plan, guests)
        names = {guest.key: guest for guest in guests}
        if as_json:
            click.echo(json.dumps(_as_json(plan, metrics, names), ensure_ascii=False))
        else:
            click.echo(_as_text(plan, metrics, names))


def _as_json(plan: Plan, metrics: PlanMetrics, guests: dict[str, Guest]) -> dict[str, Any]:
    data = metrics.to_dict()
    data["reasons"] = [
        {**reason.to_dict(), "message": str(reason.message)} for reason in metrics.reasons
    ]
    return {
        "rounds": [
            {"tables": [[guests[key].name for key in table] for table in round_]}
            for round_ in plan.rounds
        ],
        "metrics": data,
    }


def _as_text(plan: Plan, metrics: PlanMetrics, guests: dict[str, Guest]) -> str:
    lines = []
    for number, round_ in enumerate(plan.rounds, start=1):
        lines.append(f"Round {number}")
        for table_number, table in enumerate(round_, start=1):
            lines.append(f"  Table {table_number} ({len(table)} people)")
            lines += [f"    {_describe(guests[key])}" for key in table]
        lines.append("")
    lines.append("How good the plan is (the best possible in brackets)")
    lines += [f"  {label}: {value} ({best})" for label, value, best in _scores(metrics)]
    lines.append(f"  Mean level spread at a table: {metrics.level_spread_mean:.2f} CEFR steps")
    if metrics.reasons:
        lines.append("Why:")
        lines += [f"  - {reason.message}" for reason in metrics.reasons]
    return "\n".join(lines)


def _describe(guest: Guest) -> str:
    role = f"{guest.level.value} host" if guest.host else guest.level.value
    return f"{guest.name} — {role}, {guest.sector.label}"


def _scores(metrics: PlanMetrics) -> Sequence[tuple[str, int, int]]:
    return (
        ("Tables without a host", metrics.tables_without_host, metrics.tables_without_host_bound),
        ("Repeated meetings", metrics.repeated_pairs, metrics.repeated_pairs_bound),
        (
            "Widest level spread at a table (CEFR steps)",
            metrics.level_spread_max,
            metrics.level_spread_max_bound,
        ),
        (
            "Same-sector pairs at a table",
            metrics.same_sector_pairs,
            metrics.same_sector_pairs_bound,
        ),
    )
