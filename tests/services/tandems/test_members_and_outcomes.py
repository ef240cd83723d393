"""Signing up (double opt-in), changing, leaving; after the slot: answers and no-shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from business_corner.extensions import db
from business_corner.models import OutboxMessage, Tandem, TandemMember
from business_corner.services.tandems import membership, outcomes, rounds
from business_corner.services.tandems.hours import DEFAULT_HOURS, parse_hours
from business_corner.services.tandems.membership import Application, MemberDetails
from business_corner.vocabulary import (
    Level,
    MemberStatus,
    Notice,
    Sector,
    TandemFrequency,
    TandemReport,
    TandemState,
)
from tests.support.tandems import CITIES, ROUND_START, make_member, messages_to

DETAILS = MemberDetails("Ana", "Martin", "Olives", Sector.AGRIFOOD, Level.B1, DEFAULT_HOURS)


def apply(email="ana@example.com", city="marseille", consent=True, details=DETAILS):
    return Application(details, email, city, "fr", consent)


def test_sign_up_waits_for_the_confirmed_address(marseille, los_angeles, before_round):
    member_id = membership.sign_up(db.session, apply(), cities=CITIES, now=before_round)
    member = db.session.get(TandemMember, member_id)
    assert member.status is MemberStatus.PENDING and member.confirmed_at is None
    assert [m.kind for m in messages_to("ana@example.com")] == [Notice.TANDEM_CONFIRM]
    # Again within a quarter of an hour: no second message (no inbox flooding).
    membership.sign_up(db.session, apply(), cities=CITIES, now=before_round + timedelta(minutes=1))
    assert len(messages_to("ana@example.com")) == 1
    assert membership.confirm(db.session, member_id, now=before_round) is True
    assert member.status is MemberStatus.ACTIVE
    assert membership.confirm(db.session, member_id, now=before_round) is False
    # An active member signing up again gets their link; their details do not change.
    other = MemberDetails("Someone", "Else", "X", Sector.OTHER, Level.C2, DEFAULT_HOURS)
    later = before_round + timedelta(hours=1)
    assert (
        membership.sign_up(db.session, apply(details=other), cities=CITIES, now=later) == member_id
    )
    assert member.first_name == "Ana"
    assert messages_to("ana@example.com")[-1].kind == Notice.TANDEM_LINK


@pytest.mark.parametrize(
    ("application", "error"),
    [
        (apply(consent=False), membership.ConsentRequired),
        (apply(city="paris"), membership.UnknownCity),
    ],
)
def test_sign_up_refusals_change_nothing(marseille, before_round, application, error):
    with pytest.raises(error):
        membership.sign_up(db.session, application, cities=CITIES, now=before_round)
    assert db.session.scalars(select(TandemMember)).all() == []
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_details_and_hours_change(marseille, before_round):
    member = make_member(marseille, now=before_round)
    hours = parse_hours("tue-thu 12:00-14:00")
    changed = MemberDetails(
        "Ana",
        "Martin",
        "Olives",
        Sector.AGRIFOOD,
        Level.B2,
        hours,
        TandemFrequency.EVERY_OTHER_ROUND,
        Level.A2,
        frozenset({Sector.AGRIFOOD}),
        "oil",
        frozenset({Sector.TRADE}),
        "a US distributor",
    )
    membership.update_details(db.session, member.id, changed, now=before_round)
    assert member.hours == "tue-thu 12:00-14:00"
    assert member.frequency is TandemFrequency.EVERY_OTHER_ROUND
    assert member.seeks == frozenset({Sector.TRADE}) and member.french_level is Level.A2


def held_tandem(marseille, los_angeles, organiser, now):
    ana = make_member(marseille, now=now)
    ben = make_member(los_angeles, hours="mon-fri 08:00-10:00", now=now)
    round_id = rounds.run_round(db.session, organiser, ROUND_START, 5, cities=CITIES, now=now)
    rounds.publish(db.session, organiser, round_id, now=now)
    return ana, ben, db.session.scalars(select(Tandem).where(Tandem.round_id == round_id)).one()


def test_questions_go_once_after_the_slot(marseille, los_angeles, organiser, before_round):
    ana, _, tandem = held_tandem(marseille, los_angeles, organiser, before_round)
    assert outcomes.queue_follow_ups(db.session, tandem.starts_at) == []
    after = tandem.ends_at + timedelta(minutes=5)
    assert len(outcomes.queue_follow_ups(db.session, after)) == 2
    assert outcomes.queue_follow_ups(db.session, after + timedelta(hours=1)) == []
    assert len(messages_to(ana.email, Notice.TANDEM_FOLLOW_UP)) == 1


def test_two_yeses_make_a_contact_that_continued(marseille, los_angeles, organiser, before_round):
    ana, ben, tandem = held_tandem(marseille, los_angeles, organiser, before_round)
    after = tandem.ends_at + timedelta(minutes=5)
    with pytest.raises(outcomes.NotYet):
        outcomes.record_answer(
            db.session, ana.id, tandem.id, TandemReport.HELD, True, now=tandem.starts_at
        )
    outcomes.record_answer(db.session, ana.id, tandem.id, TandemReport.HELD, True, now=after)
    assert tandem.state is TandemState.HELD and not tandem.continues
    outcomes.record_answer(db.session, ben.id, tandem.id, TandemReport.HELD, True, now=after)
    assert tandem.continues


def test_two_no_shows_in_a_row_pause_the_member_who_can_resume(
    marseille, los_angeles, organiser, before_round
):
    ana = make_member(marseille, now=before_round)
    partners = [
        make_member(los_angeles, hours="mon-fri 08:00-10:00", now=before_round) for _ in range(2)
    ]
    for _ in partners:
        round_id = rounds.run_round(
            db.session, organiser, ROUND_START, 5, cities=CITIES, now=before_round
        )
        rounds.publish(db.session, organiser, round_id, now=before_round)
        tandem = db.session.scalars(select(Tandem).where(Tandem.round_id == round_id)).one()
        partner = tandem.member_b
        after = tandem.ends_at + timedelta(minutes=5)
        outcomes.record_answer(
            db.session, partner.id, tandem.id, TandemReport.PARTNER_ABSENT, None, now=after
        )
        # Told twice, counted once.
        outcomes.record_answer(
            db.session, partner.id, tandem.id, TandemReport.PARTNER_ABSENT, None, now=after
        )
        assert tandem.state is TandemState.MISSED
    assert ana.no_shows_in_a_row == 2
    assert ana.frequency is TandemFrequency.PAUSED and ana.paused_for_no_shows_at is not None
    assert len(messages_to(ana.email, Notice.TANDEM_PAUSED)) == 1
    assert [p.no_shows_in_a_row for p in partners] == [0, 0]
    membership.set_frequency(db.session, ana.id, TandemFrequency.EVERY_ROUND, now=before_round)
    assert ana.no_shows_in_a_row == 0 and ana.paused_for_no_shows_at is None


def test_no_thanks_only_to_a_past_partner_and_leaving_erases(
    marseille, los_angeles, organiser, before_round
):
    ana, ben, tandem = held_tandem(marseille, los_angeles, organiser, before_round)
    stranger = make_member(los_angeles, now=before_round)
    with pytest.raises(membership.NotAPastPartner):
        membership.say_no_thanks(db.session, ana.id, stranger.id, now=before_round)
    membership.say_no_thanks(db.session, ana.id, ben.id, now=before_round)
    membership.say_no_thanks(db.session, ana.id, ben.id, now=before_round)
    assert membership.past_partners(db.session, ana.id) == [(ben, True)]

    written = []

    def write_out(session, message, now):
        written.append(message.recipient)
        message.raw = b"written"
        return True

    address = ben.email
    membership.leave(db.session, ben.id, now=before_round, write_out=write_out)
    assert written == [address]
    assert tandem.state is TandemState.DECLINED
    assert (
        ben.status is MemberStatus.LEFT and ben.email.endswith("@invalid") and ben.first_name == ""
    )
    assert messages_to(ana.email, Notice.TANDEM_CANCELLED)
    with pytest.raises(membership.NotFound):
        membership.get_member(db.session, ben.id)
