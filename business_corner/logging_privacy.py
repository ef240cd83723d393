"""Keep secrets out of logs, and keep each log line what it claims to be.

Every handler that writes our logs carries ``PrivacyFilter``: the development server's,
Flask's default handler, whatever handlers the root logger has, Python's last-resort
handler, and gunicorn's own (``RedactingGunicornLogger``, named in gunicorn.conf.py). A
filter on a logger would not do: it never sees the records its children propagate (Flask's
"Exception on <path>" comes from the app's logger, not werkzeug's).

The filter does two things to each record, once, whatever handler sees it first:

- manage links, private feeds and tickets (check-in addresses) carry their secret in the
  path: ``/manage/[redacted]``;
- control characters (CR, LF, NUL, ESC, bidi overrides…) are written as escapes
  (``\\n``, ``\\x00``), so a URL cannot start a fake log line. A traceback keeps its line
  breaks, but each of its lines is indented: only a real record starts at the margin.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import Any

# Manage links, private feeds and tickets carry their secret in the path.
_SECRET_PATHS = re.compile(r"(/manage/|/private/|/check-in/)[^/\s?\"]+")
# C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidi embeddings,
# overrides and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
#: Set on a record once it is cleaned: the next handler it reaches has nothing to do.
_CLEANED = "_business_corner_cleaned"
_TRACEBACK_INDENT = "    "


def redact(text: str) -> str:
    # Every access-log line passes here: the plain substring test spares most of them the regex.
    if "/manage/" not in text and "/private/" not in text and "/check-in/" not in text:
        return text
    return _SECRET_PATHS.sub(r"\1[redacted]", text)


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` on one line: every control character written as an escape."""
    return _CONTROL.sub(_escape, text)


def _clean_block(text: str) -> str:
    """A traceback or stack: redacted, escaped but for its line breaks, lines indented."""
    lines = _CONTROL_BUT_NEWLINE.sub(_escape, redact(text)).split("\n")
    return "\n".join(_TRACEBACK_INDENT + line for line in lines)


class PrivacyFilter(logging.Filter):
    """Redacts secrets and escapes control characters in every record a handler writes."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _CLEANED, False):
            return True
        message = record.getMessage()
        cleaned = escape_controls(redact(message))
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when it is set: format it here, cleaned.
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _clean_block(record.exc_text)
        if record.stack_info:
            record.stack_info = _clean_block(record.stack_info)
        setattr(record, _CLEANED, True)
        return True


#: The development server's name for its own logger; it adds a handler there on first use
#: unless one exists.
_WERKZEUG = "werkzeug"


def guard(handlers: Iterable[logging.Handler]) -> None:
    for handler in handlers:
        if not any(isinstance(f, PrivacyFilter) for f in handler.filters):
            handler.addFilter(PrivacyFilter())


def install() -> None:
    """Put the filter on every handler that exists now, and on the ones Flask and the
    development server would create later (created here, so that they exist now)."""
    from flask.logging import default_handler

    werkzeug = logging.getLogger(_WERKZEUG)
    if not _has_level_handler(werkzeug):
        # What werkzeug would add on its first request line, made now so that it is guarded.
        werkzeug.addHandler(logging.StreamHandler(sys.stderr))
        if werkzeug.level == logging.NOTSET:
            werkzeug.setLevel(logging.INFO)
    handlers: list[logging.Handler] = [default_handler]
    if logging.lastResort is not None:
        handlers.append(logging.lastResort)
    loggers = [logging.getLogger()] + [
        logger
        for logger in list(logging.Logger.manager.loggerDict.values())
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        handlers.extend(logger.handlers)
    guard(handlers)


def _has_level_handler(logger: logging.Logger) -> bool:
    current: logging.Logger | None = logger
    level = logger.getEffectiveLevel()
    while current is not None:
        if any(handler.level <= level for handler in current.handlers):
            return True
        if not current.propagate:
            break
        current = current.parent
    return False


try:  # gunicorn is the production server; its logs must not keep the secrets either
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover - gunicorn is a dependency
    _GunicornLogger = None


if _GunicornLogger is not None:

    class RedactingGunicornLogger(_GunicornLogger):
        """gunicorn's logger whose error and access handlers carry ``PrivacyFilter``.

        Used by gunicorn.conf.py (``logger_class``). ``setup`` runs again when gunicorn
        reloads its configuration, and makes new handlers: each is guarded."""

        def setup(self, cfg: Any) -> None:  # cfg: gunicorn's Config, untyped
            super().setup(cfg)
            guard([*self.error_log.handlers, *self.access_log.handlers])
