"""On PostgreSQL a web worker's nudge wakes the waiting sender at once."""

from __future__ import annotations

import threading
import time

import pytest

from business_corner.extensions import db
from business_corner.mail.sender import Wakeup, nudge


def test_a_nudge_wakes_the_sender_before_its_interval(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite senders poll")
    engine = db.engine
    wakeup = Wakeup(engine)
    try:
        threading.Timer(0.3, lambda: nudge(engine)).start()
        started = time.monotonic()
        wakeup.wait(10)
        woke = time.monotonic() - started
        started = time.monotonic()
        wakeup.wait(0.5)  # nothing nudges: the interval runs out
        waited = time.monotonic() - started
    finally:
        wakeup.close()
    assert woke < 5
    assert waited >= 0.4
