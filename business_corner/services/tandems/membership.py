"""Members: sign up with consent, confirm the address, change everything, pause, leave,
and say "no thanks" to a past partner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Chapter, OutboxMessage, Tandem, TandemMember, TandemVeto
from business_corner.services.addresses import normalise_address
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.mail.compose import WriteOut
from business_corner.services.tandems.hours import WeeklyHours
from business_corner.services.tandems.notices import queue_member_notice
from business_corner.services.tandems.replies import cancel_for_member
from business_corner.vocabulary import (
    Level,
    MemberStatus,
    Notice,
    RoundStatus,
    Sector,
    TandemFrequency,
)

#: Version of the privacy notice a member agrees to; stored with their consent.
TANDEM_PRIVACY_VERSION = "2026-12-07"
#: Signing up again within this time after a mail about it sends no new mail.
REPEAT_QUIET_PERIOD = timedelta(minutes=15)
#: A sign-up whose address is not confirmed within this time is forgotten by ``purge``, as
#: long as a team invitation nobody accepts stays usable (``tokens.INVITATION_MAX_AGE``).
UNCONFIRMED_KEPT = timedelta(days=7)


class ConsentRequired(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("Please agree to the processing of your data so that we can pair you."))


class UnknownCity(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("Tandems pair Marseille and Los Angeles: choose one of the two."))


class NotAPastPartner(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("You can only say no thanks to someone you have been paired with."))


@dataclass(frozen=True)
class MemberDetails:
    """Everything a member can change through their link."""

    first_name: str
    last_name: str
    company: str
    sector: Sector
    english_level: Level
    hours: WeeklyHours
    frequency: TandemFrequency = TandemFrequency.EVERY_ROUND
    french_level: Level | None = None
    offers: frozenset[Sector] = frozenset()
    offers_text: str = ""
    seeks: frozenset[Sector] = frozenset()
    seeks_text: str = ""


@dataclass(frozen=True)
class Application:
    details: MemberDetails
    email: str
    #: The chapter's slug: one of the tandem cities.
    city: str
    locale: str
    consent: bool


def _values(details: MemberDetails) -> dict[str, object]:
    return {
        "first_name": details.first_name.strip(),
        "last_name": details.last_name.strip(),
        "company": details.company.strip(),
        "sector": details.sector,
        "english_level": details.english_level,
        "french_level": details.french_level,
        "offers": details.offers,
        "offers_text": details.offers_text.strip(),
        "seeks": details.seeks,
        "seeks_text": details.seeks_text.strip(),
        "hours": details.hours.text(),
        "frequency": details.frequency,
    }


def sign_up(
    session: Session, application: Application, *, cities: tuple[str, str], now: datetime
) -> int:
    """Record a member (or find them again) and mail the link that confirms the address.

    The answer is the same whether the address was known or not: a member already active
    is mailed their personal link instead, and their details stay as they were.
    """
    if not application.consent:
        raise ConsentRequired()
    if application.city not in cities:
        raise UnknownCity()
    email = normalise_address(application.email)
    with write_transaction(session):
        chapter = session.scalars(select(Chapter).where(Chapter.slug == application.city)).first()
        if chapter is None:
            raise UnknownCity()
        member = session.scalars(
            select(TandemMember).where(TandemMember.email == email).with_for_update()
        ).first()
        if member is not None and member.status is MemberStatus.ACTIVE:
            if not _recently_told(session, member, now):
                queue_member_notice(session, member, Notice.TANDEM_LINK, now)
            return member.id
        if member is None:
            member = TandemMember(email=email, created_at=now)
            session.add(member)
        elif member.status is MemberStatus.PENDING and _recently_told(session, member, now):
            return member.id
        for name, value in _values(application.details).items():
            setattr(member, name, value)
        member.chapter_id = chapter.id
        member.locale = application.locale
        member.status = MemberStatus.PENDING
        member.consent_at = now
        member.consent_version = TANDEM_PRIVACY_VERSION
        member.confirmed_at = None
        member.left_at = None
        member.no_shows_in_a_row = 0
        member.paused_for_no_shows_at = None
        member.updated_at = now
        session.flush()
        queue_member_notice(session, member, Notice.TANDEM_CONFIRM, now)
        return member.id


def _recently_told(session: Session, member: TandemMember, now: datetime) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.recipient == member.email,
                OutboxMessage.kind.in_([Notice.TANDEM_CONFIRM, Notice.TANDEM_LINK]),
                OutboxMessage.created_at > now - REPEAT_QUIET_PERIOD,
            )
        )
    )


def get_member(session: Session, member_id: int) -> TandemMember:
    """A member who has not left (whose link still leads somewhere)."""
    member = session.get(TandemMember, member_id)
    if member is None or member.status is MemberStatus.LEFT:
        raise NotFound(_l("This membership no longer exists."))
    return member


def confirm(session: Session, member_id: int, *, now: datetime) -> bool:
    """Confirm the address (the double opt-in); True if it was not confirmed before."""
    with write_transaction(session):
        member = get_member(session, member_id)
        if member.status is MemberStatus.ACTIVE:
            return False
        member.status = MemberStatus.ACTIVE
        member.confirmed_at = now
        member.updated_at = now
        return True


def update_details(
    session: Session, member_id: int, details: MemberDetails, *, now: datetime
) -> None:
    with write_transaction(session):
        member = get_member(session, member_id)
        for name, value in _values(details).items():
            setattr(member, name, value)
        if details.frequency is not TandemFrequency.PAUSED:
            _clear_no_show_pause(member)
        member.updated_at = now


def _clear_no_show_pause(member: TandemMember) -> None:
    member.paused_for_no_shows_at = None
    member.no_shows_in_a_row = 0


def set_frequency(
    session: Session, member_id: int, frequency: TandemFrequency, *, now: datetime
) -> None:
    """Pause (``PAUSED``) or resume; resuming also clears a pause for missed tandems."""
    with write_transaction(session):
        member = get_member(session, member_id)
        member.frequency = frequency
        if frequency is not TandemFrequency.PAUSED:
            _clear_no_show_pause(member)
        member.updated_at = now


def past_partners(session: Session, member_id: int) -> list[tuple[TandemMember, bool]]:
    """Everyone the member has been paired with in a published round, and whether the
    member said no thanks to them; partners who left are not listed."""
    tandems = session.scalars(
        select(Tandem)
        .join(Tandem.round)
        .where(
            or_(Tandem.member_a_id == member_id, Tandem.member_b_id == member_id),
        )
        .order_by(Tandem.starts_at.desc())
    ).all()
    vetoed = set(
        session.scalars(select(TandemVeto.other_id).where(TandemVeto.member_id == member_id))
    )
    seen: dict[int, tuple[TandemMember, bool]] = {}
    for tandem in tandems:
        if tandem.round.status is not RoundStatus.PUBLISHED:
            continue
        partner = tandem.partner_of(member_id)
        if partner.status is not MemberStatus.LEFT and partner.id not in seen:
            seen[partner.id] = (partner, partner.id in vetoed)
    return list(seen.values())


def say_no_thanks(session: Session, member_id: int, other_id: int, *, now: datetime) -> None:
    """Never pair the two again (idempotent)."""
    if other_id not in {partner.id for partner, _ in past_partners(session, member_id)}:
        raise NotAPastPartner()
    with write_transaction(session):
        exists = session.scalar(
            select(func.count())
            .select_from(TandemVeto)
            .where(TandemVeto.member_id == member_id, TandemVeto.other_id == other_id)
        )
        if not exists:
            session.add(TandemVeto(member_id=member_id, other_id=other_id, created_at=now))


def leave(session: Session, member_id: int, *, now: datetime, write_out: WriteOut) -> None:
    """Leave the programme: upcoming tandems are cancelled (the partner is told, both
    calendars get the CANCEL), then the personal data is erased. The row stays, without a
    name, so that the organisers' counts stay true."""
    with write_transaction(session):
        member = get_member(session, member_id)
        for message in cancel_for_member(session, member, now):
            if message.recipient == member.email:
                # Written out now, while we still know whom it is for.
                write_out(session, message, now)
        for message in session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.recipient == member.email,
                OutboxMessage.raw.is_(None),
                OutboxMessage.sent_at.is_(None),
            )
        ).all():
            message.drop_as_overtaken(now)
        session.flush()
        _erase(member, now)


