"""The audit trail: who did what, when, to which record.

One call records an action, inside the transaction of the change it records (so the entry
and the change exist together or not at all)::

    audit.record(session, organiser, AuditAction.SESSION_CANCELLED,
                 AuditSubject.SESSION, event.id, {"told": 12}, now)

``details`` holds codes and numbers only: an attendee is named by the record's id, never by
their name, address or company (``check_details`` refuses text that is not a code).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import AuditEntry, Organiser
from business_corner.vocabulary import AuditAction, AuditSubject

#: A detail's value: a number, a flag, or a code (lower-case letters, digits, _ and -).
DetailValue = int | bool | str | None
_CODE = re.compile(r"^[a-z0-9_,-]{0,80}$")
#: One page of the list.
PAGE_SIZE = 50


class NotACode(ValueError):
    """A detail that could be free text (a name, an address): the trail keeps none."""


def check_details(details: Mapping[str, DetailValue]) -> None:
    for key, value in details.items():
        if isinstance(value, str) and not _CODE.match(value):
            raise NotACode(f"audit detail {key!r} must be a code, not free text")


def record(
    session: Session,
    actor: Organiser,
    action: AuditAction,
    subject_type: AuditSubject,
    subject_id: int | None,
    details: Mapping[str, DetailValue] | None,
    now: datetime,
) -> AuditEntry:
    """Add an entry to the current transaction (the caller commits it with its change)."""
    return _add(session, actor.chapter_id, actor.id, action, subject_type, subject_id, details, now)


def record_for(
    session: Session,
    chapter_id: int,
    actor: Organiser,
    action: AuditAction,
    subject_type: AuditSubject,
    subject_id: int | None,
    details: Mapping[str, DetailValue] | None,
    now: datetime,
) -> AuditEntry:
    """Like ``record``, in another chapter's trail: for a change that concerns that chapter
    too (its organisers gained or lost a co-hosted session)."""
    return _add(session, chapter_id, actor.id, action, subject_type, subject_id, details, now)


def _add(
    session: Session,
    chapter_id: int,
    actor_id: int,
    action: AuditAction,
    subject_type: AuditSubject,
    subject_id: int | None,
    details: Mapping[str, DetailValue] | None,
    now: datetime,
) -> AuditEntry:
    check_details(details or {})
    entry = AuditEntry(
        chapter_id=chapter_id,
        actor_id=actor_id,
        at=now,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        details=json.dumps(dict(details or {}), sort_keys=True),
    )
    session.add(entry)
    return entry


def record_alone(
    session: Session,
    actor: Organiser,
    action: AuditAction,
    subject_type: AuditSubject,
    subject_id: int | None,
    details: Mapping[str, DetailValue] | None,
    now: datetime,
) -> None:
    """For an action that changes nothing else (an export): the entry is the transaction."""
    # Read before the transaction starts (it expires what the session holds): no reload.
    chapter_id, actor_id = actor.chapter_id, actor.id
    with write_transaction(session):
        _add(session, chapter_id, actor_id, action, subject_type, subject_id, details, now)


@dataclass(frozen=True)
class AuditFilter:
    action: AuditAction | None = None
    actor_id: int | None = None
    #: Entries at or after ``since`` and before ``until`` (instants in UTC).
    since: datetime | None = None
    until: datetime | None = None
    subject_type: AuditSubject | None = None
    subject_id: int | None = None


@dataclass(frozen=True)
class AuditPage:
    entries: Sequence[AuditEntry]
    #: Where the next (older) page starts, or None on the last page.
    next_before_id: int | None


def entries(
    session: Session,
    chapter_id: int,
    wanted: AuditFilter,
    before_id: int | None = None,
    page_size: int = PAGE_SIZE,
) -> AuditPage:
    """The chapter's entries, newest first, one page at a time."""
    statement = select(AuditEntry).where(AuditEntry.chapter_id == chapter_id)
    if wanted.action is not None:
        statement = statement.where(AuditEntry.action == wanted.action)
    if wanted.actor_id is not None:
        statement = statement.where(AuditEntry.actor_id == wanted.actor_id)
    if wanted.since is not None:
        statement = statement.where(AuditEntry.at >= wanted.since)
    if wanted.until is not None:
        statement = statement.where(AuditEntry.at < wanted.until)
    if wanted.subject_type is not None:
        statement = statement.where(AuditEntry.subject_type == wanted.subject_type)
    if wanted.subject_id is not None:
        statement = statement.where(AuditEntry.subject_id == wanted.subject_id)
    if before_id is not None:
        statement = statement.where(AuditEntry.id < before_id)
    rows = list(
        session.scalars(statement.order_by(AuditEntry.id.desc()).limit(page_size + 1)).all()
    )
    more = len(rows) > page_size
    rows = rows[:page_size]
    return AuditPage(rows, rows[-1].id if more and rows else None)


def details_of(entry: AuditEntry) -> dict[str, DetailValue]:
    value = json.loads(entry.details or "{}")
    return value if isinstance(value, dict) else {}


def purge_entries(session: Session, cutoff: datetime) -> int:
    """Delete entries older than ``cutoff`` (in the caller's transaction)."""
    result = session.execute(delete(AuditEntry).where(AuditEntry.at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]  # a CursorResult: DELETE counts rows
