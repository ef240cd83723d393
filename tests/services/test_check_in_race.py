"""Two organisers at two doors tap the same person at the same moment: one check-in, at one
time, reported as a change once (where its one audit entry belongs).

Each tap runs in its own thread, connection and transaction; the first holds its
transaction open a moment after its write, so the second really arrives while it is under
way. The control run removes the check-in's condition ("not checked in yet"): then both
taps count as a check-in and the later one overwrites the time, which the test must see.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import bindparam, func, select, update

from business_corner.extensions import db
from business_corner.models import AuditEntry, Registration
from business_corner.services import check_in as door
from business_corner.services.check_in import CheckInRules
from business_corner.services.registration import register
from business_corner.vocabulary import AuditAction, AuditSubject
from tests.support.applicants import applicant

RULES = CheckInRules()
TAPS = 2


def tap_together(app, organiser_id, event_id, registration_id, now):
    """Both organisers tap at once; returns each tap's outcome.changed, by tap."""
    barrier = threading.Barrier(TAPS)
    changed: dict[int, bool] = {}
    errors: list[BaseException] = []

    def tap(number: int) -> None:
        try:
            with app.app_context():
                from business_corner.models import Organiser

                organiser = db.session.get_one(Organiser, organiser_id)
                db.session.rollback()
                barrier.wait(timeout=10)
                outcome = door.check_in(
                    db.session,
                    organiser,
                    event_id,
                    registration_id,
                    now=now + timedelta(seconds=number),
                    rules=RULES,
                )
                changed[number] = outcome.changed
                db.session.remove()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=tap, args=(number,)) for number in range(TAPS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return changed


@pytest.fixture
def slow_taps(monkeypatch):
    """Each tap keeps its transaction open a little after its write."""
    change = door._change_attendance

    def change_then_wait(*args, **kwargs):
        result = change(*args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(door, "_change_attendance", change_then_wait)


@pytest.fixture
def door_session(app, organiser, marseille, make_session, now):
    event = make_session(marseille, starts_in=timedelta(minutes=30))
    people = [
        register(db.session, event.id, applicant(f"p{n}@x.fr"), now=now).registration_id
        for n in range(3)
    ]
    return app, organiser.id, event.id, people


def test_two_organisers_tapping_the_same_person_make_one_check_in(slow_taps, door_session, now):
    app, organiser_id, event_id, people = door_session
    for person in people:
        changed = tap_together(app, organiser_id, event_id, person, now)

        assert sorted(changed.values()) == [False, True]
        winner = next(number for number, won in changed.items() if won)
        db.session.rollback()  # a fresh read, after the threads' commits
        checked = db.session.get_one(Registration, person)
        assert checked.checked_in_at == now + timedelta(seconds=winner)
        assert check_in_entries(person) == 1


def check_in_entries(registration_id: int) -> int:
    """How many CHECKED_IN entries the audit trail holds for this person."""
    return db.session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(
            AuditEntry.action == AuditAction.CHECKED_IN,
            AuditEntry.subject_type == AuditSubject.REGISTRATION,
            AuditEntry.subject_id == registration_id,
        )
    )


def test_control_without_the_condition_two_taps_make_two_check_ins(
    slow_taps, door_session, now, monkeypatch
):
    """Proof that the test above can fail: an unconditional UPDATE counts both taps."""
    table = Registration.__table__
    monkeypatch.setattr(
        door,
        "CHECK_IN",
        update(table)
        .where(
            table.c.id == bindparam("registration_id"),
            table.c.event_session_id == bindparam("event_id"),
        )
        .values(
            checked_in_at=bindparam("now"),
            checked_in_by_id=bindparam("actor_id"),
            updated_at=bindparam("now"),
        ),
    )
    app, organiser_id, event_id, people = door_session

    changed = tap_together(app, organiser_id, event_id, people[0], now)

    assert list(changed.values()) == [True, True]
    db.session.rollback()
    assert check_in_entries(people[0]) == 2  # what the count above would catch
