"""Configuration: defaults, then ``instance/public-url``, ``instance/config.py``, then
environment variables, each overriding the one before.

Nothing here is read at import time; ``create_app`` applies these in turn so that every
app (and every test) gets its own settings.
"""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Names the instance folder when it is not instance/ beside the code (the tests use it).
INSTANCE_PATH_VARIABLE = "BUSINESS_CORNER_INSTANCE_PATH"

#: How long after its session a registration keeps its personal data, unless
#: RETENTION_MONTHS says otherwise; the privacy pages show the configured value.
DEFAULT_RETENTION_MONTHS = 12

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
    "RATELIMIT_STORAGE_TIMEOUT_SECONDS": float,
    "DATABASE_CONNECT_TIMEOUT_SECONDS": int,
    "DATABASE_WAIT_SECONDS": float,
    "REMINDER_HOURS_BEFORE": float,
    "CONFIRM_ASK_HOURS_BEFORE": float,
    "CONFIRM_RELEASE_HOURS_BEFORE": float,
    "CHECK_IN_OPENS_MINUTES_BEFORE": float,
    "SELF_CHECK_IN_MINUTES_BEFORE": float,
    "ATTENDANCE_EDIT_DAYS": float,
    "FEEDBACK_SEND_HOUR": int,
    "FEEDBACK_OPEN_DAYS": int,
    "PAGE_CACHE_SECONDS": float,
    "PROXY_FIX_HOPS": int,
    "RETENTION_MONTHS": int,
    "ORGANISER_LOGIN_IDLE_HOURS": float,
    "ORGANISER_LOGIN_MAX_DAYS": float,
    "SESSION_COOKIE_SECURE": lambda value: value.strip().lower() in {"1", "true", "yes", "on"},
    "TANDEM_VIDEO_BASE_URL": str,
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
        # Confirm-or-release (sessions that switch it on): "still coming?" this long before
        # the session, and seats nobody confirmed go to the waiting list this long before,
        # ahead of the reminder.
        "CONFIRM_ASK_HOURS_BEFORE": 48,
        "CONFIRM_RELEASE_HOURS_BEFORE": 26,
        # Organisers check people in from this long before the start (the door opens) ...
        "CHECK_IN_OPENS_MINUTES_BEFORE": 120,
        # ... attendees of online and hybrid sessions press "I'm here" from this long
        # before the start until its end ...
        "SELF_CHECK_IN_MINUTES_BEFORE": 15,
        # ... and organisers may correct who came (present or no-show) this long after it.
        "ATTENDANCE_EDIT_DAYS": 3,
        # The feedback form goes to those who came the day after, from this hour in the
        # session's own time zone, and takes answers this many days after the session.
        "FEEDBACK_SEND_HOUR": 9,
        "FEEDBACK_OPEN_DAYS": 14,
        # Public pages and feed versions each worker may reuse for this long (0: never).
        "PAGE_CACHE_SECONDS": 5.0,
        # Number of reverse proxies in front of the app whose X-Forwarded-* headers to trust.
        "PROXY_FIX_HOPS": 0,
        "RATELIMIT_STORAGE_URI": "memory://",
        # When Redis cannot be reached, each worker counts in its own memory (one warning in
        # the log) instead of failing the request, and goes back to Redis once it answers.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # How long a request waits for Redis before counting in memory instead.
        "RATELIMIT_STORAGE_TIMEOUT_SECONDS": 0.5,
        # PostgreSQL: how long to wait for a new connection (libpq's minimum is 2 s) ...
        "DATABASE_CONNECT_TIMEOUT_SECONDS": 3,
        # ... and for any one answer during a request before giving up on the connection
        # (0: wait for ever). See ``database.WaitLimit``.
        "DATABASE_WAIT_SECONDS": 5.0,
        # No X-RateLimit-* headers: each would cost one more trip to the counters' storage on
        # every request. A refused request still says when to come back (Retry-After).
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOGIN_RATE_LIMIT": "10 per minute",
        # Generous per network (a whole office or a venue's wifi registers together), tight
        # per address (an inbox must not be flooded through our form).
        "REGISTRATION_RATE_LIMIT_PER_IP": "60 per hour",
        "REGISTRATION_RATE_LIMIT_PER_ADDRESS": "5 per hour",
        # "Forgot your password?": a few links an hour per inbox, more per network (an office).
        "PASSWORD_RESET_RATE_LIMIT_PER_IP": "20 per hour",
        "PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS": "3 per hour",
        "RETENTION_MONTHS": DEFAULT_RETENTION_MONTHS,
        # An organiser's login ends after this long unused (a working day), and after this
        # long in any case (a month), whatever the browser's cookie says.
        "ORGANISER_LOGIN_IDLE_HOURS": 8,
        "ORGANISER_LOGIN_MAX_DAYS": 30,
        # Each tandem's video room is this address followed by a room name nobody can guess
        # (Jitsi Meet makes a room of any name it is given; any service that does the same
        # works). Must end with "/" or "=" so that the name follows it.
        "TANDEM_VIDEO_BASE_URL": "https://meet.jit.si/",
        # Tandems pair a member of the first chapter with one of the second (chapter slugs);
        # organisers of either chapter run the rounds.
        "TANDEM_CHAPTERS": ("marseille", "los-angeles"),
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


