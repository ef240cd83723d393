"""``demo [--if-empty]``: demo chapters, organisers and sessions for trying the site."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import PublicAddressMissing, public_url
from business_corner.services import demo

DEMO_LOGINS_FILE = "demo-logins.txt"


def _demo_logins_path() -> Path:
    return Path(current_app.instance_path) / DEMO_LOGINS_FILE


@click.command("demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing (but show the logins) if data exists.")
def demo_command(if_empty: bool) -> None:
    """Load demo chapters, organisers and sessions into an empty database."""
    path = _demo_logins_path()
    if not demo.is_empty(db.session()):
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
    logins = demo.load_demo(db.session(), utcnow())
    text = f"Demo organiser logins ({login_page}):\n" + "".join(
        f"  {login.chapter}: {login.email} / {login.password}\n" for login in logins
    )
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    click.echo(text)
