"""How long queueing a message to 1,000 attendees takes, and what the sender then spends.

Run with `make bench-messages` (SQLite, and PostgreSQL when it answers on the URL given).
It prints figures; it asserts nothing (timings belong here, not in tests).

- *queue*: ``send_message`` alone, the service the "Send now" button calls: the copy, one
  ``INSERT … SELECT`` for every recipient's outbox row, the audit entry, the commit.
- *request*: the whole POST through Flask's test client (CSRF off), as the organiser waits.
- *compose*: the mail sender writing one message out (text and HTML, the manage link),
  per message, which happens after the request, in the sender's process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete, insert

from benchmarks.feeds import cpu_model
from business_corner import create_app
from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.mail.composer import composer_for
from business_corner.models import (
    AttendeeMessage,
    AuditEntry,
    Chapter,
    EventSession,
    Organiser,
    OutboxMessage,
    Registration,
)
from business_corner.services import attendee_messages
from business_corner.services.attendee_messages import Draft
from business_corner.vocabulary import (
    Audience,
    Level,
    RegistrationStatus,
    Role,
    Sector,
    SessionFormat,
    SessionStatus,
)
from tests.support.databases import migrate, throwaway_postgres

RECIPIENTS = 1000
RUNS = 5
DRAFT = Draft(
    Audience.ALL,
    subject_fr="Changement de salle",
    subject_en="New room",
    body_fr="Rendez-vous salle Borély, au premier étage.\n\nÀ jeudi !",
    body_en="Meet in the Borély room, first floor.\n\nSee you on Thursday!",
)


def populate() -> tuple[int, int]:
    now = utcnow()
    chapter = Chapter(
        name="Marseille", slug="marseille", timezone="Europe/Paris", contact_email="m@x.example"
    )
    organiser = Organiser(email="o@x.example", name="O", chapter=chapter, role=Role.ADMIN)
    organiser.set_password("plum tractor origami")
    event = EventSession(
        chapter=chapter,
        title_en="Big evening",
        title_fr="Grande soirée",
        format=SessionFormat.IN_PERSON,
        venue="Palais du Pharo",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
        timezone="Europe/Paris",
        capacity=RECIPIENTS,
        levels=tuple(Level),
        status=SessionStatus.PUBLISHED,
    )
    db.session.add_all([chapter, organiser, event])
    db.session.commit()
    db.session.execute(
        insert(Registration),
        [
            {
                "event_session_id": event.id,
                "first_name": f"Person{index}",
                "last_name": "Test",
                "email": f"person{index}@example.com",
                "company": "Company",
                "job_title": "",
                "sector": Sector.DIGITAL,
                "level": Level.B1,
                "can_host": False,
                "locale": "fr" if index % 3 else "en",
                "status": RegistrationStatus.CONFIRMED,
                "consent_at": now,
                "consent_version": "1",
                "queued_at": now,
            }
            for index in range(RECIPIENTS)
        ],
    )
    db.session.commit()
    return event.id, organiser.id


def forget_messages() -> None:
    db.session.execute(delete(OutboxMessage))
    db.session.execute(delete(AttendeeMessage))
    db.session.execute(delete(AuditEntry))
    db.session.commit()


def measure(database_url: str, folder: str) -> dict[str, list[float]]:
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": folder,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "benchmark",
            "WTF_CSRF_ENABLED": False,
            "PUBLIC_URL": "https://business-corner.example",
            "MAIL_FILE_DIR": f"{folder}/mail",
        }
    )
    figures: dict[str, list[float]] = {"queue": [], "request": [], "compose": []}
    with app.app_context():
        event_id, organiser_id = populate()
        organiser = db.session.get_one(Organiser, organiser_id)
        for _ in range(RUNS):
            started = time.perf_counter()
            attendee_messages.send_message(db.session, organiser, event_id, DRAFT, utcnow())
            figures["queue"].append(time.perf_counter() - started)
            forget_messages()
        client = app.test_client()
        client.post(
            "/organiser/login", data={"email": "o@x.example", "password": "plum tractor origami"}
        )
        form = {
            "audience": "all",
            "subject_fr": DRAFT.subject_fr,
            "body_fr": DRAFT.body_fr,
            "subject_en": DRAFT.subject_en,
            "body_en": DRAFT.body_en,
            "send": "1",
        }
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.post(f"/organiser/sessions/{event_id}/messages/send", data=form)
            figures["request"].append(time.perf_counter() - started)
            assert response.status_code == 302, response.status_code
            sample = db.session.scalars(db.select(OutboxMessage).limit(100)).all()
            compose = composer_for(app)
            started = time.perf_counter()
            for message in sample:
                compose(db.session, message, utcnow())
            figures["compose"].append((time.perf_counter() - started) / len(sample))
            db.session.rollback()
            forget_messages()
        queued = db.session.scalar(db.select(db.func.count()).select_from(Registration))
        assert queued == RECIPIENTS
    with app.app_context():
        db.engine.dispose()
    return figures


def report(name: str, figures: dict[str, list[float]]) -> None:
    queue = statistics.median(figures["queue"])
    request = statistics.median(figures["request"])
    compose = statistics.median(figures["compose"])
    print(f"{name}: {RECIPIENTS:,} recipients, median of {RUNS} runs")
    print(f"  queue (service):        {queue * 1000:8.1f} ms")
    print(f"  whole POST request:     {request * 1000:8.1f} ms")
    print(f"  sender, compose 1 mail: {compose * 1000:8.2f} ms  ({1 / compose:,.0f} per second)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--databases", default="sqlite,postgresql")
    options = parser.parse_args()
    print(f"{cpu_model()}, Python {sys.version.split()[0]}")
    databases = set(options.databases.split(","))
    if "sqlite" in databases:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.sqlite3"
            migrate(url)
            report("SQLite", measure(url, folder))
    if "postgresql" in databases:
        with tempfile.TemporaryDirectory() as folder, throwaway_postgres(options.postgres) as url:
            migrate(url)
            report("PostgreSQL", measure(url, folder))


if __name__ == "__main__":
    main()
