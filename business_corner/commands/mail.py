"""``send-mail`` (the mail worker) and ``send-reminders`` (from cron)."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.mailer import deliver_now
from business_corner.services.reminders import queue_reminders


@click.command("send-mail")
@with_appcontext
@click.option("--loop", is_flag=True, help="Keep going: a mail worker process.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
def send_mail_command(loop: bool, interval: float) -> None:
    """Deliver pending mail (and retry what failed before)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    while True:
        report = deliver_now(app, utcnow())
        if report.sent or report.failed or not loop:
            click.echo(
                f"sent {report.sent}, failed {report.failed} (failures are retried later)"
                + (f", {report.dropped} overtaken by events" if report.dropped else "")
            )
        if not loop:
            return
        db.session.remove()  # do not hold a connection (or stale objects) while sleeping
        time.sleep(interval)


@click.command("send-reminders")
@with_appcontext
@click.option(
    "--hours",
    type=float,
    default=None,
    help="Remind this many hours before a session (default: REMINDER_HOURS_BEFORE, 24).",
)
def send_reminders_command(hours: float | None) -> None:
    """Queue reminders (with the invite) for sessions starting soon; never twice per person.

    Run it from cron or a systemd timer, every 15 minutes or so; the mail worker or
    `send-mail` delivers what it queues.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    hours = float(app.config["REMINDER_HOURS_BEFORE"]) if hours is None else hours
    queued = queue_reminders(db.session, utcnow(), hours)
    click.echo(f"queued {len(queued)} reminder(s)")
    if queued and app.config["MAIL_DELIVERY"] == "after_response":
        report = deliver_now(app, utcnow(), only=queued)
        click.echo(f"sent {report.sent}, failed {report.failed} (failures are retried later)")
