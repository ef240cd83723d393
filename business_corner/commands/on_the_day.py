"""``confirm-or-release`` and ``record-no-shows``: the on-the-day rules, from cron."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.rules import check_in_rules, confirm_timing
from business_corner.services.check_in import record_no_shows
from business_corner.services.confirmations import run_confirmations


@click.command("confirm-or-release")
@with_appcontext
def confirm_or_release_command() -> None:
    """Ask "still coming?" and release the seats nobody confirmed, for the sessions that
    switched confirm-or-release on (CONFIRM_ASK_HOURS_BEFORE, CONFIRM_RELEASE_HOURS_BEFORE).

    Run it from cron or a systemd timer every 15 minutes or so; it never asks twice nor
    releases twice, and the mail sender (`send-mail --loop`) delivers what it queues.
    """
    report = run_confirmations(db.session(), utcnow(), confirm_timing())
    click.echo(
        f"asked {len(report.asked)} attendee(s); released {len(report.released)} seat(s), "
        f"{len(report.promoted)} person(s) moved up from the waiting list"
    )


@click.command("record-no-shows")
@with_appcontext
def record_no_shows_command() -> None:
    """Record as no-shows the confirmed attendees not checked in at sessions that are over
    (only where check-in was used). Safe to run as often as you like (hourly from cron);
    the attendee list also records them when an organiser opens it."""
    recorded = record_no_shows(db.session(), utcnow(), check_in_rules())
    click.echo(f"recorded {recorded} no-show(s)")
