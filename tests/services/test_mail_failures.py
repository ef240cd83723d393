"""One message that cannot be composed or sent is recorded on that message; the rest go."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from business_corner.extensions import db
from business_corner.models import EventSession, OutboxMessage
from business_corner.services.mail.backends import FileBackend
from business_corner.services.mail.delivery import (
    MAX_ATTEMPTS,
    DeliveryReport,
    retry_delay,
)
from business_corner.services.registration import register
from tests.support.applicants import applicant
from tests.support.mail import deliver


def _break_composition(event_id: int) -> None:
    """A session whose stored zone no longer exists: composing its mail raises (not OSError)."""
    db.session.execute(
        update(EventSession).where(EventSession.id == event_id).values(timezone="Mars/Olympus")
    )
    db.session.commit()


def _message_of(registration_id: int) -> OutboxMessage:
    return db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.registration_id == registration_id)
    ).one()


def test_a_message_that_cannot_be_composed_is_recorded_and_the_next_one_goes(
    marseille, make_session, now, tmp_path
):
    bad = make_session(marseille, title_en="Broken")
    good = make_session(marseille, title_en="Fine")
    broken = register(db.session, bad.id, applicant("a@example.com"), now=now)
    fine = register(db.session, good.id, applicant("b@example.com"), now=now)
    _break_composition(bad.id)

    report = deliver(FileBackend(tmp_path), now)

    assert report == DeliveryReport(sent=1, failed=1)
    assert len(list(tmp_path.glob("*.eml"))) == 1
    failed = _message_of(broken.registration_id)
    assert failed.sent_at is None and failed.failed_at is None
    assert failed.attempts == 1
    assert failed.last_error.startswith("ZoneInfoNotFoundError")
    assert failed.claimed_until is None  # released at once, not after the claim expires
    assert failed.next_attempt_at == now + retry_delay(1)
    assert _message_of(fine.registration_id).sent_at == now


def test_after_the_last_scheduled_attempt_a_message_is_failed_for_good(
    marseille, make_session, now, tmp_path
):
    event = make_session(marseille)
    outcome = register(db.session, event.id, applicant(), now=now)
    _break_composition(event.id)
    backend = FileBackend(tmp_path)

    moment, reports = now, []
    for _attempt in range(MAX_ATTEMPTS):
        reports.append(deliver(backend, moment))
        message = _message_of(outcome.registration_id)
        moment = message.next_attempt_at

    assert [r.failed for r in reports] == [1] * MAX_ATTEMPTS
    assert [r.gave_up for r in reports] == [0] * (MAX_ATTEMPTS - 1) + [1]
    message = _message_of(outcome.registration_id)
    assert message.attempts == MAX_ATTEMPTS and message.failed_at is not None
    assert message.sent_at is None and message.last_error.startswith("ZoneInfoNotFoundError")
    # Never tried again on its own, however late.
    assert deliver(backend, now + timedelta(days=30)) == DeliveryReport()


def test_the_schedule_spans_about_a_day():
    waits = sum((retry_delay(n) for n in range(1, MAX_ATTEMPTS)), timedelta())
    assert timedelta(hours=18) < waits < timedelta(hours=26)
