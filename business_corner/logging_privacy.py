"""Keep secrets out of logs: the development server logs every URL, and some URLs are keys."""

from __future__ import annotations

import logging
import re

# Manage links and private feeds carry their secret in the path.
_SECRET_PATHS = re.compile(r"(/manage/|/private/)[^/\s?\"]+")


class RedactSecretPaths(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def install() -> None:
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactSecretPaths) for f in werkzeug.filters):
        werkzeug.addFilter(RedactSecretPaths())


def redact(text: str) -> str:
    # Every access-log line passes here: the plain substring test spares most of them the regex.
    if "/manage/" not in text and "/private/" not in text:
        return text
    return _SECRET_PATHS.sub(r"\1[redacted]", text)


try:  # gunicorn is the production server; its access log must not keep the secrets either
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover - gunicorn is a dependency
    _GunicornLogger = None  # type: ignore[assignment,misc]


if _GunicornLogger is not None:

    class RedactingGunicornLogger(_GunicornLogger):  # type: ignore[misc,valid-type]
        """gunicorn's logger with manage-link and private-feed secrets removed from URLs.

        Used by gunicorn.conf.py (``logger_class``)."""

        def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
            values = super().atoms(resp, req, environ, request_time)
            # Every atom: the secret can be in the request line, the path, the referrer…
            return {
                key: redact(value) if isinstance(value, str) else value
                for key, value in values.items()
            }
