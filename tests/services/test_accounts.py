"""Chapters and organiser accounts, as staff create them (the rules, without the command)."""

from __future__ import annotations

import pytest

from business_corner.extensions import db
from business_corner.models import Chapter, Organiser
from business_corner.services.addresses import InvalidAddress
from business_corner.services.chapters import (
    ChapterExists,
    UnknownTimeZone,
    create_chapter,
    slug_for,
)
from business_corner.services.organisers import (
    OrganiserExists,
    UnknownChapter,
    create_organiser,
)
from business_corner.services.passwords import WeakPassword
from business_corner.vocabulary import Role

STRONG = "plum tractor origami"


def test_a_chapter_gets_a_slug_from_its_name_and_a_normalised_contact(app):
    chapter = create_chapter(
        db.session, " Aix-en-Provence ", zone="Europe/Paris", contact="Aix@CCI.example"
    )
    assert (chapter.name, chapter.slug, chapter.contact_email) == (
        "Aix-en-Provence",
        "aix-en-provence",
        "aix@cci.example",
    )
    assert slug_for("Éguilles & Saint-Cannat") == "eguilles-saint-cannat"


def test_a_chapter_is_refused_for_a_clash_a_bad_zone_or_a_bad_contact(app, marseille):
    with pytest.raises(ChapterExists):
        create_chapter(db.session, "MARSEILLE", zone="Europe/Paris", contact="a@b.example")
    with pytest.raises(ChapterExists):
        create_chapter(
            db.session, "Other", zone="Europe/Paris", contact="a@b.example", slug=marseille.slug
        )
    with pytest.raises(UnknownTimeZone):
        create_chapter(db.session, "Mars", zone="Mars/Olympus", contact="a@b.example")
    with pytest.raises(InvalidAddress):
        create_chapter(db.session, "Nice", zone="Europe/Paris", contact="not an address")
    assert db.session.scalars(db.select(Chapter.name)).all() == ["Marseille"]


def test_an_organiser_joins_the_chapter_named_in_any_case(app, marseille):
    organiser = create_organiser(
        db.session, "Zoe@Example.org", chapter_name="marseille", name="Zoé", password=STRONG
    )
    assert (organiser.email, organiser.chapter_id) == ("zoe@example.org", marseille.id)
    assert organiser.check_password(STRONG)
    assert organiser.role is Role.ADMIN  # the command line makes a chapter's first admin


def test_an_organiser_is_refused_for_bad_input_and_nothing_is_written(app, marseille):
    create_organiser(
        db.session, "zoe@example.org", chapter_name="Marseille", name="", password=STRONG
    )
    for email, chapter, password, error in (
        ("a@b.org", "Marseille", "x" * 9, WeakPassword),
        ("a@b.org", "Marseille", "password2024", WeakPassword),
        ("a@b.org", "Paris", STRONG, UnknownChapter),
        ("nope", "Marseille", STRONG, InvalidAddress),
        ("ZOE@example.org", "Marseille", STRONG, OrganiserExists),
    ):
        with pytest.raises(error):
            create_organiser(db.session, email, chapter_name=chapter, name="", password=password)
    assert db.session.scalars(db.select(Organiser.email)).all() == ["zoe@example.org"]
