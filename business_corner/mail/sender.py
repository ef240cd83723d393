"""The sender: delivers the outbox with the app's backend, composer and settings.

Exactly one kind of process sends mail: ``flask send-mail --loop`` (the systemd unit in
production, the second process ``make run`` starts in development). Web workers never talk
to the mail server, so a slow or silent one cannot hold a page; after a commit that queued
mail they only nudge the sender (``nudge``), which otherwise polls every second.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import text
from sqlalchemy.engine import Engine

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.mail.composer import composer_for
from business_corner.services.mail.backends import backend_from_config
from business_corner.services.mail.compose import envelope_address
from business_corner.services.mail.delivery import DeliveryReport, deliver_due
from business_corner.services.mail.outbox import HEARTBEAT_EVERY, record_heartbeat

log = logging.getLogger(__name__)
BATCH_SIZE = 100
#: PostgreSQL channel on which web workers tell the sender that mail is waiting.
CHANNEL = "business_corner_outbox"


def deliver_now(app: Flask, now: datetime, only: Sequence[int] | None = None) -> DeliveryReport:
    """Deliver every due message with the app's backend (inside an app context)."""
    backend = backend_from_config(app.config)
    sender = envelope_address(app.config["MAIL_DEFAULT_SENDER"])
    write_out = composer_for(app)
    report = DeliveryReport()
    try:
        while True:
            batch = deliver_due(
                db.session(), backend, sender, now, write_out=write_out, only=only, limit=BATCH_SIZE
            )
            report += batch
            # A short batch means nothing due is left (failed ones wait for their retry time).
            if batch.handled < BATCH_SIZE:
                return report
    finally:
        backend.close()  # no SMTP connection held open while the sender waits


def sender_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


class Wakeup:
    """Sleep until the next round: ``interval`` seconds, or less if a web worker nudges
    (PostgreSQL LISTEN/NOTIFY; on SQLite, and if listening fails, the interval alone)."""

    def __init__(self, engine: Engine) -> None:
        self._connection: Any = None
        if engine.dialect.name == "postgresql":
            try:
                self._listen(engine)
            except Exception:
                log.warning("cannot LISTEN for new mail; polling only", exc_info=True)
                self.close()

    def _listen(self, engine: Engine) -> None:
        raw = engine.raw_connection()
        connection: Any = raw.driver_connection  # the driver's own (psycopg) connection
        raw.detach()  # its own connection, never handed back to the pool while listening
        self._connection = connection
        connection.rollback()  # autocommit can only be set outside a transaction
        connection.autocommit = True
        connection.execute(f"LISTEN {CHANNEL}")

    def wait(self, interval: float) -> None:
        if self._connection is not None:
            try:
                # Returns at the first notification or after the interval, whichever is first.
                for _notification in self._connection.notifies(timeout=interval, stop_after=1):
                    pass
                return
            except Exception:
                log.warning("lost the LISTEN connection; polling every %s s", interval)
                self.close()
        time.sleep(interval)

    def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                connection.close()
            except Exception:
                log.debug("closing the LISTEN connection failed", exc_info=True)


def nudge(engine: Engine) -> None:
    """Tell a waiting sender that mail was queued (PostgreSQL only; SQLite senders poll)."""
    if engine.dialect.name != "postgresql":
        return
    try:
        with engine.connect() as connection:
            connection.execute(text(f"NOTIFY {CHANNEL}"))
            connection.commit()
    except Exception:
        log.warning("could not nudge the mail sender; it will find the mail on its next round")


def run_sender(app: Flask, interval: float, echo: Callable[[DeliveryReport], None]) -> None:
    """The sender loop: never dies on one message (each failure is recorded on it), nor on
    a failed round (the database away): it logs and tries again."""
    name = sender_name()
    last_heartbeat = 0.0
    wakeup = Wakeup(db.engine)
    try:
        while True:
            try:
                if time.monotonic() - last_heartbeat >= HEARTBEAT_EVERY.total_seconds():
                    record_heartbeat(db.session(), name, utcnow())
                    last_heartbeat = time.monotonic()
                report = deliver_now(app, utcnow())
            except Exception:
                log.exception("mail round failed; trying again in %s s", interval)
                report = DeliveryReport()
                db.session.rollback()
            if report.handled:
                echo(report)
            db.session.remove()  # hold no connection (or stale objects) while waiting
            wakeup.wait(interval)
    finally:
        wakeup.close()
