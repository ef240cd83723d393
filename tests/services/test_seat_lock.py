"""Every seat change takes the session's seat lock before it counts, whatever the settings.

The race test's control run removes the lock from tests/support; nothing in the
application's own settings can (``SEAT_LOCKING`` once could, and is set here to prove it
no longer does).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from business_corner.extensions import db
from business_corner.models import Organiser
from business_corner.services.privacy import erase_registration
from business_corner.services.registration import cancel_registration, register
from business_corner.services.reminders import queue_reminders
from business_corner.services.sessions import cancel_session
from tests.support.applicants import applicant
from tests.support.mail import composer
from tests.support.statements import recorded

#: How each database shows the lock being taken.
LOCK = {"sqlite": "BEGIN IMMEDIATE", "postgresql": "FOR UPDATE"}

Operation = Callable[[int, int, int, datetime], object]
OPERATIONS: dict[str, Operation] = {
    "first sign-up": lambda event, _reg, _org, now: register(
        db.session, event, applicant("new@example.com"), now=now
    ),
    "sign-up again": lambda event, _reg, _org, now: register(
        db.session, event, applicant(), now=now
    ),
    "cancel a place": lambda _event, reg, _org, now: cancel_registration(db.session, reg, now=now),
    "erase a place": lambda _event, reg, _org, now: erase_registration(
        db.session, reg, now=now, write_out=composer()
    ),
    "cancel the session": lambda event, _reg, org, now: cancel_session(
        db.session, db.session.get_one(Organiser, org), event, now=now
    ),
    "send reminders": lambda _event, _reg, _org, now: queue_reminders(
        db.session, now, hours_before=24 * 30
    ),
}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_seat_change_locks_first_whatever_the_settings(
    operation, make_app, organiser, marseille, make_session, now
):
    event = make_session(marseille, capacity=1)
    registration = register(db.session, event.id, applicant(), now=now).registration_id
    ids = (event.id, registration, organiser.id)
    unlocked = make_app(SEAT_LOCKING=False, SEAT_CHECK_DELAY_SECONDS=0.5)
    with unlocked.app_context(), recorded(db.engine) as seen:
        OPERATIONS[operation](*ids, now)
        lock = LOCK[db.engine.dialect.name]
    locks = [index for index, statement in enumerate(seen) if lock in statement]
    counts = [index for index, statement in enumerate(seen) if "count(" in statement.lower()]
    assert locks, f"{operation}: no {lock!r} among {seen}"
    assert not counts or locks[0] < counts[0], f"{operation}: counted before locking"
