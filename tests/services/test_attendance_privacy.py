"""Attendance records go with the rest of the personal data: in the export while kept,
gone from the record by address once purged after the retention period."""

from __future__ import annotations

from datetime import timedelta

from business_corner.extensions import db
from business_corner.models import Registration, WalkIn
from business_corner.services import check_in as door
from business_corner.services.check_in import CheckInRules
from business_corner.services.privacy import personal_data, purge
from business_corner.services.registration import register
from business_corner.services.walk_ins import Newcomer, add_walk_in
from business_corner.vocabulary import Attendance, Level, Sector
from tests.support.applicants import applicant

RULES = CheckInRules()


def test_after_retention_the_record_and_walk_ins_are_forgotten(
    organiser, marseille, make_session, now
):
    event = make_session(marseille, starts_in=timedelta(minutes=10), minutes=30)
    came = register(db.session, event.id, applicant("ana@x.fr"), now=now).registration_id
    door.check_in(db.session, organiser, event.id, came, now=now, rules=RULES)
    add_walk_in(
        db.session,
        organiser,
        event.id,
        Newcomer("Zoé", Level.B1, Sector.HEALTH, company="Port", email="zoe@x.fr", consent=True),
        now=now,
    )
    assert set(door.attendance_records(db.session, ["ana@x.fr", "zoe@x.fr"])) == {
        "ana@x.fr",
        "zoe@x.fr",
    }
    assert personal_data(db.session, came)["attendance_record"][0]["attendance"] == "attended"

    thirteen_months_later = now + timedelta(days=400)
    report = purge(db.session, thirteen_months_later, retention_months=12)

    assert (report.registrations, report.walk_ins) == (1, 1)
    assert door.attendance_records(db.session, ["ana@x.fr", "zoe@x.fr"]) == {}
    (walk_in,) = db.session.scalars(db.select(WalkIn)).all()
    assert (walk_in.name, walk_in.company, walk_in.email, walk_in.consent_at) == (
        "",
        "",
        None,
        None,
    )
    assert walk_in.level is Level.B1  # what statistics need stays
    # The count stays, for the chamber's statistics, with nobody behind it.
    kept = db.session.get_one(Registration, came)
    assert kept.attendance is Attendance.PRESENT and kept.email.endswith("@invalid")
    assert purge(db.session, thirteen_months_later, retention_months=12).walk_ins == 0


def test_walk_ins_of_recent_sessions_are_kept(organiser, marseille, make_session, now):
    event = make_session(marseille, starts_in=timedelta(minutes=10))
    add_walk_in(db.session, organiser, event.id, Newcomer("Zoé", Level.B1, Sector.HEALTH), now=now)
    assert purge(db.session, now + timedelta(days=30)).walk_ins == 0
    assert db.session.scalars(db.select(WalkIn.name)).all() == ["Zoé"]
