"""What organisers see of the programme: members per city, and the pairs made, held, missed
and continued, per round and across rounds (only published rounds count)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from business_corner.extensions import db
from business_corner.models import Tandem, TandemRound
from business_corner.services.tandems import outcomes, overview, rounds
from business_corner.vocabulary import MemberStatus, TandemFrequency, TandemReport, TandemState
from tests.support.tandems import CITIES, ROUND_START, make_member

LA_HOURS = "mon-fri 08:00-10:00"


def publish_round(organiser, starts_on, now) -> list[Tandem]:
    round_id = rounds.run_round(db.session, organiser, starts_on, 5, cities=CITIES, now=now)
    rounds.publish(db.session, organiser, round_id, now=now)
    return list(
        db.session.scalars(select(Tandem).where(Tandem.round_id == round_id).order_by(Tandem.id))
    )


def answer(tandem, side, report, again=None):
    member = tandem.member_a if side == "a" else tandem.member_b
    after = tandem.ends_at + timedelta(minutes=5)
    outcomes.record_answer(db.session, member.id, tandem.id, report, again, now=after)


def test_the_programme_figures_count_pairs_held_missed_and_continued(
    marseille, los_angeles, organiser, before_round
):
    for _ in range(2):
        make_member(marseille, now=before_round)
        make_member(los_angeles, hours=LA_HOURS, now=before_round)
    make_member(marseille, status=MemberStatus.PENDING, now=before_round)
    make_member(los_angeles, hours=LA_HOURS, frequency=TandemFrequency.PAUSED, now=before_round)
    assert overview.totals(db.session) == overview.Totals(0, 0, 0, 0, 0)

    # Round 1: one pair held and both want to talk again, the other missed.
    first = publish_round(organiser, ROUND_START, before_round)
    assert len(first) == 2
    answer(first[0], "a", TandemReport.HELD, True)
    answer(first[0], "b", TandemReport.HELD, True)
    answer(first[1], "a", TandemReport.PARTNER_ABSENT)
    # Round 2, new partners: one pair held (one "again" only: not continued), one unanswered.
    second = publish_round(organiser, ROUND_START + timedelta(days=14), before_round)
    assert len(second) == 2
    answer(second[0], "a", TandemReport.HELD, True)
    answer(second[0], "b", TandemReport.HELD, False)
    # A proposal not published yet counts nowhere.
    make_member(marseille, now=before_round)
    make_member(los_angeles, hours=LA_HOURS, now=before_round)
    rounds.run_round(
        db.session, organiser, ROUND_START + timedelta(days=28), 5, cities=CITIES, now=before_round
    )
    db.session.expire_all()

    assert overview.totals(db.session) == overview.Totals(
        rounds=2, pairs=4, held=2, missed=1, continued=1
    )
    per_round = {
        found.starts_on: rounds.round_counts(found.tandems)
        for found in rounds.all_rounds(db.session)
    }
    assert per_round[ROUND_START] == rounds.RoundCounts(
        pairs=2, held=1, missed=1, declined=0, cancelled=0, continued=1
    )
    assert per_round[ROUND_START + timedelta(days=14)] == rounds.RoundCounts(
        pairs=2, held=1, missed=0, declined=0, cancelled=0, continued=0
    )
    assert [t.state for t in second] == [TandemState.HELD, TandemState.SCHEDULED]
    assert db.session.scalar(select(db.func.count()).select_from(TandemRound)) == 3

    assert overview.members_by_city(db.session, CITIES) == [
        overview.CityMembers("Marseille", active=3, paused=0, unconfirmed=1),
        overview.CityMembers("Los Angeles", active=3, paused=1, unconfirmed=0),
    ]
