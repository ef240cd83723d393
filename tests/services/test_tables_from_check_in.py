"""The table planner seats who is really in the room: every confirmed attendee until check-in
starts, then only those checked in; walk-ins always (they are there by definition)."""

from __future__ import annotations

from datetime import timedelta

from business_corner.extensions import db
from business_corner.services import check_in as door
from business_corner.services.check_in import CheckInRules
from business_corner.services.registration import register
from business_corner.services.tables import session_plans
from business_corner.services.walk_ins import Newcomer, add_walk_in
from business_corner.vocabulary import Level, Sector
from tests.support.applicants import applicant


def seated_names(event_id: int) -> list[str]:
    db.session.expire_all()
    return [guest.name for guest in session_plans.guests_of(db.session, event_id)]


def test_the_planner_seats_the_checked_in_and_walk_ins_once_check_in_has_started(
    organiser, marseille, make_session, now
):
    # Three seats taken and one person waiting (never seated), half an hour before the start.
    event = make_session(marseille, capacity=3, starts_in=timedelta(minutes=30))
    ids = {
        name: register(
            db.session, event.id, applicant(f"{name.lower()}@x.fr", first_name=name), now=now
        ).registration_id
        for name in ("Ana", "Ben", "Chloe", "Dan")
    }
    for name in ("Zoé", "Yann"):
        add_walk_in(
            db.session, organiser, event.id, Newcomer(name, Level.B2, Sector.HEALTH), now=now
        )

    # Before check-in starts: everyone with a seat (not Dan, who waits), then the walk-ins.
    assert seated_names(event.id) == ["Ana Martin", "Ben Martin", "Chloe Martin", "Zoé", "Yann"]

    door.check_in(db.session, organiser, event.id, ids["Ben"], now=now, rules=CheckInRules())

    assert seated_names(event.id) == ["Ben Martin", "Zoé", "Yann"]
    assert [r.id for r in session_plans.people_there(db.session, event.id)] == [ids["Ben"]]
