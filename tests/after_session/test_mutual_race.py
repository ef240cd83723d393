"""Two people who chose each other send the form at the same moment: both are told, once.

Each answer runs in its own thread, connection and transaction, and waits a moment after
recording its choice, so the two really overlap. The control run removes the session's
row lock: on PostgreSQL each answer then reads before the other's commit, neither sees the
other's choice, and nobody is told, which the test must see.
"""

from __future__ import annotations

import threading
import time

import pytest

from business_corner.extensions import db
from business_corner.models import ContactChoice, OutboxMessage
from business_corner.services import feedback as after
from business_corner.services.feedback import Answers, FeedbackTiming
from business_corner.services.tables.session_plans import PlanSettings, make_plan
from business_corner.vocabulary import Level, Notice, TableFit
from tests.support.after_session import past_session

TIMING = FeedbackTiming()


@pytest.fixture
def pair(app, make_session, marseille, organiser, now, monkeypatch):
    event, came, _missed = past_session(
        make_session,
        marseille,
        now,
        came=[{"email": "ana@example.fr"}, {"email": "ben@example.com"}],
    )
    make_plan(
        db.session, organiser, event.id, PlanSettings(1, None, 1, 20, event.starts_at), now=now
    )
    disclose = after._disclose_mutual

    def wait_then_disclose(*args, **kwargs):
        time.sleep(0.3)  # the other answer arrives meanwhile
        return disclose(*args, **kwargs)

    wait_then_disclose.__wrapped_disclose__ = disclose  # type: ignore[attr-defined]
    monkeypatch.setattr(after, "_disclose_mutual", wait_then_disclose)
    return app, came


def answer_together(app, came, now) -> None:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def answer(mine: int, theirs: int) -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=10)
                after.submit_feedback(
                    db.session,
                    mine,
                    Answers(5, Level.B2, TableFit.RIGHT, frozenset([theirs]), True),
                    now=now,
                    timing=TIMING,
                )
                db.session.remove()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)

    threads = [
        threading.Thread(target=answer, args=(came[0], came[1])),
        threading.Thread(target=answer, args=(came[1], came[0])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    db.session.rollback()


def contact_mails() -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.kind == Notice.CONTACT_EXCHANGE)
        )
    )


def test_two_answers_at_once_still_tell_both_once(pair, now):
    app, came = pair
    answer_together(app, came, now)
    assert sorted(m.registration_id for m in contact_mails()) == sorted(came)
    assert all(c.disclosed_at for c in db.session.scalars(db.select(ContactChoice)))


def test_control_without_the_lock_nobody_is_told(pair, now, monkeypatch, database_url):
    """Proof that the test above can fail (PostgreSQL: SQLite's BEGIN IMMEDIATE already
    serialises whole transactions, lock or not)."""
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite serialises write transactions without the row lock")
    monkeypatch.setattr(after.seats, "load_session_for_update", lambda *_args: None)
    # Without the lock nothing keeps the two apart, so they are made to meet: each has
    # recorded its choice and waits for the other before looking (a pause alone is not
    # enough on a busy machine, where one answer may finish before the other starts).
    both_recorded = threading.Barrier(2)
    disclose = after._disclose_mutual.__wrapped_disclose__  # type: ignore[attr-defined]

    def meet_then_disclose(*args, **kwargs):
        both_recorded.wait(timeout=10)
        return disclose(*args, **kwargs)

    monkeypatch.setattr(after, "_disclose_mutual", meet_then_disclose)
    app, came = pair
    answer_together(app, came, now)
    assert contact_mails() == []
    assert len(db.session.scalars(db.select(ContactChoice)).all()) == 2
