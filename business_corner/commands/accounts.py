"""``create-chapter`` and ``create-organiser``: the accounts staff set up by hand."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from business_corner.extensions import db
from business_corner.services.addresses import InvalidAddress
from business_corner.services.chapters import ChapterExists, UnknownTimeZone, create_chapter
from business_corner.services.organisers import (
    OrganiserExists,
    UnknownChapter,
    create_organiser,
)
from business_corner.services.passwords import WeakPassword
from business_corner.vocabulary import Role


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
    try:
        chapter = create_chapter(db.session(), name, zone=zone, contact=contact, slug=slug)
    except UnknownTimeZone as error:
        raise click.BadParameter(f"unknown time zone {zone!r}", param_hint="--timezone") from error
    except InvalidAddress as error:
        raise click.BadParameter("not a valid e-mail address", param_hint="--contact") from error
    except ChapterExists as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Chapter {chapter.name} created ({chapter.timezone}, {chapter.contact_email}).")


@click.command("create-organiser")
@with_appcontext
@click.argument("email")
@click.option("--chapter", "chapter_name", required=True, help="Chapter name, e.g. Marseille.")
@click.option("--name", default="", help="The organiser's name as colleagues know it.")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.ADMIN.value,
    show_default=True,
    help="admin: everything, and the team; staff: sessions, attendees, tables.",
)
@click.password_option(help="Asked for (twice, hidden) when not given.")
def create_organiser_command(
    email: str, chapter_name: str, name: str, role: str, password: str
) -> None:
    """Create an organiser account for a chapter (its first admin; others are invited)."""
    try:
        organiser = create_organiser(
            db.session(),
            email,
            chapter_name=chapter_name,
            name=name,
            password=password,
            role=Role(role),
        )
    except InvalidAddress as error:
        raise click.BadParameter("not a valid e-mail address", param_hint="EMAIL") from error
    except WeakPassword as error:
        with force_locale("en"):  # the command speaks English, like its other messages
            raise click.BadParameter(str(error.message), param_hint="password") from error
    except UnknownChapter as error:
        raise click.BadParameter(str(error), param_hint="--chapter") from error
    except OrganiserExists as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Organiser {organiser.email} created for {organiser.chapter.name} ({organiser.role})."
    )
