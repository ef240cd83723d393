"""Attendees' rights through their link, and the retention period."""

from __future__ import annotations

import json
from datetime import timedelta

from business_corner.extensions import db
from business_corner.models import OutboxMessage, Registration
from business_corner.services.mail.backends import FileBackend
from business_corner.services.privacy import erase_registration, purge
from business_corner.services.registration import register
from business_corner.vocabulary import RegistrationStatus
from tests.support.applicants import applicant
from tests.support.mail import composer, deliver
from tests.support.records import outbox
from tests.support.tokens import make_manage_token


def test_consent_is_stored_with_its_time_and_version(client, marseille, make_session):
    from tests.support.applicants import registration_form
    from tests.support.records import registrations

    event = make_session(marseille)
    client.post(f"/sessions/{event.id}/register", data=registration_form())
    (registration,) = registrations()
    assert registration.consent_at is not None and registration.consent_version == "2026-11-26"


def test_attendees_download_everything_held_about_them(client, marseille, make_session, now):
    event = make_session(marseille)
    outcome = register(
        db.session, event.id, applicant("zoe@exämple.fr", first_name="Zoë 🎉"), now=now
    )
    response = client.get(f"/manage/{make_manage_token(outcome.registration_id)}/data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.data)
    assert data["registration"]["first_name"] == "Zoë 🎉"
    assert data["registration"]["email"] == "zoe@xn--exmple-cua.fr"  # deliverable form
    assert data["registration"]["privacy_notice_version"] == "2026-11-26"
    assert data["session"]["title_fr"] == event.title_fr
    assert [m["kind"] for m in data["messages"]] == ["confirmed"]


def test_erasing_cancels_promotes_and_forgets(client, marseille, make_session, now, tmp_path):
    event = make_session(marseille, capacity=1)
    ana = register(db.session, event.id, applicant("ana@x.fr", first_name="Ana"), now=now)
    register(db.session, event.id, applicant("ben@x.fr"), now=now + timedelta(seconds=1))
    deliver(FileBackend(tmp_path), now)  # confirmation sent
    token = make_manage_token(ana.registration_id)

    assert "Supprimer vos données" in client.get(f"/manage/{token}/erase").get_data(as_text=True)
    assert db.session.get(Registration, ana.registration_id).erased_at is None  # GET asks only
    response = client.post(f"/manage/{token}/erase")

    assert response.status_code == 200
    erased = db.session.get(Registration, ana.registration_id)
    assert erased.erased_at is not None and erased.status is RegistrationStatus.CANCELLED
    assert (erased.first_name, erased.last_name, erased.company) == ("", "", "")
    assert "ana@x.fr" not in erased.email
    statuses = {r.email: r.status for r in db.session.scalars(db.select(Registration))}
    assert statuses["ben@x.fr"] is RegistrationStatus.CONFIRMED  # promoted
    assert client.get(f"/manage/{token}").status_code == 410

    # The confirmation already sent keeps nothing; the cancellation goes out, then is emptied.
    about_ana = {m.kind: m for m in outbox() if m.registration_id == ana.registration_id}
    assert about_ana["confirmed"].raw == b"" and about_ana["confirmed"].recipient == ""
    assert about_ana["registration_cancelled"].recipient == "ana@x.fr"
    deliver(FileBackend(tmp_path), now + timedelta(minutes=1))
    db.session.refresh(about_ana["registration_cancelled"])
    assert about_ana["registration_cancelled"].raw == b""
    (cancellation,) = tmp_path.glob("*registration_cancelled.eml")
    assert b"To: Ana Martin <ana@x.fr>" in cancellation.read_bytes()


def test_an_erased_person_can_register_again(marseille, make_session, now):
    event = make_session(marseille)
    first = register(db.session, event.id, applicant("ana@x.fr"), now=now)
    erase_registration(db.session, first.registration_id, now=now, write_out=composer())
    again = register(db.session, event.id, applicant("ana@x.fr"), now=now)
    assert again.created and again.registration_id != first.registration_id


def test_purge_anonymises_after_the_retention_period(
    runner, marseille, make_session, now, tmp_path
):
    old = make_session(marseille, starts_in=timedelta(days=-400))
    recent = make_session(marseille, starts_in=timedelta(days=-30))
    for event in (old, recent):
        registration = Registration(
            event_session=event,
            first_name="Ana",
            last_name="Martin",
            email=f"ana{event.id}@x.fr",
            company="C",
            sector="digital",
            level="B1",
            locale="fr",
            status=RegistrationStatus.CONFIRMED,
            consent_at=now - timedelta(days=500),
            consent_version="x",
            queued_at=now - timedelta(days=500),
        )
        db.session.add(registration)
    db.session.commit()

    result = runner.invoke(args=["purge"])

    assert result.exit_code == 0 and "anonymised 1 registration(s)" in result.output
    by_session = {r.event_session_id: r for r in db.session.scalars(db.select(Registration))}
    assert by_session[old.id].erased_at is not None and by_session[old.id].first_name == ""
    assert by_session[old.id].level.value == "B1"  # statistics stay
    assert by_session[recent.id].first_name == "Ana"
    assert "anonymised 0" in runner.invoke(args=["purge"]).output


def test_purge_empties_old_sent_messages(marseille, make_session, now, tmp_path):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now - timedelta(days=400))
    deliver(FileBackend(tmp_path), now)
    report = purge(db.session, now)
    assert report.messages == 1
    (message,) = db.session.scalars(db.select(OutboxMessage)).all()
    assert message.raw == b"" and message.recipient == ""
