"""/healthz shows whether a mail sender runs and how long due mail has waited."""

from __future__ import annotations

from datetime import timedelta

from business_corner.extensions import db
from business_corner.services.mail.outbox import record_heartbeat
from business_corner.services.registration import register
from tests.support.applicants import applicant


def test_without_a_sender_healthz_says_so_and_how_long_mail_has_waited(
    client, marseille, make_session, now
):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now - timedelta(minutes=10))

    mail = client.get("/healthz").json["mail"]

    assert mail["sender"] == "not seen" and mail["sender_seen_seconds_ago"] is None
    assert mail["oldest_due_seconds"] >= 600


def test_a_sender_that_recorded_its_heartbeat_is_seen(client, now):
    record_heartbeat(db.session, "mail-1:42", now)
    mail = client.get("/healthz").json["mail"]
    assert mail["sender"] == "running" and mail["oldest_due_seconds"] == 0


def test_a_sender_silent_for_minutes_is_not_counted(client, now):
    record_heartbeat(db.session, "mail-1:42", now - timedelta(minutes=10))
    assert client.get("/healthz").json["mail"]["sender"] == "not seen"