def engine_options(url: str, connect_timeout_seconds: int = 3) -> dict[str, Any]:
    # hide_parameters: a database error never carries an attendee's address into a log.
    if url.startswith("sqlite"):
        # Wait for the write lock instead of failing at once when several workers write.
        return {"connect_args": {"timeout": 30}, "hide_parameters": True}
    # A server that accepts the connection and never answers is given up after the connect
    # timeout. TCP keepalives find a pooled connection whose server has gone away (probes
    # unanswered after about 30 + 3 x 5 s of silence), and tcp_user_timeout drops one whose
    # sent data stays unacknowledged. A server that acknowledges and never answers is left
    # to ``database.WaitLimit``, and pooled connections are checked before use there too.
    return {
        "hide_parameters": True,
        "connect_args": {
            "connect_timeout": max(2, connect_timeout_seconds),
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "tcp_user_timeout": 15_000,
        },
    }


def limiter_storage_options(uri: str, timeout_seconds: float) -> dict[str, Any]:
    """Bound every trip to Redis, so that a hung server costs a request at most this long
    (then Flask-Limiter counts in memory) instead of the operating system's minutes."""
    if uri.split(":", 1)[0] in {"redis", "rediss", "redis+unix", "valkey", "valkeys"}:
        return {"socket_connect_timeout": timeout_seconds, "socket_timeout": timeout_seconds}
    return {}


class StartupError(RuntimeError):
    """The server cannot work as configured; the message says what to change."""


def sqlite_file(database_url: str) -> Path | None:
    """The file of a SQLite database, or None for another database (or one in memory)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def check_writable(instance_path: str, config: Mapping[str, Any]) -> None:
    """Refuse to start when something the server must write cannot be written.

    A read-only instance folder otherwise starts a server whose every registration answers
    "database unavailable, try again in a few minutes", which never comes true. The check
    writes (and removes) a file: as root, or on a read-only mount, permission bits say
    nothing.
    """
    # (folder, files in it that must be opened for writing, what is written there)
    needs: list[tuple[Path, list[Path], str]] = []
    database = sqlite_file(config["SQLALCHEMY_DATABASE_URI"])
    if database is not None:
        needs.append(
            (database.parent, [database], f"the SQLite database {database} (and its -wal file)")
        )
    key_file = Path(instance_path) / "secret_key"
    if not config.get("SECRET_KEY") and not key_file.exists():
        needs.append((key_file.parent, [], f"the new secret key {key_file} (or set SECRET_KEY)"))
    if config.get("MAIL_BACKEND") == "file":
        mail = Path(config["MAIL_FILE_DIR"])
        needs.append((mail if mail.exists() else mail.parent, [], f"mail files in {mail}"))
    problems = []
    for folder, files, what in needs:
        # A folder that does not exist yet is another fault (the database is then reported
        # unreachable with a 503); a path that is a file where a folder should be is this one.
        if not folder.exists():
            continue
        failure = _write_failure(folder)
        for existing in (file for file in files if file.exists()):
            failure = failure or _write_failure(existing, folder=False)
        if failure is not None:
            problems.append(f"{folder} cannot be written ({failure}), and it must hold {what}")
    if problems:
        raise StartupError(
            "Business corner cannot start: "
            + "; ".join(problems)
            + f". Make it writable by the user running the server (uid {os.getuid()}), "
            "for example by mounting the instance folder read-write, or point DATABASE_URL, "
            "MAIL_FILE_DIR and SECRET_KEY somewhere that can be written."
        )


def _write_failure(path: Path, *, folder: bool = True) -> str | None:
    """Why a file cannot be created in the folder ``path`` (or the existing file ``path``
    opened for update), or None when it can."""
    try:
        if folder:
            descriptor, name = tempfile.mkstemp(prefix=".write-check-", dir=path)
            os.close(descriptor)
            os.unlink(name)
        else:
            with path.open("r+b"):
                pass
    except OSError as error:
        return error.strerror or type(error).__name__
    return None


#: Logged when a key is created although data signed with an older one may exist.
LOST_KEY_WARNING = (
    "A NEW SECRET KEY has been written to %s, but %s. Every manage link and private "
    "calendar feed link already sent, and every organiser login, was signed with the old key "
    "and NO LONGER WORKS. If you have the old key (a backup of that file, or the SECRET_KEY "
    "of another machine), put it back and restart. Keep a copy of this key with your "
    "database backups; in production set SECRET_KEY instead."
)


def load_secret_key(instance_path: str, *, existing_data: str | None = None) -> str:
    """Read the instance's secret key, creating it (readable by its owner only) on first run.

    ``existing_data`` names the data that may have been signed with an earlier key (a
    database that already exists): creating a key then is loudly warned about.
    """
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
            pass  # another worker created it first (and warned)
        else:
            if existing_data is not None:
                log.warning(LOST_KEY_WARNING, key_file, existing_data)
        finally:
            draft.unlink()
    return key_file.read_text(encoding="ascii").strip()


def existing_data(database_url: str) -> str | None:
    """What may already hold links signed with the instance's key: an existing SQLite
    file, or any server database (it may have been used with another key)."""
    database = sqlite_file(database_url)
    if database is None:
        return "the database in DATABASE_URL may already hold registrations"
    if database.exists() and database.stat().st_size > 0:
        return f"the database {database} already exists"
    return None
