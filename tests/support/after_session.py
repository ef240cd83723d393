"""A session that is over, with people who came (checked in) and people who did not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from business_corner.extensions import db
from business_corner.models import EventSession, Registration
from business_corner.services.registration import register
from tests.support.applicants import applicant


def past_session(
    make_session: Callable[..., EventSession],
    chapter: object,
    now: datetime,
    *,
    came: Sequence[dict[str, object]],
    missed: Sequence[dict[str, object]] = (),
    ended_ago: timedelta = timedelta(hours=20),
    **session_options: object,
) -> tuple[EventSession, list[int], list[int]]:
    """Register everyone while the session is ahead, then move it into the past and mark
    ``came`` as checked in. Each person is ``applicant()``'s keyword arguments plus email."""
    event = make_session(chapter, starts_in=timedelta(days=2), **session_options)
    came_ids = [_register(event, now, person) for person in came]
    missed_ids = [_register(event, now, person) for person in missed]
    length = event.ends_at - event.starts_at
    event.ends_at = now - ended_ago
    event.starts_at = event.ends_at - length
    for registration_id in came_ids:
        db.session.get_one(Registration, registration_id).checked_in_at = event.starts_at
    db.session.commit()
    return event, came_ids, missed_ids


def _register(event: EventSession, now: datetime, person: dict[str, object]) -> int:
    options = dict(person)
    email = str(options.pop("email"))
    return register(db.session, event.id, applicant(email, **options), now=now).registration_id  # type: ignore[arg-type]  # keyword options as given
