"""Logs hold no e-mail address, manage or feed token, or password."""

from __future__ import annotations

import logging
import re

from business_corner.logging_privacy import PrivacyFilter
from tests.support import log_capture
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.log_tour import ATTENDEE, Tour

ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# itsdangerous tokens: payload.signature, or payload.timestamp.signature.
TOKEN = re.compile(r"\b[\w-]{2,}\.(?:[\w-]{6}\.)?[\w-]{27}\b")


def leaks(lines: list[str]) -> list[str]:
    return [
        line
        for line in lines
        if ADDRESS.search(line) or TOKEN.search(line) or ORGANISER_PASSWORD in line
    ]


def test_the_whole_suite_logged_no_personal_data(log_tour: Tour):
    """Runs last (see conftest): every record logged by every test is scanned, and at least
    those of the tour, which walks through every place a secret travels, whatever ran."""
    assert leaks(log_tour.lines) == []
    # The tour did log where the secrets went by (the scan above read real lines).
    access_log = [line for line in log_tour.lines if line.startswith("werkzeug:")]
    assert any("/manage/[redacted]" in line for line in access_log), log_tour.lines
    assert any("/private/[redacted]" in line for line in access_log), log_tour.lines
    assert any("honeypot" in line for line in log_tour.lines), log_tour.lines
    offending = leaks(log_capture.records)
    assert offending == [], "\n".join(offending)


def test_the_scan_would_see_what_the_tour_carried(log_tour: Tour):
    """Proof that the scan can fail: the tour's requests carried the secrets it looks for,
    so a log line repeating them unredacted would be caught."""
    assert all(TOKEN.search(path) for path in log_tour.secret_paths)
    assert leaks([f"werkzeug: GET {path}" for path in log_tour.secret_paths])
    assert leaks([f"mail: delivery failed for {ATTENDEE}"])
    assert leaks([f"login attempt with {ORGANISER_PASSWORD}"])


def test_development_server_logs_are_redacted():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '"GET /manage/%s HTTP/1.1" 200 -',
        ("MQ.awfL7Q.yKYgLChNKM6KvzNv1CdFN_88l0Y",),
        None,
    )
    PrivacyFilter().filter(record)
    assert record.getMessage() == '"GET /manage/[redacted] HTTP/1.1" 200 -'


def test_a_tickets_address_is_redacted_too():
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        '"GET /organiser/check-in/%s HTTP/1.1" 200 -',
        ("MQ.awfL7Q.yKYgLChNKM6KvzNv1CdFN_88l0Y",),
        None,
    )
    PrivacyFilter().filter(record)
    assert record.getMessage() == '"GET /organiser/check-in/[redacted] HTTP/1.1" 200 -'
