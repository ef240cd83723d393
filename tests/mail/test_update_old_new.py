"""An update mail shows each changed value as it was and as it is now, in the reader's language."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import force_locale

from business_corner.extensions import db
from business_corner.formatting import format_clock, format_day_and_clock
from business_corner.services.registration import register
from business_corner.services.sessions import update_session
from business_corner.vocabulary import SessionFormat
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.session_details import details_of
from tests.support.team import text_of


def _mails() -> dict[str, str]:
    return {m.recipient: text_of(m).replace("\r\n", "\n") for m in outbox("session_updated")}


def _shown(event, starts_at, ends_at, locale: str) -> str:
    with force_locale(locale):
        return (
            f"{format_day_and_clock(starts_at.astimezone(event.zone))}–"
            f"{format_clock(ends_at.astimezone(event.zone))}"
        )


def test_a_new_time_shows_the_old_and_the_new_one(organiser, marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    old_start, old_end = event.starts_at, event.ends_at
    register(db.session, event.id, applicant("fr@x.fr", locale="fr"), now=now)
    register(db.session, event.id, applicant("en@x.fr", locale="en"), now=now)
    later = old_start + timedelta(days=1, hours=2)

    update_session(
        db.session,
        organiser,
        event.id,
        details_of(event, starts_at=later, ends_at=later + timedelta(hours=1)),
        now=now,
    )

    mails = _mails()
    english, french = mails["en@x.fr"], mails["fr@x.fr"]
    assert f"Before: {_shown(event, old_start, old_end, 'en')}" in english
    assert f"Now: {_shown(event, later, later + timedelta(hours=1), 'en')}" in english
    assert f"Avant\u00a0: {_shown(event, old_start, old_end, 'fr')}" in french
    assert f"Désormais\u00a0: {_shown(event, later, later + timedelta(hours=1), 'fr')}" in french


def test_a_new_place_and_format_show_old_and_new(organiser, marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    register(db.session, event.id, applicant("en@x.fr", locale="en"), now=now)

    update_session(
        db.session,
        organiser,
        event.id,
        details_of(
            event,
            venue="Hôtel de ville, Marseille",
            format=SessionFormat.HYBRID,
            video_url="https://meet.test/new",
        ),
        now=now,
    )

    english = _mails()["en@x.fr"]
    assert "Before: 9 La Canebière, Marseille\n  Now: Hôtel de ville, Marseille" in english
    with force_locale("en"):
        assert f"Before: {SessionFormat.IN_PERSON.label}\n  Now: {SessionFormat.HYBRID.label}" in (
            english
        )


def test_a_new_link_is_written_only_to_those_who_may_see_it(
    organiser, marseille, make_session, now
):
    event = make_session(marseille, capacity=1, format=SessionFormat.ONLINE)
    register(db.session, event.id, applicant("seated@x.fr", locale="en"), now=now)
    register(db.session, event.id, applicant("waiting@x.fr", locale="en"), now=now)

    update_session(
        db.session,
        organiser,
        event.id,
        details_of(event, video_url="https://meet.test/new"),
        now=now,
    )

    mails = _mails()
    assert "Before: https://meet.test/abc\n  Now: https://meet.test/new" in mails["seated@x.fr"]
    assert "The link to join online has changed." in mails["waiting@x.fr"]
    assert "meet.test" not in mails["waiting@x.fr"]
