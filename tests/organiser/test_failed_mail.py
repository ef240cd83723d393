"""Organisers see their chapter's waiting and failed mail, and can try a failed one again."""

from __future__ import annotations

from sqlalchemy import update

from business_corner.extensions import db
from business_corner.models import OutboxMessage
from business_corner.services.registration import register
from tests.support.applicants import applicant


def _failed_message(event_id: int, now) -> int:
    outcome = register(db.session, event_id, applicant("ana@example.com"), now=now)
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.registration_id == outcome.registration_id)
        .values(failed_at=now, attempts=12, last_error="SMTPRecipientsRefused 550")
    )
    db.session.commit()
    return db.session.scalars(
        db.select(OutboxMessage.id).where(OutboxMessage.registration_id == outcome.registration_id)
    ).one()


def test_the_dashboard_shows_waiting_and_failed_mail_with_the_reason(
    client, login, organiser, marseille, make_session, now
):
    event = make_session(marseille)
    _failed_message(event.id, now)
    register(db.session, event.id, applicant("ben@example.com", first_name="Ben"), now=now)
    login(organiser)

    page = client.get("/organiser/").get_data(as_text=True)

    assert "1 e-mail concernant vos sessions attend d’être envoyé." in page
    assert "SMTPRecipientsRefused 550" in page and "Participant : Ana Martin" in page
    assert "Place confirmée" in page


def test_an_organiser_retries_a_failed_message(
    client, login, organiser, marseille, make_session, now
):
    event = make_session(marseille)
    message_id = _failed_message(event.id, now)
    login(organiser)

    response = client.post(f"/organiser/mail/{message_id}/retry")

    assert response.status_code == 302
    message = db.session.get_one(OutboxMessage, message_id)
    assert message.failed_at is None and message.attempts == 0
    assert "SMTPRecipientsRefused" not in client.get("/organiser/").get_data(as_text=True)


def test_another_chapters_organiser_cannot_retry_it(
    client, login, los_angeles, make_organiser, marseille, make_session, now
):
    event = make_session(marseille)
    message_id = _failed_message(event.id, now)
    login(make_organiser(los_angeles))

    assert client.post(f"/organiser/mail/{message_id}/retry").status_code == 404
    assert db.session.get_one(OutboxMessage, message_id).failed_at is not None
