"""The rate limiter as tests see it: one object per process, shared by every app they make."""

from __future__ import annotations

import logging

import pytest

from business_corner.extensions import limiter

FALLBACK_WARNING = "falling back to in-memory storage"


def forget_storage_failure() -> None:
    """A test that took the counters' storage down must not leave the apps of later tests
    counting in memory: in production one process serves one app, here hundreds share the
    limiter, and Flask-Limiter keeps "storage is down" on it until its next health check."""
    limiter._storage_dead = False  # no public way to say "this storage is a new one"


def fallback_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name == "flask-limiter"
        and record.levelno == logging.WARNING
        and FALLBACK_WARNING in record.getMessage()
    ]
