"""The faults the race tests inject into the sign-up path, kept here and nowhere else.

Production code has one path, and it always takes the seat lock. A race test asks the
gunicorn app (``tests.support.race_app``) for a ``SeatFault``; the app then swaps the
locking statements for ones that do not lock and wraps the write with a pause (and, without
the lock, a commit), before it serves any request.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.engine import Connection

from business_corner import database
from business_corner.extensions import db
from business_corner.services import places, seats
from business_corner.vocabulary import RegistrationStatus

#: The environment variable through which a test hands its fault to the server's workers.
VARIABLE = "BUSINESS_CORNER_SEAT_FAULT"


@dataclass(frozen=True)
class SeatFault:
    #: False for the control run: sign-ups take no seat lock, as "count, then insert" code.
    lock: bool = True
    #: How long a sign-up pauses between its check and its commit, to widen the window.
    pause_seconds: float = 0.0

    def environment(self) -> dict[str, str]:
        return {VARIABLE: json.dumps(asdict(self))}

    @classmethod
    def from_environment(cls, environ: dict[str, str]) -> SeatFault | None:
        value = environ.get(VARIABLE)
        return cls(**json.loads(value)) if value else None


def inject(fault: SeatFault) -> None:
    """Change the sign-up path of this process as ``fault`` says."""
    if not fault.lock:
        seats.SIGN_UP_LOCK = seats.SESSION_FOR_SIGN_UP  # PostgreSQL: no SELECT … FOR UPDATE
        database.BEGIN_WRITE = "BEGIN"  # SQLite: no write lock before the first read

    add_new_place = places.add_new_place
    insert_new_place = places.insert_new_place

    def add_then_pause(
        connection: Connection, values: dict[str, Any], *, capacity: int
    ) -> places.NewPlace | None:
        # PostgreSQL checks and writes in one statement: the pause falls after it, before the
        # commit, while nobody else can see the new row.
        place = add_new_place(connection, values, capacity=capacity)
        time.sleep(fault.pause_seconds)
        return place

    def pause_then_insert(
        connection: Connection, values: dict[str, Any], *, status: RegistrationStatus
    ) -> places.NewPlace:
        # SQLite checks, then writes: the pause falls between the two.
        time.sleep(fault.pause_seconds)
        if not fault.lock:
            # End the transaction between the check and the write, which is what "count,
            # then insert" code does with pysqlite's default autocommit reads: the pattern
            # that overbooks. (Kept open, SQLite would refuse the stale write instead.)
            db.session.commit()
            connection = db.session.connection()
        return insert_new_place(connection, values, status=status)

    places.add_new_place = add_then_pause  # type: ignore[assignment]  # same signature
    places.insert_new_place = pause_then_insert  # type: ignore[assignment]  # same signature
