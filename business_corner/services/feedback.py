"""After the session: the feedback form sent the day after to those who came, the answers,
and contacts exchanged only when two companions chose each other.

Rules, each in one place:

- who may answer, and when: ``feedback_refusal`` (checked in, the session over, not
  answered yet, within ``FeedbackTiming.open_days``);
- when the form goes out: ``FeedbackTiming.request_due_at`` (the next day, from
  ``send_hour`` in the session's own time zone), once: ``feedback_asked_at`` is written in
  the transaction that records the message;
- whom one may choose: ``companions`` (registered people who came and sat at one of the
  attendee's tables, in any round of the stored plan);
- when details are disclosed: ``_disclose_mutual`` (each chose the other, both consented,
  not disclosed before). Submissions of one session take its row lock, so two people who
  choose each other at the same moment cannot both miss the other's choice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import ContactChoice, EventSession, Feedback, Registration, TablePlan
from business_corner.services import seats
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.notifications import Notice, queue_notice
from business_corner.services.tables.schedule import registration_key, stored_plan
from business_corner.vocabulary import Level, SessionStatus, TableFit

#: Longest comment kept (a few paragraphs).
COMMENT_MAX = 2000


@dataclass(frozen=True)
class FeedbackTiming:
    #: The form goes out the day after the session from this local hour ...
    send_hour: int = 9
    #: ... and answers are taken until this many days after the session's end.
    open_days: int = 14

    def request_due_at(self, event: EventSession) -> datetime:
        local_day = event.ends_at.astimezone(event.zone).date() + timedelta(days=1)
        local = datetime.combine(local_day, time(self.send_hour), tzinfo=event.zone)
        return local.astimezone(event.ends_at.tzinfo)

    def closes_at(self, event: EventSession) -> datetime:
        return event.ends_at + timedelta(days=self.open_days)


@dataclass(frozen=True)
class Answers:
    usefulness: int
    level: Level
    table_fit: TableFit
    #: Registration ids of the companions the attendee would like to stay in touch with.
    contacts: frozenset[int]
    share_contacts: bool
    comment: str = ""


@dataclass(frozen=True)
class Companion:
    """What the form shows of a table companion: first name and company, nothing else."""

    registration_id: int
    first_name: str
    company: str


class FeedbackRefused(DomainError):
    pass


def feedback_refusal(
    registration: Registration, answered: bool, now: datetime, timing: FeedbackTiming
) -> LazyString | None:
    """Why this attendee cannot answer now, or None."""
    event = registration.event_session
    if registration.erased_at is not None or registration.checked_in_at is None:
        return _l("The feedback form is for the people who came to the session.")
    if now < event.ends_at:
        return _l("The feedback form opens once the session is over.")
    if answered:
        return _l("You have already answered. Thank you!")
    if now > timing.closes_at(event):
        return _l(
            "The feedback form is closed: answers are taken for %(days)d days after the session.",
            days=timing.open_days,
        )
    return None


def has_answered(session: Session, registration_id: int) -> bool:
    return (
        session.scalar(select(Feedback.id).where(Feedback.registration_id == registration_id))
        is not None
    )


def companions(session: Session, registration: Registration) -> list[Companion]:
    """The registered people who came and shared a table with ``registration`` in any round
    (walk-ins left no address to exchange), by first name."""
    record = session.scalars(
        select(TablePlan).where(TablePlan.event_session_id == registration.event_session_id)
    ).one_or_none()
    if record is None:
        return []
    own = registration_key(registration.id)
    keys: set[str] = set()
    for tables in stored_plan(record).rounds:
        for table in tables:
            if own in table:
                keys.update(table)
    ids = [int(key[1:]) for key in keys if key.startswith("r") and key != own]
    if not ids:
        return []
    people = session.scalars(
        select(Registration)
        .where(
            Registration.id.in_(ids),
            Registration.event_session_id == registration.event_session_id,
            Registration.checked_in_at.is_not(None),
            Registration.erased_at.is_(None),
        )
        .order_by(Registration.first_name, Registration.company, Registration.id)
    )
    return [Companion(person.id, person.first_name, person.company) for person in people]


def submit_feedback(
    session: Session,
    registration_id: int,
    answers: Answers,
    *,
    now: datetime,
    timing: FeedbackTiming,
) -> list[int]:
    """Record the answers, once; returns the ids of the contact mails it queued (both sides
    of each mutual choice this answer completes)."""
    if not 1 <= answers.usefulness <= 5:
        raise FeedbackRefused(_l("Please rate the session from 1 to 5."))
    if len(answers.comment) > COMMENT_MAX:
        raise FeedbackRefused(_l("At most %(max)d characters.", max=COMMENT_MAX))
    with write_transaction(session):
        registration = session.get(Registration, registration_id)
        if registration is None:
            raise NotFound(_l("This registration does not exist."))
        # One session's answers one at a time: a mutual choice is seen by the second.
        seats.load_session_for_update(session, registration.event_session_id)
        refusal = feedback_refusal(
            registration, has_answered(session, registration_id), now, timing
        )
        if refusal is not None:
            raise FeedbackRefused(refusal)
        allowed = {companion.registration_id for companion in companions(session, registration)}
        if not answers.contacts <= allowed:
            raise FeedbackRefused(_l("Choose only people who sat at your tables."))
        session.add(
            Feedback(
                registration_id=registration_id,
                event_session_id=registration.event_session_id,
                usefulness=answers.usefulness,
                level=answers.level,
                table_fit=answers.table_fit,
                share_contacts=answers.share_contacts,
                comment=answers.comment.strip(),
                answered_at=now,
            )
        )
        for chosen in sorted(answers.contacts):
            session.add(ContactChoice(chooser_id=registration_id, chosen_id=chosen, created_at=now))
        session.flush()
        return _disclose_mutual(session, registration, now)


def _disclose_mutual(session: Session, registration: Registration, now: datetime) -> list[int]:
    """Both sides of each choice that is now mutual and consented, told once each."""
    consenting = set(
        session.scalars(
            select(Feedback.registration_id).where(
                Feedback.event_session_id == registration.event_session_id,
                Feedback.share_contacts.is_(True),
            )
        )
    )
    if registration.id not in consenting:
        return []
    mine = session.scalars(
        select(ContactChoice).where(
            ContactChoice.chooser_id == registration.id, ContactChoice.disclosed_at.is_(None)
        )
    ).all()
    queued: list[int] = []
    for choice in mine:
        if choice.chosen_id not in consenting:
            continue
        back = session.scalars(
            select(ContactChoice).where(
                ContactChoice.chooser_id == choice.chosen_id,
                ContactChoice.chosen_id == registration.id,
                ContactChoice.disclosed_at.is_(None),
            )
        ).one_or_none()
        if back is None:
            continue  # one-sided: never revealed
        choice.disclosed_at = back.disclosed_at = now
        other = session.get_one(Registration, choice.chosen_id)
        for recipient, contact in ((registration, other), (other, registration)):
            message = queue_notice(session, recipient, Notice.CONTACT_EXCHANGE, now)
            # Only the other person's id: their details are read when the mail is written.
            message.details = json.dumps({"contact_id": contact.id})
            session.flush()
            queued.append(message.id)
    return queued


def queue_feedback_requests(session: Session, now: datetime, timing: FeedbackTiming) -> list[int]:
    """Queue the feedback form for everyone who came to a session whose form is due and
    who has not had it. Returns the queued message ids.

    Like the reminders, each session is handled under its lock and ``feedback_asked_at`` is
    written with the message: two runs at once, or a run after a crash, never ask twice.
    Sessions over for longer than the form stays open are left alone, so switching the
    feature on does not write to last year's attendees.
    """
    candidates = session.scalars(
        select(EventSession)
        .where(
            EventSession.status == SessionStatus.PUBLISHED,
            EventSession.ends_at <= now,
            EventSession.ends_at > now - timedelta(days=timing.open_days),
        )
        .order_by(EventSession.ends_at)
    ).all()
    due = [event.id for event in candidates if timing.request_due_at(event) <= now]
    queued: list[int] = []
    for event_id in due:
        with write_transaction(session):
            seats.load_session_for_update(session, event_id)
            attendees = session.scalars(
                select(Registration)
                .where(
                    Registration.event_session_id == event_id,
                    Registration.checked_in_at.is_not(None),
                    Registration.feedback_asked_at.is_(None),
                    Registration.erased_at.is_(None),
                )
                .order_by(Registration.id)
            ).all()
            for registration in attendees:
                registration.feedback_asked_at = now
                message = queue_notice(session, registration, Notice.FEEDBACK_REQUEST, now)
                session.flush()
                queued.append(message.id)
    return queued
