"""After-commit work in one place: what a request's transactions changed, acted on once.

Services change data; they do not know which pages are cached or that a sender waits for
mail. The database session collects, as its transactions commit, the outbox messages they
queued and the sessions whose pages they touched; one hook at the end of the request then
forgets those pages (this worker's cache) and nudges the mail sender. What a rolled-back
transaction collected is dropped with it.

ORM changes are seen by a flush listener. Statements written with Core (the fast sign-up
path) are not: a service that writes that way calls ``database.record_written`` itself.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, Response, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from business_corner.database import AFTER_COMMIT_KEY as _KEY
from business_corner.database import Written, written_in
from business_corner.extensions import db
from business_corner.models import EventSession, OutboxMessage, Registration, TablePlan, WalkIn


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    if not has_request_context():
        return  # the sender and commands have no pages to forget nor anyone to nudge
    pending = written_in(session, "pending")
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, OutboxMessage) and instance in session.new:
            pending.message_ids.add(instance.id)
        elif isinstance(instance, EventSession):
            pending.event_ids.add(instance.id)
        elif isinstance(instance, Registration | TablePlan | WalkIn):
            pending.event_ids.add(instance.event_session_id)


def _after_commit(session: Session) -> None:
    slots: dict[str, Written] | None = session.info.get(_KEY)
    if not slots or "pending" not in slots:
        return
    pending = slots.pop("pending")
    committed = slots.setdefault("committed", Written())
    committed.message_ids |= pending.message_ids
    committed.event_ids |= pending.event_ids


def _after_rollback(session: Session) -> None:
    slots: dict[str, Written] | None = session.info.get(_KEY)
    if slots:
        slots.pop("pending", None)


def committed_work(session: Session) -> Written:
    """What this request's committed transactions wrote (and forget it)."""
    slots: dict[str, Written] = session.info.get(_KEY) or {}
    return slots.pop("committed", None) or Written()


#: Under a rush, one nudge per worker in this many seconds is enough: the sender's round
#: takes whatever is due, and it polls every second anyway.
NUDGE_AT_MOST_EVERY = 0.25
_last_nudge = 0.0


def init_app(app: Flask) -> None:
    from flask_sqlalchemy.session import Session as AppSession

    from business_corner.mail.sender import nudge
    from business_corner.page_cache import forget_session_pages

    listen(AppSession)

    @app.after_request
    def act_on_committed_work(response: Response) -> Response:
        if not db.session.registry.has():
            return response  # the request never opened a database session
        work = committed_work(db.session())
        for event_id in work.event_ids:
            forget_session_pages(event_id)
        global _last_nudge
        if work.message_ids and time.monotonic() - _last_nudge > NUDGE_AT_MOST_EVERY:
            _last_nudge = time.monotonic()
            engine = db.engine
            # After the response has gone: the visitor never waits for the nudge.
            response.call_on_close(lambda: nudge(engine))
        return response


def _after_soft_rollback(session: Session, _previous: Any) -> None:
    _after_rollback(session)


def listen(session_class: type[Session]) -> None:
    """Attach the listeners to the app's session class (once per process)."""
    if event.contains(session_class, "after_flush", _after_flush):
        return
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "after_commit", _after_commit)
    event.listen(session_class, "after_soft_rollback", _after_soft_rollback)
