"""The English level people gave themselves after their latest session: what the table
planner may use instead of the level they chose at sign-up."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.models import Feedback, Registration
from business_corner.vocabulary import Level


def latest_self_assessed(
    session: Session, emails: Sequence[str], event_id: int
) -> dict[str, Level]:
    """Each address's level from its most recent feedback about another session (one
    query; addresses that never answered are absent)."""
    if not emails:
        return {}
    rows = session.execute(
        select(Registration.email, Feedback.level)
        .join(Registration, Feedback.registration_id == Registration.id)
        .where(Registration.email.in_(list(emails)), Feedback.event_session_id != event_id)
        .order_by(Feedback.answered_at, Feedback.id)
    ).all()
    # In answer order: a later answer overwrites an earlier one.
    return {email: level for email, level in rows}
