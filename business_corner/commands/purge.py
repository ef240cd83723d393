"""``purge [--months N]``: the retention period, applied (run it daily)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.services.privacy import purge


@click.command("purge")
@with_appcontext
@click.option(
    "--months",
    type=int,
    default=None,
    help="Retention in months after a session (default: RETENTION_MONTHS, 12).",
)
def purge_command(months: int | None) -> None:
    """Anonymise registrations kept longer than the retention period, and forget tandem
    sign-ups not confirmed within a week; run it daily."""
    months = int(current_app.config["RETENTION_MONTHS"]) if months is None else months
    report = purge(db.session(), utcnow(), months)
    click.echo(
        f"anonymised {report.registrations} registration(s), "
        f"emptied {report.messages} sent message(s), "
        f"forgot {report.walk_ins} walk-in(s), "
        f"deleted {report.audit_entries} audit entry(ies) "
        f"and {report.invitations} invitation(s) never accepted, "
        f"forgot {report.tandem_members} tandem sign-up(s) never confirmed "
        f"and {report.followers} follow request(s) never confirmed"
    )
