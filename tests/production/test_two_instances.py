"""Two app instances (separate processes, separate ports) and a mail worker on one PostgreSQL:
simultaneous registrations at both give no overbooking and exactly one mail each."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests

from business_corner.extensions import db
from business_corner.models import OutboxMessage, Registration
from business_corner.vocabulary import RegistrationStatus
from tests.support.applicants import registration_form
from tests.support.server import gunicorn, mail_sender

pytestmark = pytest.mark.concurrency
ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CAPACITY = 5
CLIENTS = 40


def test_two_instances_share_seats_and_send_each_mail_once(
    app, app_settings, marseille, make_session, smtp_server
):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the several-instance set-up is PostgreSQL's")
    event_id = make_session(marseille, capacity=CAPACITY).id
    settings = {
        **app_settings,
        "TESTING": False,
        "WTF_CSRF_ENABLED": True,
        "SESSION_COOKIE_SECURE": False,
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_server.port,
    }
    worker_env = {
        **os.environ,
        "DATABASE_URL": settings["DATABASE_URL"],
        "SECRET_KEY": "worker",
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_server.port),
        "PUBLIC_URL": settings["PUBLIC_URL"],
    }
    with ExitStack() as stack:
        first = stack.enter_context(gunicorn(settings, workers=2))
        second = stack.enter_context(gunicorn(settings, workers=2))
        # Two mail senders compete for the same outbox: each message still goes once.
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "flask",
                "--app",
                "business_corner",
                "send-mail",
                "--loop",
                "--interval",
                "0.2",
            ],
            cwd=ROOT,
            env=worker_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        stack.callback(lambda: (worker.terminate(), worker.wait(timeout=30)))
        stack.enter_context(mail_sender(settings))
        barrier = threading.Barrier(CLIENTS)

        def attendee(index: int) -> int:
            base = (first, second)[index % 2]
            with requests.Session() as browser:
                token = TOKEN.search(
                    browser.get(f"{base}/sessions/{event_id}", timeout=30).text
                ).group(1)
                barrier.wait(timeout=60)
                return browser.post(
                    f"{base}/sessions/{event_id}/register",
                    timeout=60,
                    data={**registration_form(email=f"a{index}@x.fr"), "csrf_token": token},
                    allow_redirects=False,
                ).status_code

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            codes = list(pool.map(attendee, range(CLIENTS)))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            db.session.commit()
            pending = db.session.scalar(
                db.select(db.func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.sent_at.is_(None))
            )
            if pending == 0 and len(smtp_server.received) >= CLIENTS:
                break
            time.sleep(0.2)

    assert codes == [302] * CLIENTS
    db.session.commit()
    statuses = db.session.scalars(db.select(Registration.status)).all()
    assert statuses.count(RegistrationStatus.CONFIRMED) == CAPACITY
    assert statuses.count(RegistrationStatus.WAITLISTED) == CLIENTS - CAPACITY
    recipients = [r for message in smtp_server.received for r in message.recipients]
    assert sorted(recipients) == sorted(f"a{i}@x.fr" for i in range(CLIENTS))  # one mail each
