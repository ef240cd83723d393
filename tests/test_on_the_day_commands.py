"""``confirm-or-release`` and ``record-no-shows``, as cron runs them: idempotent."""

from __future__ import annotations

from datetime import timedelta

from business_corner.extensions import db
from business_corner.models import EventSession
from business_corner.services import check_in as door
from business_corner.services.check_in import CheckInRules
from business_corner.services.registration import register
from tests.support.applicants import applicant


def test_confirm_or_release_asks_once(runner, marseille, make_session, now):
    event = make_session(marseille, starts_in=timedelta(hours=40))
    event.confirm_or_release = True
    db.session.commit()
    register(db.session, event.id, applicant(), now=now)

    first = runner.invoke(args=["confirm-or-release"])
    second = runner.invoke(args=["confirm-or-release"])

    assert first.exit_code == 0, first.output
    assert "asked 1 attendee(s); released 0 seat(s)" in first.output
    assert "asked 0 attendee(s)" in second.output
    db.session.expire_all()
    assert db.session.get_one(EventSession, event.id).confirm_asked_at is not None


def test_record_no_shows_records_once(runner, organiser, marseille, make_session, now):
    # A session that ended ten minutes ago, where one of two people was checked in.
    event = make_session(marseille, starts_in=timedelta(minutes=5), minutes=1)
    came = register(db.session, event.id, applicant("came@x.fr"), now=now).registration_id
    register(db.session, event.id, applicant("missed@x.fr"), now=now)
    door.check_in(db.session, organiser, event.id, came, now=now, rules=CheckInRules())
    event = db.session.get_one(EventSession, event.id)
    event.starts_at, event.ends_at = now - timedelta(hours=1), now - timedelta(minutes=10)
    db.session.commit()

    assert "recorded 1 no-show(s)" in runner.invoke(args=["record-no-shows"]).output
    assert "recorded 0 no-show(s)" in runner.invoke(args=["record-no-shows"]).output
