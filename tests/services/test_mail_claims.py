"""Senders claim due mail in batches: two senders at the same moment never share a message."""

from __future__ import annotations

import threading

from business_corner.extensions import db
from business_corner.services.mail.delivery import claim_due
from business_corner.services.registration import register
from tests.support.applicants import applicant

MESSAGES = 12


def test_two_senders_claiming_at_once_split_the_due_mail_between_them(
    app, marseille, make_session, now
):
    event = make_session(marseille, capacity=MESSAGES)
    for number in range(MESSAGES):
        register(db.session, event.id, applicant(f"p{number}@example.com"), now=now)
    db.session.remove()
    barrier = threading.Barrier(2)
    claimed: list[list[int]] = []
    errors: list[BaseException] = []

    def sender() -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=10)
                claimed.append(claim_due(db.session, now, limit=MESSAGES))
                db.session.remove()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    first, second = claimed
    assert not set(first) & set(second)
    assert len(first) + len(second) == MESSAGES


def test_a_batch_is_claimed_oldest_first_and_only_once(marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    for number in range(5):
        register(db.session, event.id, applicant(f"p{number}@example.com"), now=now)

    first = claim_due(db.session, now, limit=3)
    second = claim_due(db.session, now, limit=3)

    assert first == sorted(first) and len(first) == 3
    assert len(second) == 2 and not set(first) & set(second)
    assert claim_due(db.session, now, limit=3) == []
