"""What the organisers see of one session's feedback: counts, averages, distributions and
comments. Every figure is read from the stored answers here and nowhere else."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from business_corner.models import ContactChoice, Feedback, Registration
from business_corner.vocabulary import Level, TableFit


@dataclass(frozen=True)
class Comment:
    text: str
    usefulness: int
    answered_at: datetime


@dataclass
class LevelMoves:
    """How levels moved between two moments (sign-up and feedback, first and latest
    session): one place that counts a step, used by the session's figures and the season."""

    up: int = 0
    same: int = 0
    down: int = 0
    #: Sum of the steps moved (B1 → B2 is +1), for the average.
    steps: int = 0

    def add(self, before: Level, after: Level) -> None:
        step = after.rank - before.rank
        self.steps += step
        if step > 0:
            self.up += 1
        elif step < 0:
            self.down += 1
        else:
            self.same += 1

    @property
    def people(self) -> int:
        return self.up + self.same + self.down

    @property
    def average_steps(self) -> float | None:
        return self.steps / self.people if self.people else None


@dataclass
class SessionFeedback:
    came: int = 0
    answered: int = 0
    usefulness: Counter[int] = field(default_factory=Counter)
    levels_now: Counter[Level] = field(default_factory=Counter)
    table_fit: Counter[TableFit] = field(default_factory=Counter)
    #: Self-assessed level compared with the level given at sign-up.
    levels_moved: LevelMoves = field(default_factory=LevelMoves)
    #: Pairs of people who chose each other and both agreed: their details were exchanged.
    mutual_contacts: int = 0
    comments: list[Comment] = field(default_factory=list)

    @property
    def average_usefulness(self) -> float | None:
        if not self.answered:
            return None
        return sum(mark * count for mark, count in self.usefulness.items()) / self.answered

    @property
    def response_rate(self) -> float | None:
        """Share of the people who came who answered, in per cent."""
        return 100 * self.answered / self.came if self.came else None


def session_feedback(session: Session, event_id: int) -> SessionFeedback:
    results = SessionFeedback()
    results.came = (
        session.scalar(
            select(func.count()).where(
                Registration.event_session_id == event_id, Registration.checked_in_at.is_not(None)
            )
        )
        or 0
    )
    rows = session.execute(
        select(Feedback, Registration.level)
        .join(Registration, Feedback.registration_id == Registration.id)
        .where(Feedback.event_session_id == event_id)
        .order_by(Feedback.answered_at, Feedback.id)
    ).all()
    for answer, signed_up_level in rows:
        results.answered += 1
        results.usefulness[answer.usefulness] += 1
        results.levels_now[answer.level] += 1
        results.table_fit[answer.table_fit] += 1
        results.levels_moved.add(signed_up_level, answer.level)
        if answer.comment:
            results.comments.append(Comment(answer.comment, answer.usefulness, answer.answered_at))
    results.mutual_contacts = mutual_pairs(session, [event_id])
    return results


def mutual_pairs(session: Session, event_ids: list[int]) -> int:
    """Pairs whose details were exchanged (each pair is two disclosed choices)."""
    if not event_ids:
        return 0
    disclosed = session.scalar(
        select(func.count())
        .select_from(ContactChoice)
        .join(Registration, ContactChoice.chooser_id == Registration.id)
        .where(
            Registration.event_session_id.in_(event_ids), ContactChoice.disclosed_at.is_not(None)
        )
    )
    return (disclosed or 0) // 2
