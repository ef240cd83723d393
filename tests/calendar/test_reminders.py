"""Reminders before a session: with the invite, to confirmed attendees, never twice."""

from __future__ import annotations

from datetime import timedelta

from business_corner.extensions import db
from business_corner.services.registration import register
from business_corner.services.reminders import queue_reminders
from business_corner.vocabulary import SessionStatus
from tests.calendar.support import calendar_of
from tests.support.applicants import applicant
from tests.support.records import outbox


def test_reminders_go_once_to_confirmed_attendees_of_sessions_starting_soon(
    marseille, make_session, now
):
    soon = make_session(marseille, capacity=1, starts_in=timedelta(hours=20))
    make_session(marseille, starts_in=timedelta(hours=30))  # not yet
    make_session(marseille, starts_in=timedelta(hours=2), status=SessionStatus.CANCELLED)
    register(db.session, soon.id, applicant("seated@x.fr", locale="en"), now=now)
    register(db.session, soon.id, applicant("waiting@x.fr"), now=now)

    first = queue_reminders(db.session, now, hours_before=24)
    second = queue_reminders(db.session, now + timedelta(hours=1), hours_before=24)

    assert len(first) == 1 and second == []
    (reminder,) = outbox("reminder")
    assert reminder.recipient == "seated@x.fr"
    assert reminder.subject.startswith("Reminder: Pitch your business on ")
    _, data, method = calendar_of(reminder.raw)
    assert method == "REQUEST" and soon.calendar_uid.encode() in data


def test_a_session_that_has_started_gets_no_reminder(marseille, make_session, now):
    event = make_session(marseille, starts_in=timedelta(hours=1))
    register(db.session, event.id, applicant(), now=now)
    assert queue_reminders(db.session, now + timedelta(hours=2), hours_before=24) == []


def test_the_send_reminders_command(runner, app, marseille, make_session, now):
    event = make_session(marseille, starts_in=timedelta(hours=5))
    register(db.session, event.id, applicant(), now=now)
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0 and "queued 1 reminder(s)" in result.output
    assert "queued 0 reminder(s)" in runner.invoke(args=["send-reminders"]).output
    assert "queued 0" in runner.invoke(args=["send-reminders", "--hours", "1"]).output
