"""Confirm-or-release: asked once at the first point, seats nobody confirmed released at the
second under the seat lock, the waiting list promoted and told, the released told with a
CANCEL and a way back, and no reminder for them."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession, OutboxMessage, Registration
from business_corner.services import confirmations
from business_corner.services.confirmations import ConfirmTiming, run_confirmations
from business_corner.services.errors import DomainError
from business_corner.services.registration import register
from business_corner.services.reminders import queue_reminders
from business_corner.vocabulary import Notice, RegistrationStatus, StillComing
from tests.calendar.support import calendar_of
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.statements import recorded

TIMING = ConfirmTiming()
LOCK = {"sqlite": "BEGIN IMMEDIATE", "postgresql": "FOR UPDATE"}


@pytest.fixture
def wanted(marseille, make_session, organiser, now):
    """A session in three days with its two seats taken, two people waiting, and
    confirm-or-release switched on."""
    event = make_session(marseille, capacity=2, starts_in=timedelta(days=3))
    ids = {
        name: register(
            db.session, event.id, applicant(f"{name}@x.fr", first_name=name), now=now
        ).registration_id
        for name in ("ana", "ben", "carl", "dora")
    }
    confirmations.set_confirm_or_release(
        db.session, organiser, event.id, True, now=now, timing=TIMING
    )
    return event, ids


def at(event: EventSession, before: timedelta):
    return event.starts_at - before


def registration(registration_id: int) -> Registration:
    db.session.expire_all()
    return db.session.get_one(Registration, registration_id)


def kinds_to(address: str) -> list[str]:
    """The kinds of mail written out for ``address``: the sender drops, unwritten, what
    events have overtaken."""
    return [str(m.kind) for m in outbox() if m.recipient == address and m.raw is not None]


def test_nobody_is_asked_before_the_first_point_and_everyone_seated_once_after(wanted):
    event, ids = wanted
    early = run_confirmations(db.session, at(event, timedelta(hours=49)), TIMING)
    asked = run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    again = run_confirmations(db.session, at(event, timedelta(hours=47)), TIMING)

    assert early.asked == [] and again.asked == []
    assert len(asked.asked) == 2
    assert {registration(i).still_coming for i in ids.values()} == {
        StillComing.WAITING,
        StillComing.NOT_ASKED,
    }
    assert registration(ids["ana"]).still_coming is StillComing.WAITING
    assert registration(ids["carl"]).still_coming is StillComing.NOT_ASKED  # waiting list
    (question,) = [m for m in outbox("still_coming") if m.recipient == "ana@x.fr"]
    assert "/still-coming" in question.raw.decode()
    assert b"text/calendar" not in question.raw


def test_sessions_without_the_switch_are_never_asked(marseille, make_session, now):
    event = make_session(marseille, capacity=1, starts_in=timedelta(days=3))
    register(db.session, event.id, applicant(), now=now)
    report = run_confirmations(db.session, at(event, timedelta(hours=30)), TIMING)
    assert report.asked == [] and report.released == []


def test_at_the_second_point_silent_seats_go_to_the_waiting_list(wanted):
    event, ids = wanted
    run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    confirmations.confirm_still_coming(db.session, ids["ana"], now=at(event, timedelta(hours=40)))
    sequence = registration(ids["ben"]).event_session.calendar_sequence

    assert run_confirmations(db.session, at(event, timedelta(hours=27)), TIMING).released == []
    report = run_confirmations(db.session, at(event, timedelta(hours=26)), TIMING)
    again = run_confirmations(db.session, at(event, timedelta(hours=25)), TIMING)

    assert report.released == [ids["ben"]] and report.promoted == [ids["carl"]]
    assert again.released == [] and again.promoted == []
    ben = registration(ids["ben"])
    assert ben.status is RegistrationStatus.CANCELLED and ben.still_coming is StillComing.RELEASED
    assert registration(ids["ana"]).status is RegistrationStatus.CONFIRMED
    assert registration(ids["carl"]).status is RegistrationStatus.CONFIRMED
    assert registration(ids["dora"]).status is RegistrationStatus.WAITLISTED
    # The promoted person gets their invite; the released one a CANCEL and the way back.
    assert "promoted" in kinds_to("carl@x.fr")
    (released,) = [m for m in outbox("seat_released") if m.recipient == "ben@x.fr"]
    _, data, method = calendar_of(released.raw)
    assert method == "CANCEL"
    assert f"SEQUENCE:{sequence + 1}".encode() in data
    assert "/manage/" in released.raw.decode()


def test_people_seated_after_the_question_are_neither_asked_nor_released(wanted, now):
    event, ids = wanted
    run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    from business_corner.services.registration import cancel_registration

    cancel_registration(db.session, ids["ana"], now=at(event, timedelta(hours=40)))  # carl up

    report = run_confirmations(db.session, at(event, timedelta(hours=26)), TIMING)

    assert report.released == [ids["ben"]] and report.promoted == [ids["dora"]]
    assert registration(ids["carl"]).status is RegistrationStatus.CONFIRMED


def test_released_people_get_no_reminder_even_one_already_queued(wanted):
    event, _ids = wanted
    run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    # A reminder set earlier than the release (a misconfiguration) is queued first...
    queue_reminders(db.session, at(event, timedelta(hours=27)), hours_before=30)
    run_confirmations(db.session, at(event, timedelta(hours=26)), TIMING)
    queue_reminders(db.session, at(event, timedelta(hours=24)), hours_before=24)

    # ... and then overtaken: the released get none; the promoted get theirs.
    assert "reminder" not in kinds_to("ana@x.fr")
    assert "reminder" not in kinds_to("ben@x.fr")
    assert "reminder" in kinds_to("carl@x.fr")


def test_switched_off_before_the_release_nothing_is_released(wanted, organiser):
    event, ids = wanted
    run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    confirmations.set_confirm_or_release(
        db.session, organiser, event.id, False, now=at(event, timedelta(hours=30)), timing=TIMING
    )
    assert run_confirmations(db.session, at(event, timedelta(hours=26)), TIMING).released == []
    assert registration(ids["ana"]).status is RegistrationStatus.CONFIRMED


def test_it_cannot_be_switched_on_after_the_release_point(marseille, make_session, organiser, now):
    event = make_session(marseille, starts_in=timedelta(hours=20))
    with pytest.raises(confirmations.TooLateToSwitch):
        confirmations.set_confirm_or_release(
            db.session, organiser, event.id, True, now=now, timing=TIMING
        )
    db.session.refresh(event)
    assert not event.confirm_or_release


def test_a_confirmation_after_the_release_is_refused_with_the_way_back(wanted):
    event, ids = wanted
    run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    run_confirmations(db.session, at(event, timedelta(hours=26)), TIMING)

    with pytest.raises(confirmations.SeatAlreadyReleased):
        confirmations.confirm_still_coming(
            db.session, ids["ben"], now=at(event, timedelta(hours=25))
        )
    assert registration(ids["ben"]).still_coming_at is None


def test_rejoining_after_a_release_takes_a_free_seat_or_the_end_of_the_queue(wanted):
    event, ids = wanted
    run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    run_confirmations(db.session, at(event, timedelta(hours=26)), TIMING)  # ana, ben out

    later = at(event, timedelta(hours=20))
    assert confirmations.rejoin(db.session, ids["ana"], now=later) is RegistrationStatus.WAITLISTED
    ana = registration(ids["ana"])
    assert ana.still_coming is StillComing.NOT_ASKED and ana.queued_at == later
    assert kinds_to("ana@x.fr")[-1] == "waitlisted"
    with pytest.raises(DomainError):
        confirmations.rejoin(db.session, ids["carl"], now=later)  # never released


def test_the_release_and_the_confirmation_take_the_seat_lock_first(wanted):
    event, ids = wanted
    run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    lock = LOCK[db.engine.dialect.name]
    with recorded(db.engine) as confirming:
        confirmations.confirm_still_coming(
            db.session, ids["ana"], now=at(event, timedelta(hours=30))
        )
    with recorded(db.engine) as releasing:
        confirmations.release_unconfirmed(
            db.session, event.id, at(event, timedelta(hours=26)), TIMING
        )
    for seen in (confirming, releasing):
        locks = [i for i, statement in enumerate(seen) if lock in statement]
        writes = [i for i, statement in enumerate(seen) if statement.startswith("UPDATE")]
        assert locks and writes and locks[0] < writes[0], seen


@pytest.mark.parametrize("attempt", range(4))
def test_a_release_racing_a_late_confirmation_never_both(app, wanted, attempt):
    """The confirmation comes at the very moment of the release: one of them wins, and the
    seat is either kept (confirmed, not released, nobody promoted for it) or released (the
    confirmation refused, the next person promoted); never confirmed *and* given away."""
    event, ids = wanted
    run_confirmations(db.session, at(event, timedelta(hours=48)), TIMING)
    moment = at(event, timedelta(hours=26))
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def release() -> None:
        with app.app_context():
            barrier.wait(timeout=10)
            results["release"] = run_confirmations(db.session, moment, TIMING)
            db.session.remove()

    def confirm() -> None:
        with app.app_context():
            barrier.wait(timeout=10)
            try:
                results["confirm"] = confirmations.confirm_still_coming(
                    db.session, ids["ben"], now=moment
                )
            except confirmations.SeatAlreadyReleased as error:
                results["confirm"] = error
            db.session.remove()

    threads = [threading.Thread(target=f) for f in (release, confirm)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    db.session.rollback()
    ben = registration(ids["ben"])
    release_report = results["release"]
    promoted = {registration(i).status for i in (ids["carl"], ids["dora"])}
    if results["confirm"] is True:
        assert ben.status is RegistrationStatus.CONFIRMED and ben.released_at is None
        assert ids["ben"] not in release_report.released
        # Only ana's seat (no answer) went to the waiting list.
        assert sorted(promoted) == sorted(
            {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED}
        )
    else:
        assert isinstance(results["confirm"], confirmations.SeatAlreadyReleased)
        assert ben.status is RegistrationStatus.CANCELLED and ben.still_coming_at is None
        assert promoted == {RegistrationStatus.CONFIRMED}
    seated = db.session.scalar(
        db.select(db.func.count())
        .select_from(Registration)
        .where(
            Registration.event_session_id == event.id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
    )
    assert seated == event.capacity
    messages = db.session.scalars(
        db.select(OutboxMessage.kind).where(OutboxMessage.registration_id == ids["ben"])
    ).all()
    assert (Notice.SEAT_RELEASED in messages) is (ben.status is RegistrationStatus.CANCELLED)
