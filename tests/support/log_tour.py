"""A short visit through the places where secrets travel, for the log scan to read.

An attendee registers (their address in the form), a robot fills the honeypot, the
attendee opens their manage link (a token in the path) and a wrong one, an organiser logs
in (password in the form) and fetches the private feed (a token in the path). Everything
runs under the development server, so its access log lines are the real ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import requests
from flask import Flask

from business_corner.extensions import db
from business_corner.models import EventSession, Organiser
from tests.support import log_capture
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.applicants import registration_form
from tests.support.dev_server import development_server
from tests.support.records import outbox

ATTENDEE = "ana.martin@example.com"
_MANAGE_PATH = re.compile(r"/manage/[\w.\-]+")
_PRIVATE_FEED_PATH = re.compile(r"/calendar/\w+/private/[\w.\-]+\.ics")


@dataclass(frozen=True)
class Tour:
    #: What the application logged during the visit, as log_capture keeps it.
    lines: list[str]
    #: The secret paths that were visited (what the access log must not keep).
    secret_paths: list[str]


def take_tour(app: Flask, event: EventSession, organiser: Organiser) -> Tour:
    """``app`` serves the visit; the caller's app context (same database) reads the mail."""
    event_id, organiser_email = event.id, organiser.email
    db.session.commit()  # the server's requests see the test's data and wait for no lock
    start = len(log_capture.records)
    with development_server(app) as base, requests.Session() as browser:
        register = f"{base}/sessions/{event_id}/register"
        assert browser.post(register, data=registration_form(email=ATTENDEE)).ok
        robot = registration_form(email="robot@example.com", website="https://spam.example")
        assert browser.post(register, data=robot).ok

        db.session.commit()  # end the test's snapshot: it sees what the server wrote
        (confirmation,) = [m for m in outbox() if m.recipient == ATTENDEE]
        manage_path = _found(_MANAGE_PATH, confirmation.raw.decode())
        assert browser.get(base + manage_path).ok
        assert browser.get(f"{base}/manage/not-a-real-token").status_code == 404

        login = {"email": organiser_email, "password": ORGANISER_PASSWORD}
        assert browser.post(f"{base}/organiser/login", data=login).ok
        feed_path = _found(_PRIVATE_FEED_PATH, browser.get(f"{base}/organiser/").text)
        assert browser.get(base + feed_path).ok
    return Tour(log_capture.records[start:], [manage_path, feed_path])


def _found(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    assert match is not None, f"{pattern.pattern} not found in:\n{text[:2000]}"
    return match.group(0)
