"""``send-mail`` (the mail sender), ``send-test-mail``, and from cron ``send-reminders`` and
``send-feedback-requests``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import PublicAddressMissing
from business_corner.mail.composer import composer_for
from business_corner.mail.sender import deliver_now, run_sender
from business_corner.rules import feedback_timing
from business_corner.services.addresses import InvalidAddress, normalise_address
from business_corner.services.feedback import queue_feedback_requests
from business_corner.services.mail.delivery import DeliveryReport
from business_corner.services.notifications import queue_mail_check
from business_corner.services.reminders import queue_reminders


def _composer_or_exit(app: Flask) -> None:
    """A command that would compose mail without a site address says so and stops."""
    try:
        composer_for(app)
    except PublicAddressMissing as error:
        raise click.ClickException(str(error)) from error


def _echo_report(report: DeliveryReport) -> None:
    click.echo(
        f"sent {report.sent}, failed {report.failed} (failures are retried later)"
        + (f", {report.gave_up} given up" if report.gave_up else "")
        + (f", {report.dropped} overtaken by events" if report.dropped else "")
    )


@click.command("send-mail")
@with_appcontext
@click.option("--loop", is_flag=True, help="Keep going: the mail sender process.")
@click.option(
    "--interval", default=1.0, show_default=True, help="Longest wait between rounds, in seconds."
)
def send_mail_command(loop: bool, interval: float) -> None:
    """Deliver pending mail (and retry what failed before); with --loop, keep delivering."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined] # the proxy's target
    _composer_or_exit(app)
    if loop:
        run_sender(app, interval, _echo_report)
    else:
        _echo_report(deliver_now(app, utcnow()))


@click.command("send-test-mail")
@with_appcontext
@click.argument("address")
@click.option("--language", type=click.Choice(["fr", "en"]), default=None)
def send_test_mail_command(address: str, language: str | None) -> None:
    """Queue a message that checks the mail set-up; the sender delivers it."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined] # the proxy's target
    _composer_or_exit(app)
    try:
        recipient = normalise_address(address)
    except InvalidAddress as error:
        raise click.BadParameter("not a valid e-mail address", param_hint="ADDRESS") from error
    queue_mail_check(
        db.session(), recipient, language or app.config["BABEL_DEFAULT_LOCALE"], utcnow()
    )
    click.echo("queued; the mail sender (send-mail --loop) delivers it within seconds")


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

    Run it from cron or a systemd timer, every 15 minutes or so; the mail sender
    (`send-mail --loop`) delivers what it queues.
    """
    app = current_app
    hours = float(app.config["REMINDER_HOURS_BEFORE"]) if hours is None else hours
    queued = queue_reminders(db.session(), utcnow(), hours)
    click.echo(f"queued {len(queued)} reminder(s); the mail sender delivers them")


@click.command("send-feedback-requests")
@with_appcontext
def send_feedback_requests_command() -> None:
    """Queue the feedback form for people who came, the day after their session; never twice.

    Run it from cron or a systemd timer, every 15 minutes or so, like send-reminders; the
    mail sender (`send-mail --loop`) delivers what it queues.
    """
    queued = queue_feedback_requests(db.session(), utcnow(), feedback_timing())
    click.echo(f"queued {len(queued)} feedback request(s); the mail sender delivers them")
