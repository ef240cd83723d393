"""What one confirmation costs the sender: composed with its invite and delivered over SMTP.

Run with `make bench-mail` (SQLite, and PostgreSQL when it answers on the URL given). It
prints figures; it asserts nothing (timings belong here, not in tests).

The case of a newsletter rush: everyone registered for one hybrid session (seat, video
link, invite), two thirds in French; then one sender process (``deliver_now``, what
``send-mail --loop`` runs each round) delivers every confirmation to an SMTP sink on
loopback, which runs in a process of its own so that its work is not counted. The figure
is the sender's CPU time (``time.process_time``) per message, the median of three runs:
CPU time, not elapsed time, so that the other programs of a shared machine weigh little.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete

from benchmarks.feeds import cpu_model
from business_corner import create_app
from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.mail.sender import deliver_now
from business_corner.models import Chapter, EventSession, OutboxMessage, Registration
from business_corner.services.registration import Applicant, Details, register
from business_corner.vocabulary import Level, Sector, SessionFormat, SessionStatus
from tests.support.databases import migrate, throwaway_postgres
from tests.support.smtp import free_port

MESSAGES = 300
RUNS = 3
SINK = """
import sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1])).start()
print("ready", flush=True)
time.sleep(3600)
"""


def populate(now: object) -> int:
    chapter = Chapter(
        name="Marseille", slug="marseille", timezone="Europe/Paris", contact_email="m@x.example"
    )
    event = EventSession(
        chapter=chapter,
        title_en="Pitch your business in English",
        title_fr="Pitchez votre entreprise en anglais",
        format=SessionFormat.HYBRID,
        venue="Palais du Pharo, Marseille",
        video_url="https://meet.example/business-corner",
        starts_at=utcnow() + timedelta(days=10),
        ends_at=utcnow() + timedelta(days=10, hours=2),
        timezone="Europe/Paris",
        capacity=MESSAGES,
        levels=tuple(Level),
        status=SessionStatus.PUBLISHED,
    )
    db.session.add_all([chapter, event])
    db.session.commit()
    return event.id


def sign_up_everyone(event_id: int) -> None:
    for number in range(MESSAGES):
        details = Details(f"Prénom{number}", "Nom", "Société", Sector.DIGITAL, Level.B1)
        applicant = Applicant(
            details, f"person{number}@example.com", "en" if number % 3 == 0 else "fr", True
        )
        register(db.session, event_id, applicant, now=utcnow())


def measure(database_url: str, folder: str, port: int) -> list[float]:
    app = create_app(
        {
            "INSTANCE_PATH": folder,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "benchmark",
            "PUBLIC_URL": "https://business-corner.example",
            "MAIL_BACKEND": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "MAIL_DELIVERY": "worker",
        }
    )
    per_message: list[float] = []
    with app.app_context():
        event_id = populate(utcnow())
        for _ in range(RUNS):
            sign_up_everyone(event_id)
            db.session.remove()
            started = time.process_time()
            report = deliver_now(app, utcnow())
            spent = time.process_time() - started
            assert report.sent == MESSAGES, report
            per_message.append(spent / MESSAGES)
            db.session.execute(delete(OutboxMessage))
            db.session.execute(delete(Registration))
            db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return per_message


def report(name: str, per_message: list[float]) -> None:
    median = statistics.median(per_message)
    runs = ", ".join(f"{value * 1000:.2f}" for value in per_message)
    print(
        f"{name}: one confirmation with its invite, composed and delivered: "
        f"{median * 1000:.2f} ms of CPU (median of {RUNS} runs of {MESSAGES}: {runs} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--databases", default="sqlite,postgresql")
    options = parser.parse_args()
    print(f"{cpu_model()}, Python {sys.version.split()[0]}")
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-c", SINK, str(port)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert sink.stdout is not None and sink.stdout.readline().strip() == "ready"
        databases = set(options.databases.split(","))
        if "sqlite" in databases:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{folder}/bench.sqlite3"
                migrate(url)
                report("SQLite", measure(url, folder, port))
        if "postgresql" in databases:
            with (
                tempfile.TemporaryDirectory() as folder,
                throwaway_postgres(options.postgres) as url,
            ):
                migrate(url)
                report("PostgreSQL", measure(url, folder, port))
    finally:
        sink.kill()
        sink.wait()


if __name__ == "__main__":
    main()
