"""Logs hold no e-mail address, manage or feed token, or password."""

from __future__ import annotations

import re

from tests.conftest import ORGANISER_PASSWORD
from tests.support import log_capture

ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# itsdangerous tokens: payload.signature, or payload.timestamp.signature.
TOKEN = re.compile(r"\b[\w-]{2,}\.(?:[\w-]{6}\.)?[\w-]{27}\b")


def test_the_whole_suite_logged_no_personal_data():
    """Runs last (see conftest): every record logged by every test is scanned."""
    offending = [
        record
        for record in log_capture.records
        if ADDRESS.search(record) or TOKEN.search(record) or ORGANISER_PASSWORD in record
    ]
    assert offending == [], "\n".join(offending)


def test_the_scanner_would_see_a_leak():
    """Proof that the scan above can fail: it recognises what it looks for."""
    from business_corner.services.tokens import LinkSigner  # noqa: F401

    assert ADDRESS.search("delivery failed for ana.martin@example.com")
    assert TOKEN.search("GET /manage/MQ.awfL7Q.yKYgLChNKM6KvzNv1CdFN_88l0Y HTTP/1.1")


def test_development_server_logs_are_redacted():
    import logging

    from business_corner.logging_privacy import RedactSecretPaths

    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '"GET /manage/%s HTTP/1.1" 200 -',
        ("MQ.awfL7Q.yKYgLChNKM6KvzNv1CdFN_88l0Y",),
        None,
    )
    RedactSecretPaths().filter(record)
    assert record.getMessage() == '"GET /manage/[redacted] HTTP/1.1" 200 -'
