"""Every log record the application writes during the whole test run, for one final scan."""

from __future__ import annotations

import logging

records: list[str] = []
#: Loggers of the test's stand-ins for the outside world, not of the application: aiosmtpd
#: plays the attendees' mail provider, and a provider logs whom it receives mail for.
_OUTSIDE_WORLD = ("mail.log",)


class _Capture(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(_OUTSIDE_WORLD):
            return
        text = record.getMessage()
        # What a handler writes: the traceback as the handlers' privacy filter left it.
        if record.exc_text:
            text += "\n" + record.exc_text
        elif record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        records.append(f"{record.name}: {text}")


def install() -> None:
    root = logging.getLogger()
    root.addHandler(_Capture(level=logging.DEBUG))
    # INFO from our own code and the libraries we call, without SQLAlchemy's statement log.
    root.setLevel(logging.INFO)
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
