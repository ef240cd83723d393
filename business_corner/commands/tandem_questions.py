"""``send-tandem-questions`` (from cron): after each tandem, ask both members how it went."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.services.tandems.outcomes import queue_follow_ups


@click.command("send-tandem-questions")
@with_appcontext
def send_tandem_questions_command() -> None:
    """Queue "did it happen?" and "talk again?" for every tandem that has ended; never twice.

    Run it from cron or a systemd timer, every 15 minutes or so, like send-reminders; the
    mail sender (`send-mail --loop`) delivers what it queues.
    """
    queued = queue_follow_ups(db.session(), utcnow())
    click.echo(f"queued {len(queued)} question(s) about tandems; the mail sender delivers them")