def _erase(member: TandemMember, now: datetime) -> None:
    """The member has left: who they were goes, the row stays for the organisers' counts."""
    member.first_name = member.last_name = member.company = ""
    member.offers_text = member.seeks_text = ""
    # Unique, so that the person can sign up again, and never deliverable.
    member.email = f"left-{member.id}@invalid"
    member.status = MemberStatus.LEFT
    member.frequency = TandemFrequency.PAUSED
    member.left_at = now
    member.updated_at = now


def forget_unconfirmed(session: Session, now: datetime) -> list[str]:
    """Forget the sign-ups whose address was not confirmed within ``UNCONFIRMED_KEPT``
    (inside the caller's transaction: ``privacy.purge``); returns their addresses, so that
    the caller empties the messages sent to them.

    They are deleted with their vetoes, and the mail still owed to them is dropped (nobody
    is left to write it to). A row that has tandems (none today: a member who left signs up
    again as a new row) is erased as by ``leave`` instead, so that the organisers' counts
    stay true and no foreign key stops the purge.
    """
    stale = session.scalars(
        select(TandemMember).where(
            TandemMember.status == MemberStatus.PENDING,
            TandemMember.consent_at < now - UNCONFIRMED_KEPT,
        )
    ).all()
    addresses = [member.email for member in stale]
    for member in stale:
        for message in session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.recipient == member.email, OutboxMessage.sent_at.is_(None)
            )
        ).all():
            # Failed for good too: there is nobody to try again for.
            message.failed_at = None
            message.drop_as_overtaken(now)
        took_part = session.scalar(
            select(func.count())
            .select_from(Tandem)
            .where(or_(Tandem.member_a_id == member.id, Tandem.member_b_id == member.id))
        )
        if took_part:
            _erase(member, now)
        else:
            session.execute(
                delete(TandemVeto).where(
                    or_(TandemVeto.member_id == member.id, TandemVeto.other_id == member.id)
                )
            )
            session.delete(member)
    session.flush()
    return addresses
