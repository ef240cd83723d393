"""The faults the team race test injects, kept here and nowhere else.

Production code has one path: every team change locks the chapter's row first. The race
test widens the window between the check ("is another admin left?") and the commit with a
pause, and its control run swaps the lock for a plain read, which must let two admins
demote each other.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.models import Chapter
from business_corner.services import audit, team


def pause_before_commit(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Every audited change waits ``seconds`` after recording its entry, before its commit."""
    record = audit.record

    def record_then_pause(*args: Any, **kwargs: Any) -> Any:
        entry = record(*args, **kwargs)
        time.sleep(seconds)
        return entry

    monkeypatch.setattr(audit, "record", record_then_pause)


def without_the_chapter_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the chapter without ``FOR UPDATE``: "count, then write", as code without a lock."""

    def read_only(session: Session, chapter_id: int) -> Chapter:
        return session.execute(select(Chapter).where(Chapter.id == chapter_id)).scalar_one()

    monkeypatch.setattr(team, "lock_chapter", read_only)
