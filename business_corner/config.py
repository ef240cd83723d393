"""Configuration: defaults, then ``instance/public-url``, ``instance/config.py``, then
environment variables, each overriding the one before.

Nothing here is read at import time; ``create_app`` applies these in turn so that every
app (and every test) gets its own settings.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Environment variables read at start-up, with the function that parses each one.
ENVIRONMENT_SETTINGS: dict[str, Callable[[str], Any]] = {
    "DATABASE_URL": str,
    "SECRET_KEY": str,
    "PUBLIC_URL": str,
    "MAIL_BACKEND": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": lambda value: value.strip().lower() in {"1", "true", "yes", "on"},
    "MAIL_USE_SSL": lambda value: value.strip().lower() in {"1", "true", "yes", "on"},
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_DEFAULT_SENDER": str,
    "MAIL_FILE_DIR": str,
    "RATELIMIT_STORAGE_URI": str,
    "REMINDER_HOURS_BEFORE": float,
    "PAGE_CACHE_SECONDS": float,
    "PROXY_FIX_HOPS": int,
    "RETENTION_MONTHS": int,
    "SESSION_COOKIE_SECURE": lambda value: value.strip().lower() in {"1", "true", "yes", "on"},
}


def default_settings(instance_path: str) -> dict[str, Any]:
    instance = Path(instance_path)
    return {
        "DATABASE_URL": f"sqlite:///{instance / 'business_corner.sqlite3'}",
        # Links in e-mails are built from this address, never from the request's Host header.
        # No default: a process without it says so rather than mail links that lead nowhere
        # (`make run` writes instance/public-url, which every process reads).
        "PUBLIC_URL": None,
        "MAIL_BACKEND": "file",  # "file" writes .eml files; "smtp" talks to MAIL_SERVER
        "MAIL_FILE_DIR": str(instance / "mail"),
        "MAIL_SERVER": "localhost",
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        # Bounds each conversation step with the mail server (only the sender talks to it).
        "MAIL_TIMEOUT_SECONDS": 10,
        "MAIL_DEFAULT_SENDER": "Business corner <no-reply@business-corner.localhost>",
        "MANAGE_LINK_MAX_AGE_DAYS": 365,
        "REMINDER_HOURS_BEFORE": 24,
        # Public pages and feed versions each worker may reuse for this long (0: never).
        "PAGE_CACHE_SECONDS": 5.0,
        # Number of reverse proxies in front of the app whose X-Forwarded-* headers to trust.
        "PROXY_FIX_HOPS": 0,
        "RATELIMIT_STORAGE_URI": "memory://",
        # No X-RateLimit-* headers: each would cost one more trip to the counters' storage on
        # every request. A refused request still says when to come back (Retry-After).
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOGIN_RATE_LIMIT": "10 per minute",
        # Generous per network (a whole office or a venue's wifi registers together), tight
        # per address (an inbox must not be flooded through our form).
        "REGISTRATION_RATE_LIMIT_PER_IP": "60 per hour",
        "REGISTRATION_RATE_LIMIT_PER_ADDRESS": "5 per hour",
        "RETENTION_MONTHS": 12,
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "MAX_CONTENT_LENGTH": 512 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # None: secure cookies whenever PUBLIC_URL is https (decided in create_app).
        "SESSION_COOKIE_SECURE": None,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # Test-only switches for the race test's control run; never set them in production.
        "SEAT_LOCKING": True,
        "SEAT_CHECK_DELAY_SECONDS": 0.0,
    }


def settings_from_instance_files(instance_path: str) -> dict[str, Any]:
    """``instance/public-url``: the address ``make run`` serves on, for all its processes."""
    address_file = Path(instance_path) / "public-url"
    if address_file.is_file():
        address = address_file.read_text(encoding="utf-8").strip()
        if address:
            return {"PUBLIC_URL": address}
    return {}


def settings_from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    return {
        name: parse(environ[name])
        for name, parse in ENVIRONMENT_SETTINGS.items()
        if environ.get(name, "") != ""
    }


def sqlalchemy_url(database_url: str) -> str:
    """Use psycopg 3 for PostgreSQL whichever spelling the URL uses."""
    for prefix in ("postgres://", "postgresql://"):
        if database_url.startswith(prefix):
            return "postgresql+psycopg://" + database_url[len(prefix) :]
    return database_url


def engine_options(url: str) -> dict[str, Any]:
    # hide_parameters: a database error never carries an attendee's address into a log.
    if url.startswith("sqlite"):
        # Wait for the write lock instead of failing at once when several workers write.
        return {"connect_args": {"timeout": 30}, "hide_parameters": True}
    return {"pool_pre_ping": True, "hide_parameters": True}


def load_secret_key(instance_path: str) -> str:
    """Read the instance's secret key, creating it (readable by its owner only) on first run."""
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        # Write a private temporary file, then link it into place: the link is atomic, so
        # several workers starting together all end up with the same, complete key.
        draft = key_file.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text(encoding="ascii").strip()
