"""Keep secrets out of logs: the development server logs every URL, and some URLs are keys."""

from __future__ import annotations

import logging
import re

# Manage links and private feeds carry their secret in the path.
_SECRET_PATHS = re.compile(r"(/manage/|/private/)[^/\s?\"]+")


class RedactSecretPaths(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET_PATHS.sub(r"\1[redacted]", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def install() -> None:
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactSecretPaths) for f in werkzeug.filters):
        werkzeug.addFilter(RedactSecretPaths())
