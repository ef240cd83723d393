"""Organisers' messages to a session's attendees.

The organiser writes a subject and a text in each language their audience reads (both when
the recipients use both), sees how many people receive each version, previews, and sends.
Sending records the copy (``AttendeeMessage``) and one outbox row per recipient in a single
``INSERT … SELECT``, whatever the number of recipients; the sender writes each one out later
in the recipient's own language, with their personal manage link at the bottom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, case, func, insert, literal, select
from sqlalchemy.orm import Session

from business_corner.database import record_written, write_transaction
from business_corner.models import AttendeeMessage, Organiser, OutboxMessage, Registration
from business_corner.models.outbox import OVERTAKEN
from business_corner.services import audit
from business_corner.services.check_in import check_in_started
from business_corner.services.errors import DomainError
from business_corner.services.sessions import lock_own_session
from business_corner.vocabulary import Audience, AuditAction, AuditSubject, Notice

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class LanguageCounts:
    """How many recipients read each language (their sign-up language)."""

    fr: int = 0
    en: int = 0

    @property
    def total(self) -> int:
        return self.fr + self.en

    def of(self, language: str) -> int:
        return self.fr if language == "fr" else self.en


def _recipients(event_id: int, audience: Audience) -> list[ColumnElement[bool]]:
    """Who an audience is: the rule, stated once for counting and for sending."""
    rule = [
        Registration.event_session_id == event_id,
        Registration.status.in_(audience.statuses),
        Registration.erased_at.is_(None),
    ]
    if audience is Audience.CHECKED_IN:
        rule.append(Registration.checked_in_at.is_not(None))
    return rule


def audiences_of(session: Session, event_id: int) -> list[Audience]:
    """The groups an organiser can write to: "checked in" only once check-in has started
    (before, it is nobody)."""
    return [
        audience
        for audience in Audience
        if audience is not Audience.CHECKED_IN or check_in_started(session, event_id)
    ]


def audience_counts(session: Session, event_id: int) -> dict[Audience, LanguageCounts]:
    """Every audience's recipients by language, from one grouped query."""
    checked_in = Registration.checked_in_at.is_not(None)
    rows = session.execute(
        select(Registration.status, checked_in, Registration.locale, func.count())
        .where(*_recipients(event_id, Audience.ALL))
        .group_by(Registration.status, checked_in, Registration.locale)
    ).all()
    counts: dict[Audience, LanguageCounts] = {}
    for audience in Audience:
        by_language = {"fr": 0, "en": 0}
        for status, present, locale, number in rows:
            if status in audience.statuses and (present or audience is not Audience.CHECKED_IN):
                by_language["fr" if locale == "fr" else "en"] += int(number)
        counts[audience] = LanguageCounts(**by_language)
    return counts


@dataclass(frozen=True)
class Draft:
    audience: Audience
    subject_fr: str
    subject_en: str
    body_fr: str
    body_en: str

    def subject_in(self, language: str) -> str:
        return (self.subject_fr if language == "fr" else self.subject_en).strip()

    def body_in(self, language: str) -> str:
        return (self.body_fr if language == "fr" else self.body_en).strip()


def missing_languages(draft: Draft, counts: LanguageCounts) -> list[str]:
    """The languages some recipients read whose subject or text is still empty."""
    return [
        language
        for language in LANGUAGES
        if counts.of(language) and not (draft.subject_in(language) and draft.body_in(language))
    ]


class NobodyToWrite(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("Nobody in this group is registered: there is nobody to write to."))


class MissingText(DomainError):
    def __init__(self, languages: Sequence[str]) -> None:
        super().__init__(
            _l("Some recipients read French: write the subject and the text in French.")
            if list(languages) == ["fr"]
            else _l("Some recipients read English: write the subject and the text in English.")
            if list(languages) == ["en"]
            else _l("Write the subject and the text in French and in English.")
        )
        self.languages = list(languages)


def check_draft(draft: Draft, counts: LanguageCounts) -> None:
    if not counts.total:
        raise NobodyToWrite()
    if missing := missing_languages(draft, counts):
        raise MissingText(missing)


