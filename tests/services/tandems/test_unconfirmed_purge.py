"""Tandem sign-ups whose address is never confirmed are not kept: the daily purge forgets
them a week after the sign-up, with the mail sent to them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from business_corner.extensions import db
from business_corner.models import OutboxMessage, Tandem, TandemMember
from business_corner.services.privacy import purge
from business_corner.services.tandems import membership, rounds
from business_corner.services.tandems.hours import DEFAULT_HOURS
from business_corner.services.tandems.membership import UNCONFIRMED_KEPT, Application, MemberDetails
from business_corner.vocabulary import Level, MemberStatus, Notice, Sector
from tests.support.tandems import CITIES, ROUND_START, make_member

LA_HOURS = "mon-fri 08:00-10:00"
DETAILS = MemberDetails("Ana", "Martin", "Olives", Sector.AGRIFOOD, Level.B1, DEFAULT_HOURS)


def sign_up(email, when):
    application = Application(DETAILS, email, "marseille", "fr", True)
    return membership.sign_up(db.session, application, cities=CITIES, now=when)


def test_the_purge_forgets_sign_ups_not_confirmed_within_a_week(
    marseille, los_angeles, before_round
):
    now = before_round
    stale = sign_up("stale@example.com", now - UNCONFIRMED_KEPT - timedelta(hours=1))
    recent = sign_up("recent@example.com", now - UNCONFIRMED_KEPT + timedelta(hours=1))
    confirmed = sign_up("kept@example.com", now - timedelta(days=60))
    membership.confirm(db.session, confirmed, now=now - timedelta(days=59))
    confirm_mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "stale@example.com")
    ).one()
    confirm_mail.sent_at = now - timedelta(days=7, hours=1)  # it went out
    db.session.commit()

    report = purge(db.session, now)

    assert report.tandem_members == 1
    db.session.expire_all()
    assert db.session.get(TandemMember, stale) is None
    assert db.session.get(TandemMember, recent).status is MemberStatus.PENDING
    assert db.session.get(TandemMember, confirmed).status is MemberStatus.ACTIVE
    emptied = db.session.get(OutboxMessage, confirm_mail.id)
    assert (emptied.recipient, emptied.recipient_name, emptied.raw) == ("", None, b"")
    assert (
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == "stale@example.com")
        ).all()
        == []
    )
    # Idempotent.
    assert purge(db.session, now).tandem_members == 0


def test_mail_still_owed_to_a_forgotten_sign_up_is_dropped(marseille, before_round):
    stale = sign_up("stale@example.com", before_round - timedelta(days=8))
    [owed] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == Notice.TANDEM_CONFIRM)
    ).all()
    owed.failed_at = before_round - timedelta(days=7)  # it never went out
    db.session.commit()

    assert purge(db.session, before_round).tandem_members == 1

    db.session.expire_all()
    assert db.session.get(TandemMember, stale) is None
    dropped = db.session.get(OutboxMessage, owed.id)
    assert dropped.sent_at is not None and dropped.failed_at is None and dropped.recipient == ""


def test_a_pending_row_with_past_tandems_is_erased_not_deleted(
    marseille, los_angeles, organiser, before_round
):
    ana = make_member(marseille, now=before_round)
    make_member(los_angeles, hours=LA_HOURS, now=before_round)
    round_id = rounds.run_round(
        db.session, organiser, ROUND_START, 5, cities=CITIES, now=before_round
    )
    rounds.publish(db.session, organiser, round_id, now=before_round)
    ana.status, ana.confirmed_at = MemberStatus.PENDING, None
    db.session.commit()

    later = before_round + timedelta(days=30)
    assert purge(db.session, later).tandem_members == 1

    db.session.expire_all()
    erased = db.session.get(TandemMember, ana.id)
    assert erased.status is MemberStatus.LEFT and erased.first_name == ""
    assert erased.email.endswith("@invalid")
    assert len(db.session.scalars(select(Tandem)).all()) == 1


def test_the_purge_command_says_how_many_sign_ups_it_forgot(marseille, runner, now):
    sign_up("stale@example.com", now - timedelta(days=8))
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "forgot 1 tandem sign-up(s) never confirmed" in result.output
