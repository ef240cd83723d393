"""Running, reviewing and publishing a round; declining and moving a tandem."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from business_corner.extensions import db
from business_corner.models import Tandem, TandemRound, TandemVeto
from business_corner.services.tandems import replies, rounds
from business_corner.services.tandems.reasons import WhyCode
from business_corner.vocabulary import (
    Level,
    MemberStatus,
    Notice,
    RoundStatus,
    Sector,
    TandemFrequency,
    TandemState,
)
from tests.support.tandems import CITIES, ROUND_START, details_of, make_member, messages_to


@pytest.fixture
def two_cities(marseille, los_angeles, organiser):
    return marseille, los_angeles


def run(organiser, now, days=5):
    return rounds.run_round(db.session, organiser, ROUND_START, days, cities=CITIES, now=now)


def test_a_round_pairs_by_fit_and_tells_nobody_until_published(two_cities, organiser, before_round):
    marseille, los_angeles = two_cities
    ana = make_member(
        marseille, seeks=frozenset({Sector.TRADE}), sector=Sector.AGRIFOOD, now=before_round
    )
    eve = make_member(marseille, sector=Sector.HEALTH, now=before_round)
    ben = make_member(
        los_angeles,
        english=Level.C2,
        sector=Sector.TRADE,
        seeks=frozenset({Sector.AGRIFOOD}),
        hours="mon-fri 08:00-10:00",
        now=before_round,
    )
    round_id = run(organiser, before_round)
    proposal = db.session.get(TandemRound, round_id)
    assert proposal.status is RoundStatus.PROPOSED
    [tandem] = proposal.tandems
    assert (tandem.member_a_id, tandem.member_b_id) == (ana.id, ben.id)
    assert [w["code"] for w in json.loads(tandem.why)][:2] == [WhyCode.FINDS, WhyCode.FINDS]
    [left] = proposal.unpaired_list()
    assert left["member_id"] == eve.id and left["code"] == WhyCode.OTHERS_TAKEN
    assert messages_to(ana.email) == []

    assert rounds.publish(db.session, organiser, round_id, now=before_round) == 1
    assert tandem.state is TandemState.SCHEDULED
    assert proposal.organizer_chapter_id == organiser.chapter_id
    for member in (ana, ben):
        [invite] = messages_to(member.email, Notice.TANDEM_INVITE)
        assert details_of(invite)["tandem_id"] == tandem.id


def test_never_paired_again_after_meeting_or_a_no_thanks(two_cities, organiser, before_round):
    marseille, los_angeles = two_cities
    ana = make_member(marseille, now=before_round)
    ben = make_member(los_angeles, hours="mon-fri 08:00-10:00", now=before_round)
    rounds.publish(db.session, organiser, run(organiser, before_round), now=before_round)
    second = db.session.get(TandemRound, run(organiser, before_round))
    assert second.tandems == []
    assert {u["code"] for u in second.unpaired_list()} == {WhyCode.ALREADY_MET_ALL}

    # A veto works the same without any meeting.
    cleo = make_member(marseille, now=before_round)
    dan = make_member(los_angeles, hours="mon-fri 08:00-10:00", now=before_round)
    db.session.add(TandemVeto(member_id=dan.id, other_id=cleo.id))
    db.session.commit()
    third = db.session.get(TandemRound, run(organiser, before_round))
    pairs = {(t.member_a_id, t.member_b_id) for t in third.tandems}
    assert pairs == {(ana.id, dan.id), (cleo.id, ben.id)}


def test_paused_and_every_other_round_members_sit_out(two_cities, organiser, before_round):
    marseille, los_angeles = two_cities
    make_member(marseille, frequency=TandemFrequency.PAUSED, now=before_round)
    ana = make_member(marseille, frequency=TandemFrequency.EVERY_OTHER_ROUND, now=before_round)
    make_member(los_angeles, hours="mon-fri 08:00-10:00", now=before_round)
    make_member(los_angeles, hours="mon-fri 08:00-10:00", now=before_round)
    pending = make_member(marseille, status=MemberStatus.PENDING, now=before_round)
    first = run(organiser, before_round)
    assert len(db.session.get(TandemRound, first).tandems) == 1
    rounds.publish(db.session, organiser, first, now=before_round)
    second = db.session.get(TandemRound, run(organiser, before_round))
    codes = {u["member_id"]: u["code"] for u in second.unpaired_list()}
    assert codes[ana.id] == WhyCode.OTHER_ROUND
    assert WhyCode.PAUSED in codes.values()
    # Nobody from Marseille takes part: Los Angeles is told why.
    assert set(codes.values()) - {WhyCode.OTHER_ROUND, WhyCode.PAUSED} == {
        WhyCode.NOBODY_IN_OTHER_CITY
    }
    # The member who has not confirmed their address is not even listed.
    assert pending.id not in codes


def test_swap_and_drop_in_a_proposal(two_cities, organiser, before_round):
    marseille, los_angeles = two_cities
    for _ in range(2):
        make_member(marseille, now=before_round)
        make_member(los_angeles, hours="mon-fri 08:00-10:00", now=before_round)
    proposal = db.session.get(TandemRound, run(organiser, before_round))
    first, second = proposal.tandems
    b1, b2 = first.member_b_id, second.member_b_id
    rounds.swap(db.session, organiser, proposal.id, first.id, second.id, now=before_round)
    assert (first.member_b_id, second.member_b_id) == (b2, b1)
    assert json.loads(first.why)[0]["code"] == WhyCode.CHOSEN_BY_ORGANISER
    with pytest.raises(rounds.SwapNotPossible):
        rounds.swap(db.session, organiser, proposal.id, first.id, first.id, now=before_round)
    rounds.drop(db.session, organiser, proposal.id, first.id, now=before_round)
    assert len(proposal.tandems) == 1
    assert sum(u["code"] == WhyCode.DROPPED for u in proposal.unpaired_list()) == 2
    rounds.publish(db.session, organiser, proposal.id, now=before_round)
    with pytest.raises(rounds.NotAProposal):
        rounds.swap(db.session, organiser, proposal.id, second.id, second.id, now=before_round)


def test_a_swap_into_a_pair_without_common_hours_is_refused(two_cities, organiser, before_round):
    marseille, los_angeles = two_cities
    make_member(marseille, hours="mon 17:00-18:00", now=before_round)
    make_member(marseille, hours="tue 17:00-18:00", now=before_round)
    make_member(los_angeles, hours="mon 08:00-09:00", now=before_round)
    make_member(los_angeles, hours="tue 08:00-09:00", now=before_round)
    proposal = db.session.get(TandemRound, run(organiser, before_round))
    first, second = proposal.tandems
    with pytest.raises(rounds.SwapNotPossible):
        rounds.swap(db.session, organiser, proposal.id, first.id, second.id, now=before_round)


def published_pair(marseille, los_angeles, organiser, now):
    ana = make_member(marseille, now=now)
    ben = make_member(los_angeles, hours="mon-fri 08:00-10:00", now=now)
    round_id = run(organiser, now)
    rounds.publish(db.session, organiser, round_id, now=now)
    tandem = db.session.scalars(select(Tandem).where(Tandem.round_id == round_id)).one()
    return ana, ben, tandem


def test_declining_tells_the_partner_and_cancels_both_calendars(
    two_cities, organiser, before_round
):
    ana, ben, tandem = published_pair(*two_cities, organiser, before_round)
    uid = tandem.calendar_uid
    replies.decline(db.session, ben.id, tandem.id, now=before_round)
    assert tandem.state is TandemState.DECLINED and tandem.calendar_sequence == 1
    assert tandem.calendar_uid == uid
    assert (
        details_of(messages_to(ana.email, Notice.TANDEM_CANCELLED)[0])["why"] == "partner_declined"
    )
    assert details_of(messages_to(ben.email, Notice.TANDEM_CANCELLED)[0])["why"] == "you_declined"
    with pytest.raises(replies.TandemOver):
        replies.decline(db.session, ben.id, tandem.id, now=before_round)


def test_another_slot_moves_the_tandem_for_both(two_cities, organiser, before_round):
    ana, ben, tandem = published_pair(*two_cities, organiser, before_round)
    before = tandem.starts_at
    moved = replies.another_slot(db.session, ana.id, tandem.id, now=before_round)
    assert moved != before and tandem.starts_at == moved and tandem.calendar_sequence == 1
    for member, asked in ((ana, True), (ben, False)):
        latest = messages_to(member.email, Notice.TANDEM_INVITE)[-1]
        assert details_of(latest)["changes"] == ["time"]
        assert details_of(latest)["asked_by_you"] is asked


def test_no_other_slot_is_said(two_cities, organiser, before_round):
    marseille, los_angeles = two_cities
    make_member(marseille, hours="mon 17:00-17:30", now=before_round)
    make_member(los_angeles, hours="mon 08:00-08:30", now=before_round)
    round_id = rounds.run_round(
        db.session, organiser, ROUND_START, 1, cities=CITIES, now=before_round
    )
    rounds.publish(db.session, organiser, round_id, now=before_round)
    tandem = db.session.scalars(select(Tandem)).one()
    with pytest.raises(replies.NoOtherSlot):
        replies.another_slot(db.session, tandem.member_a_id, tandem.id, now=before_round)


def test_a_tandem_is_only_its_members(two_cities, organiser, before_round):
    _, _, tandem = published_pair(*two_cities, organiser, before_round)
    stranger = make_member(two_cities[0], now=before_round)
    with pytest.raises(replies.NotFound):
        replies.decline(db.session, stranger.id, tandem.id, now=before_round)


def test_organisers_cancel_a_published_tandem(two_cities, organiser, before_round):
    ana, _, tandem = published_pair(*two_cities, organiser, before_round)
    rounds.drop(db.session, organiser, tandem.round_id, tandem.id, now=before_round)
    assert tandem.state is TandemState.CANCELLED
    assert details_of(messages_to(ana.email, Notice.TANDEM_CANCELLED)[0])["why"] == "organiser"
    with pytest.raises(replies.TandemOver):
        rounds.drop(
            db.session,
            organiser,
            tandem.round_id,
            tandem.id,
            now=tandem.starts_at + timedelta(hours=1),
        )
