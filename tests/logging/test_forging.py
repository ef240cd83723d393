"""No request can write a line of its own into a log: control characters are escaped."""

from __future__ import annotations

from gunicorn.config import Config

from business_corner.logging_privacy import RedactingGunicornLogger
from tests.support.log_streams import root_stream

FORGED = "[2026-12-01 18:00:00,000] CRITICAL in app: the database is lost"


def test_a_newline_in_a_url_cannot_start_a_log_line(make_app, monkeypatch):
    with root_stream() as written:
        client = make_app(TESTING=False).test_client()

        def crash(language: str) -> str:
            raise RuntimeError("crash")

        monkeypatch.setattr("business_corner.calendar.views._language", crash)
        path = "/calendar/fr/chapters/%0a" + FORGED.replace(" ", "%20") + ".ics"
        assert client.get(path).status_code == 500
    lines = written.getvalue().splitlines()
    assert not [line for line in lines if line.startswith(FORGED[:26])]
    assert any("/calendar/fr/chapters/\\n" + FORGED in line for line in lines)
    # The traceback keeps its lines, indented: only a record starts at the margin.
    assert all(line.startswith(("[", " ")) for line in lines), lines


def test_gunicorns_handlers_redact_and_escape(tmp_path):
    config = Config()
    config.set("errorlog", str(tmp_path / "error.log"))
    config.set("accesslog", str(tmp_path / "access.log"))
    logger = RedactingGunicornLogger(config)
    logger.error("Exception on /manage/MQ.awfL7Q.yKYgLChNKM6KvzNv1CdFN_88l0Y\n%s", FORGED)
    logger.access_log.info('"GET /calendar/fr/private/MQ.yKYgLChNKM6KvzNv1CdF\x1b[2J HTTP/1.1"')
    for handler in [*logger.error_log.handlers, *logger.access_log.handlers]:
        handler.flush()
    error = (tmp_path / "error.log").read_text()
    assert "Exception on /manage/[redacted]\\n" + FORGED in error and "MQ." not in error
    assert (tmp_path / "access.log").read_text().strip() == (
        '"GET /calendar/fr/private/[redacted] HTTP/1.1"'
    )