def send_message(
    session: Session, organiser: Organiser, event_id: int, draft: Draft, now: datetime
) -> AttendeeMessage:
    """Keep the copy and queue one message per recipient, in one transaction.

    The session's seat lock is taken first: places change only under it, so the people
    counted are exactly the people written to.
    """
    with write_transaction(session):
        lock_own_session(session, organiser, event_id)
        counts = audience_counts(session, event_id)[draft.audience]
        check_draft(draft, counts)
        copy = AttendeeMessage(
            event_session_id=event_id,
            author_id=organiser.id,
            audience=draft.audience,
            subject_fr=draft.subject_in("fr") if counts.fr else "",
            subject_en=draft.subject_in("en") if counts.en else "",
            body_fr=draft.body_in("fr") if counts.fr else "",
            body_en=draft.body_in("en") if counts.en else "",
            recipients_fr=counts.fr,
            recipients_en=counts.en,
            created_at=now,
        )
        session.add(copy)
        session.flush()
        message_ids = _queue_for_everyone(session, copy, now)
        record_written(session, message_ids=message_ids)
        audit.record(
            session,
            organiser,
            AuditAction.MESSAGE_SENT,
            AuditSubject.MESSAGE,
            copy.id,
            {
                "session": event_id,
                "audience": draft.audience.value,
                "recipients": len(message_ids),
                "fr": counts.fr,
                "en": counts.en,
            },
            now,
        )
        return copy


def _queue_for_everyone(session: Session, copy: AttendeeMessage, now: datetime) -> list[int]:
    """One statement for all recipients: the database copies the registrations' ids and
    addresses into the outbox, nothing passes through Python per person."""
    columns = (
        OutboxMessage.kind,
        OutboxMessage.recipient,
        OutboxMessage.subject,
        OutboxMessage.details,
        OutboxMessage.event_session_id,
        OutboxMessage.registration_id,
        OutboxMessage.attendee_message_id,
        OutboxMessage.created_at,
        OutboxMessage.next_attempt_at,
        OutboxMessage.attempts,
        OutboxMessage.last_error,
    )
    rows = select(
        literal(Notice.ATTENDEE_MESSAGE.value),
        Registration.email,
        literal(""),
        literal("{}"),
        Registration.event_session_id,
        Registration.id,
        literal(copy.id),
        literal(now, OutboxMessage.created_at.type),
        literal(now, OutboxMessage.next_attempt_at.type),
        literal(0),
        literal(""),
    ).where(*_recipients(copy.event_session_id, copy.audience))
    statement = (
        insert(OutboxMessage)
        .from_select([column.key for column in columns], rows.order_by(Registration.id))
        .returning(OutboxMessage.id)
    )
    return list(session.scalars(statement))


@dataclass(frozen=True)
class SendState:
    """Where the mails of one message stand."""

    sent: int = 0
    waiting: int = 0
    failed: int = 0
    #: Not sent because the person left or was erased meanwhile.
    dropped: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.waiting + self.failed + self.dropped


@dataclass(frozen=True)
class MessageCopy:
    message: AttendeeMessage
    state: SendState


def messages_of(session: Session, event_id: int) -> list[MessageCopy]:
    """The session's messages, newest first, each with its send state (two queries)."""
    copies = session.scalars(
        select(AttendeeMessage)
        .where(AttendeeMessage.event_session_id == event_id)
        .order_by(AttendeeMessage.id.desc())
    ).all()
    states = _states(session, [copy.id for copy in copies])
    return [MessageCopy(copy, states.get(copy.id, SendState())) for copy in copies]


def message_of(session: Session, event_id: int, message_id: int) -> MessageCopy | None:
    copy = session.get(AttendeeMessage, message_id)
    if copy is None or copy.event_session_id != event_id:
        return None
    return MessageCopy(copy, _states(session, [copy.id]).get(copy.id, SendState()))


def _states(session: Session, ids: Sequence[int]) -> dict[int, SendState]:
    if not ids:
        return {}
    done = OutboxMessage.sent_at.is_not(None)
    dropped = and_(done, OutboxMessage.last_error == OVERTAKEN)
    rows = session.execute(
        select(
            OutboxMessage.attendee_message_id,
            func.count(case((and_(done, OutboxMessage.last_error != OVERTAKEN), 1))),
            func.count(case((and_(~done, OutboxMessage.failed_at.is_(None)), 1))),
            func.count(case((and_(~done, OutboxMessage.failed_at.is_not(None)), 1))),
            func.count(case((dropped, 1))),
        )
        .where(OutboxMessage.attendee_message_id.in_(list(ids)))
        .group_by(OutboxMessage.attendee_message_id)
    ).all()
    return {
        int(message_id or 0): SendState(int(sent), int(waiting), int(failed), int(gone))
        for message_id, sent, waiting, failed, gone in rows
    }
