"""Mail through a real SMTP server on loopback: delivery, outage, retry, no double send."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import OutboxMessage, Registration
from business_corner.services.mail.backends import FileBackend, SMTPBackend
from business_corner.services.mail.delivery import (
    DeliveryReport,
    describe_failure,
    retry_delay,
)
from business_corner.services.registration import register
from business_corner.vocabulary import RegistrationStatus
from tests.support.applicants import applicant
from tests.support.mail import deliver
from tests.support.records import outbox

SENDER = "no-reply@business-corner.test"


@pytest.fixture
def smtp_backend(smtp_server):
    return SMTPBackend("127.0.0.1", smtp_server.port, timeout=5)


def test_a_registration_is_delivered_through_smtp(
    marseille, make_session, now, smtp_server, smtp_backend
):
    event = make_session(marseille)
    register(db.session, event.id, applicant("ana@example.com", locale="en"), now=now)

    report = deliver(smtp_backend, now)

    assert report == DeliveryReport(sent=1, failed=0)
    (received,) = smtp_server.received
    assert received.recipients == ["ana@example.com"]
    assert received.sender == SENDER
    assert received.message["Subject"].startswith("Your place is confirmed")
    (message,) = outbox()
    assert message.sent_at is not None and message.attempts == 1 and message.last_error == ""


def test_an_smtp_outage_keeps_the_registration_and_the_mail_is_retried(
    marseille, make_session, now, smtp_server, smtp_backend
):
    event = make_session(marseille)
    smtp_server.stop()  # the mail server is down when the attendee registers
    register(db.session, event.id, applicant("ana@example.com"), now=now)

    failed = deliver(smtp_backend, now)

    assert failed == DeliveryReport(sent=0, failed=1)
    (registration,) = db.session.scalars(db.select(Registration)).all()
    assert registration.status is RegistrationStatus.CONFIRMED
    (message,) = outbox()
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error.startswith("ConnectionRefusedError")
    assert message.next_attempt_at == now + retry_delay(1)
    # Not due yet: nothing is tried again before the backoff.
    assert deliver(smtp_backend, now + timedelta(seconds=5)) == DeliveryReport()

    smtp_server.start()  # the server is back
    later = now + retry_delay(1)
    assert deliver(smtp_backend, later) == DeliveryReport(sent=1)
    assert len(smtp_server.received) == 1
    assert outbox()[0].attempts == 2 and outbox()[0].sent_at == later


def test_a_sent_message_is_never_sent_again(
    marseille, make_session, now, smtp_server, smtp_backend
):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now)
    deliver(smtp_backend, now)
    deliver(smtp_backend, now + timedelta(hours=2))
    assert len(smtp_server.received) == 1


def test_a_message_claimed_by_another_sender_is_left_alone(
    marseille, make_session, now, smtp_server, smtp_backend
):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now)
    (message,) = outbox()
    message.claimed_until = now + timedelta(minutes=5)  # another worker is sending it
    db.session.commit()

    assert deliver(smtp_backend, now) == DeliveryReport()
    assert smtp_server.received == []
    # If that worker died, its claim runs out and the message goes after all.
    assert deliver(smtp_backend, now + timedelta(minutes=6)).sent == 1


def test_retries_back_off_up_to_six_hours():
    assert [retry_delay(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (1, 2, 4)]
    assert retry_delay(30) == timedelta(hours=6)


def test_failure_descriptions_hold_no_address():
    refused = smtplib.SMTPRecipientsRefused(
        {"ana@example.com": (550, b"no such user ana@example.com")}
    )
    assert describe_failure(refused) == "SMTPRecipientsRefused 550"
    assert "example.com" not in describe_failure(smtplib.SMTPDataError(554, b"ana@example.com"))


def test_the_file_backend_writes_an_eml_per_message(marseille, make_session, now, tmp_path):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now)
    deliver(FileBackend(tmp_path / "mail"), now)
    (eml,) = (tmp_path / "mail").glob("*.eml")
    raw = eml.read_bytes()
    assert raw == db.session.scalars(db.select(OutboxMessage.raw)).one()
    assert b"\r\n" in raw and b"Subject:" in raw
    assert not list((tmp_path / "mail").glob("*.part"))


def test_a_registration_only_records_its_notice_the_sender_writes_it_out(
    marseille, make_session, now, tmp_path
):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now)
    (recorded,) = db.session.scalars(db.select(OutboxMessage)).all()
    assert recorded.raw is None and recorded.kind == "confirmed"  # nothing composed yet
    deliver(FileBackend(tmp_path), now)
    db.session.refresh(recorded)
    assert (
        b"METHOD:REQUEST" in recorded.raw.replace(b"\r\n", b"") or b"text/calendar" in recorded.raw
    )
    assert recorded.subject.startswith("Votre place est confirmée")


def test_a_waiting_list_notice_overtaken_by_a_promotion_is_not_sent(
    marseille, make_session, now, tmp_path
):
    from business_corner.models.outbox import OVERTAKEN
    from business_corner.services.registration import cancel_registration

    event = make_session(marseille, capacity=1)
    first = register(db.session, event.id, applicant("a@x.fr"), now=now)
    register(db.session, event.id, applicant("b@x.fr"), now=now)
    cancel_registration(db.session, first.registration_id, now=now)  # b promoted before any send

    report = deliver(FileBackend(tmp_path), now + timedelta(seconds=1))

    assert report.dropped == 1
    waitlisted = db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.kind == "waitlisted")
    ).one()
    assert waitlisted.sent_at is not None and waitlisted.last_error == OVERTAKEN
    sent = sorted(path.name.split("-", 3)[-1] for path in tmp_path.glob("*.eml"))
    assert sent == ["confirmed.eml", "promoted.eml", "registration_cancelled.eml"]


def test_one_round_sends_over_one_smtp_connection(
    marseille, make_session, now, smtp_server, smtp_backend
):
    event = make_session(marseille)
    for name in ("ana", "ben", "chloe"):
        register(db.session, event.id, applicant(f"{name}@example.com"), now=now)

    assert deliver(smtp_backend, now) == DeliveryReport(sent=3)

    assert len(smtp_server.received) == 3
    assert len({received.peer for received in smtp_server.received}) == 1


def test_a_connection_the_server_dropped_between_messages_is_opened_again(
    smtp_server, smtp_backend
):
    smtp_backend.send(SENDER, "ana@example.com", b"Subject: one\r\n\r\nfirst\r\n", name="1")
    smtp_server.stop()  # the server restarts: the connection the backend kept is gone
    smtp_server.start()

    smtp_backend.send(SENDER, "ben@example.com", b"Subject: two\r\n\r\nsecond\r\n", name="2")
    smtp_backend.close()

    assert [received.recipients for received in smtp_server.received] == [
        ["ana@example.com"],
        ["ben@example.com"],
    ]
