"""Command-line tools: ``flask --app business_corner <command>``."""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from business_corner.clock import utcnow
from business_corner.commands.plan_tables import plan_tables_command
from business_corner.extensions import db
from business_corner.links import PublicAddressMissing, public_url
from business_corner.mail.composer import composer_for
from business_corner.mail.sender import deliver_now, run_sender
from business_corner.models import Chapter, Organiser
from business_corner.services import demo
from business_corner.services.addresses import InvalidAddress, normalise_address
from business_corner.services.clocks import is_known_zone
from business_corner.services.mail.delivery import DeliveryReport
from business_corner.services.notifications import queue_mail_check
from business_corner.services.privacy import purge
from business_corner.services.reminders import queue_reminders

log = logging.getLogger(__name__)

DEMO_LOGINS_FILE = "demo-logins.txt"
MIN_PASSWORD_LENGTH = 10


def register_commands(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(create_chapter_command)
    app.cli.add_command(create_organiser_command)
    app.cli.add_command(send_mail_command)
    app.cli.add_command(send_test_mail_command)
    app.cli.add_command(send_reminders_command)
    app.cli.add_command(purge_command)
    app.cli.add_command(plan_tables_command)


def _demo_logins_path() -> Path:
    return Path(current_app.instance_path) / DEMO_LOGINS_FILE


@click.command("demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing (but show the logins) if data exists.")
def demo_command(if_empty: bool) -> None:
    """Load demo chapters, organisers and sessions into an empty database."""
    path = _demo_logins_path()
    if not demo.is_empty(db.session):
        if not if_empty:
            raise click.ClickException(
                "the database already has data; demo data goes in an empty one"
            )
        if path.exists():
            click.echo(path.read_text(encoding="utf-8"))
        return
    try:
        login_page = public_url("organiser.login")
    except PublicAddressMissing as error:
        raise click.ClickException(str(error)) from error
    logins = demo.load_demo(db.session, utcnow())
    text = f"Demo organiser logins ({login_page}):\n" + "".join(
        f"  {login.chapter}: {login.email} / {login.password}\n" for login in logins
    )
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    click.echo(text)


@click.command("create-chapter")
@with_appcontext
@click.argument("name")
@click.option("--timezone", "zone", required=True, help="IANA time zone, e.g. Europe/Paris.")
@click.option(
    "--contact", required=True, help="The chapter's address; attendees' replies go there."
)
@click.option("--slug", default="", help="Short name for URLs (default: from the name).")
def create_chapter_command(name: str, zone: str, contact: str, slug: str) -> None:
    """Create a chapter (a city group with its own clock and contact address)."""
    if not is_known_zone(zone):
        raise click.BadParameter(f"unknown time zone {zone!r}", param_hint="--timezone")
    try:
        address = normalise_address(contact)
    except InvalidAddress as error:
        raise click.BadParameter("not a valid e-mail address", param_hint="--contact") from error
    slug = slug or re.sub(
        r"[^a-z0-9]+",
        "-",
        unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower(),
    ).strip("-")
    clash = db.session.scalars(
        select(Chapter).where(
            (func.lower(Chapter.name) == name.strip().lower()) | (Chapter.slug == slug)
        )
    ).first()
    if clash is not None:
        raise click.ClickException(f"a chapter named {clash.name!r} (slug {clash.slug!r}) exists")
    db.session.add(Chapter(name=name.strip(), slug=slug, timezone=zone, contact_email=address))
    db.session.commit()
    click.echo(f"Chapter {name.strip()} created ({zone}, {address}).")


@click.command("create-organiser")
@with_appcontext
@click.argument("email")
@click.option("--chapter", "chapter_name", required=True, help="Chapter name, e.g. Marseille.")
@click.option("--name", default="", help="The organiser's name as colleagues know it.")
@click.password_option(help="Asked for (twice, hidden) when not given.")
def create_organiser_command(email: str, chapter_name: str, name: str, password: str) -> None:
    """Create an organiser account for a chapter."""
    try:
        address = normalise_address(email)
    except InvalidAddress as error:
        raise click.BadParameter("not a valid e-mail address", param_hint="EMAIL") from error
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.BadParameter(
            f"use at least {MIN_PASSWORD_LENGTH} characters", param_hint="password"
        )
    chapter = db.session.scalars(
        select(Chapter).where(func.lower(Chapter.name) == chapter_name.strip().lower())
    ).one_or_none()
    if chapter is None:
        names = ", ".join(db.session.scalars(select(Chapter.name).order_by(Chapter.name)))
        raise click.BadParameter(
            f"no chapter named {chapter_name!r} (known: {names or 'none'})", param_hint="--chapter"
        )
    if db.session.scalars(select(Organiser).where(Organiser.email == address)).first():
        raise click.ClickException(f"an organiser with the address {address} already exists")
    organiser = Organiser(email=address, name=name, chapter=chapter)
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.commit()
    click.echo(f"Organiser {address} created for {chapter.name}.")


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
    app = current_app._get_current_object()  # type: ignore[attr-defined]
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
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    _composer_or_exit(app)
    try:
        recipient = normalise_address(address)
    except InvalidAddress as error:
        raise click.BadParameter("not a valid e-mail address", param_hint="ADDRESS") from error
    queue_mail_check(
        db.session, recipient, language or app.config["BABEL_DEFAULT_LOCALE"], utcnow()
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
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    hours = float(app.config["REMINDER_HOURS_BEFORE"]) if hours is None else hours
    queued = queue_reminders(db.session, utcnow(), hours)
    click.echo(f"queued {len(queued)} reminder(s); the mail sender delivers them")


@click.command("purge")
@with_appcontext
@click.option(
    "--months",
    type=int,
    default=None,
    help="Retention in months after a session (default: RETENTION_MONTHS, 12).",
)
def purge_command(months: int | None) -> None:
    """Anonymise registrations kept longer than the retention period; run it daily."""
    months = int(current_app.config["RETENTION_MONTHS"]) if months is None else months
    report = purge(db.session, utcnow(), months)
    click.echo(
        f"anonymised {report.registrations} registration(s), "
        f"emptied {report.messages} sent message(s)"
    )
