"""Cancelling a place frees the seat for the first person waiting, exactly once."""

from __future__ import annotations

from datetime import timedelta

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services.registration import cancel_registration, register
from business_corner.vocabulary import RegistrationStatus
from tests.support.applicants import applicant
from tests.support.records import outbox, registrations


def _fill(event, now, *emails, locales=None):
    ids = {}
    for index, email in enumerate(emails):
        locale = (locales or {}).get(email, "fr")
        outcome = register(
            db.session,
            event.id,
            applicant(email, locale=locale),
            now=now + timedelta(seconds=index),
        )
        ids[email] = outcome.registration_id
    return ids


def status_of(registration_id):
    return db.session.get(Registration, registration_id).status


def test_cancelling_a_confirmed_place_promotes_the_first_waiting(marseille, make_session, now):
    event = make_session(marseille, capacity=2)
    ids = _fill(event, now, "a@x.fr", "b@x.fr", "c@x.fr", "d@x.fr", locales={"c@x.fr": "en"})

    outcome = cancel_registration(db.session, ids["a@x.fr"], now=now + timedelta(minutes=1))

    assert outcome.cancelled and outcome.promoted_ids == [ids["c@x.fr"]]
    assert status_of(ids["a@x.fr"]) is RegistrationStatus.CANCELLED
    assert status_of(ids["c@x.fr"]) is RegistrationStatus.CONFIRMED
    assert status_of(ids["d@x.fr"]) is RegistrationStatus.WAITLISTED
    promoted = outbox("promoted")
    assert [m.recipient for m in promoted] == ["c@x.fr"]
    assert promoted[0].subject.startswith("A place has opened up")  # in c's language
    assert [m.recipient for m in outbox("registration_cancelled")] == ["a@x.fr"]


def test_cancelling_twice_promotes_only_once(marseille, make_session, now):
    event = make_session(marseille, capacity=1)
    ids = _fill(event, now, "a@x.fr", "b@x.fr", "c@x.fr")

    first = cancel_registration(db.session, ids["a@x.fr"], now=now)
    second = cancel_registration(db.session, ids["a@x.fr"], now=now)

    assert first.cancelled and not second.cancelled and second.promoted_ids == []
    assert status_of(ids["b@x.fr"]) is RegistrationStatus.CONFIRMED
    assert status_of(ids["c@x.fr"]) is RegistrationStatus.WAITLISTED
    assert len(outbox("promoted")) == 1
    assert len(outbox("registration_cancelled")) == 1


def test_leaving_the_waiting_list_promotes_nobody(marseille, make_session, now):
    event = make_session(marseille, capacity=1)
    ids = _fill(event, now, "a@x.fr", "b@x.fr", "c@x.fr")

    outcome = cancel_registration(db.session, ids["b@x.fr"], now=now)

    assert outcome.promoted_ids == []
    assert [r.status for r in registrations()] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.WAITLISTED,
    ]


def test_nobody_is_promoted_once_the_session_has_started(marseille, make_session, now):
    event = make_session(marseille, capacity=1, starts_in=timedelta(hours=1))
    ids = _fill(event, now, "a@x.fr", "b@x.fr")

    outcome = cancel_registration(db.session, ids["a@x.fr"], now=now + timedelta(hours=2))

    assert outcome.cancelled and outcome.promoted_ids == []
    assert status_of(ids["b@x.fr"]) is RegistrationStatus.WAITLISTED
