"""Real handlers writing to a stream, as a server's log file would, for tests to read back."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

FORMAT = "[%(asctime)s] %(levelname)s in %(module)s: %(message)s"


@contextmanager
def root_stream() -> Iterator[io.StringIO]:
    """A handler on the root logger (as ``logging.basicConfig`` would add), writing to a
    string. Enter it before the app is made: the app guards the handlers that exist."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


@contextmanager
def flask_default_handler(app_name: str = "business_corner") -> Iterator[None]:
    """Flask's own handler on the app's logger, as Flask adds it when no other handler
    would take the app's records (the usual case under gunicorn)."""
    from flask.logging import default_handler

    logger = logging.getLogger(app_name)
    logger.addHandler(default_handler)
    try:
        yield
    finally:
        logger.removeHandler(default_handler)
