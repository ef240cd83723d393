"""Signing up: seats, waiting list, duplicates, consent, language — no HTTP."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from business_corner.extensions import db
from business_corner.services import seats
from business_corner.services.addresses import InvalidAddress
from business_corner.services.errors import NotFound
from business_corner.services.registration import (
    PRIVACY_NOTICE_VERSION,
    ConsentRequired,
    RegistrationClosed,
    cancel_registration,
    register,
)
from business_corner.vocabulary import Level, RegistrationStatus, SessionStatus
from tests.support.applicants import applicant
from tests.support.records import outbox, registrations


def test_confirmed_while_seats_remain_then_waitlisted_in_order(marseille, make_session, now):
    event = make_session(marseille, capacity=2)
    for name in ("a", "b", "c", "d"):
        register(db.session, event.id, applicant(f"{name}@example.com"), now=now)

    by_email = {r.email: r for r in registrations()}
    assert [by_email[e].status for e in ("a@example.com", "b@example.com")] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
    ]
    assert by_email["c@example.com"].status is RegistrationStatus.WAITLISTED
    assert seats.waitlist_position(db.session, by_email["c@example.com"]) == 1
    assert seats.waitlist_position(db.session, by_email["d@example.com"]) == 2
    assert [m.kind for m in outbox()] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_registration_keeps_what_the_attendee_gave(marseille, make_session, now):
    event = make_session(marseille)
    register(
        db.session,
        event.id,
        applicant("Ana.Martin@Example.COM", locale="en", level=Level.C1, can_host=True),
        now=now,
    )

    (registration,) = registrations()
    assert registration.email == "ana.martin@example.com"
    assert registration.locale == "en"
    assert registration.level is Level.C1
    assert registration.can_host is True
    assert registration.consent_version == PRIVACY_NOTICE_VERSION
    assert registration.consent_at == now.replace(microsecond=now.microsecond)


def test_same_address_twice_keeps_one_registration_and_mails_its_details(
    marseille, make_session, now
):
    event = make_session(marseille, capacity=5)
    first = register(db.session, event.id, applicant("ana@example.com"), now=now)
    second = register(
        db.session,
        event.id,
        applicant("ANA@example.com", first_name="Mallory"),
        now=now + timedelta(hours=1),
    )

    assert first.created and not second.created
    assert first.registration_id == second.registration_id
    (registration,) = registrations()
    assert registration.first_name == "Ana"  # a repeat cannot overwrite someone's details
    assert [m.kind for m in outbox()] == ["confirmed", "already_registered"]
    assert all(m.recipient == "ana@example.com" for m in outbox())


def test_a_double_submission_sends_one_mail(marseille, make_session, now):
    event = make_session(marseille)
    first = register(db.session, event.id, applicant(), now=now)
    again = register(db.session, event.id, applicant(), now=now + timedelta(minutes=2))
    assert again.registration_id == first.registration_id
    assert [m.kind for m in outbox()] == ["confirmed"]
    assert len(registrations()) == 1


def test_registering_again_after_cancelling_rejoins_at_the_end_of_the_queue(
    marseille, make_session, now
):
    event = make_session(marseille, capacity=1)
    first = register(db.session, event.id, applicant("ana@example.com"), now=now)
    register(db.session, event.id, applicant("ben@example.com"), now=now + timedelta(seconds=1))
    cancel_registration(db.session, first.registration_id, now=now + timedelta(seconds=2))
    again = register(
        db.session, event.id, applicant("ana@example.com"), now=now + timedelta(seconds=3)
    )

    assert again.registration_id == first.registration_id
    by_email = {r.email: r for r in registrations()}
    assert by_email["ben@example.com"].status is RegistrationStatus.CONFIRMED  # promoted
    assert by_email["ana@example.com"].status is RegistrationStatus.WAITLISTED
    assert by_email["ana@example.com"].cancelled_at is None


def test_consent_is_required(marseille, make_session, now):
    event = make_session(marseille)
    with pytest.raises(ConsentRequired):
        register(db.session, event.id, applicant(consent=False), now=now)
    assert registrations() == [] and outbox() == []


def test_invalid_address_is_refused(marseille, make_session, now):
    event = make_session(marseille)
    with pytest.raises(InvalidAddress):
        register(db.session, event.id, applicant("not-an-address"), now=now)
    assert registrations() == []


@pytest.mark.parametrize(
    ("status", "starts_in", "error"),
    [
        (SessionStatus.DRAFT, timedelta(days=3), NotFound),
        (SessionStatus.CANCELLED, timedelta(days=3), RegistrationClosed),
        (SessionStatus.PUBLISHED, timedelta(minutes=-5), RegistrationClosed),
    ],
)
def test_registration_is_closed_outside_a_published_upcoming_session(
    marseille, make_session, now, status, starts_in, error
):
    event = make_session(marseille, status=status, starts_in=starts_in)
    with pytest.raises(error):
        register(db.session, event.id, applicant(), now=now)
    assert registrations() == [] and outbox() == []


def test_unknown_session_is_not_found(app, now):
    with pytest.raises(NotFound):
        register(db.session, 4242, applicant(), now=now)


@pytest.mark.parametrize(
    ("locale", "subject_start", "greeting"),
    [
        ("fr", "Votre place est confirmée", "Bonjour Ana,"),
        ("en", "Your place is confirmed", "Hello Ana,"),
    ],
)
def test_the_confirmation_is_written_in_the_attendees_language(
    marseille, los_angeles, make_session, now, locale, subject_start, greeting
):
    event = make_session(marseille)
    register(db.session, event.id, applicant(locale=locale), now=now)

    (message,) = outbox()
    parsed = message_from_bytes(message.raw, policy=policy.default)
    assert parsed["Subject"].startswith(subject_start)
    assert parsed["Content-Language"] == locale
    text = parsed.get_body(("plain",)).get_content()
    assert greeting in text
    assert "Los Angeles" in text  # the other city's clock
    assert "https://business-corner.test/manage/" in text
    html = parsed.get_body(("html",)).get_content()
    assert f'lang="{locale}"' in html
