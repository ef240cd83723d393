"""Fixtures: an app per test on SQLite (and PostgreSQL when TEST_DATABASE_URL is set).

Fixtures only; the helpers tests import live in tests/support/."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from business_corner import create_app
from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import Chapter, EventSession, Organiser, SessionHost
from business_corner.vocabulary import Level, Role, SessionFormat, SessionStatus
from tests.support import (
    instance_guard,  # noqa: F401 - imported first, it snapshots the real instance folder
    log_capture,
)
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.browser import CHROMIUM, chromium_missing_reason
from tests.support.clients import IsolatedClient, IsolatedRunner
from tests.support.databases import (
    POSTGRES_BASE_URL,
    empty_all_tables,
    migrate,
    throwaway_postgres,
)
from tests.support.log_tour import Tour, take_tour
from tests.support.smtp import SMTPServer

# Before any app exists: the developer's instance/ is recorded (importing instance_guard takes
# the snapshot), and every app the tests make, here or in a server or command they start, uses
# a throwaway instance folder instead.
_SUITE_INSTANCE = tempfile.mkdtemp(prefix="business-corner-instance-")
os.environ["BUSINESS_CORNER_INSTANCE_PATH"] = _SUITE_INSTANCE

BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_BASE_URL else [])


def pytest_configure(config: pytest.Config) -> None:
    log_capture.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SUITE_INSTANCE, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The checks on what the whole suite did (its logs, the real instance folder) run last,
    after everything has run."""
    last = [item for item in items if item.name.startswith("test_the_whole_suite_")]
    items[:] = [item for item in items if item not in last] + last


def pytest_report_header(config: pytest.Config) -> list[str]:
    if POSTGRES_BASE_URL:
        databases = "databases: SQLite and PostgreSQL (TEST_DATABASE_URL)"
    else:
        databases = "databases: SQLite only (set TEST_DATABASE_URL to add PostgreSQL)"
    missing = chromium_missing_reason()
    browser = f"browser tests: {missing}" if missing else f"browser tests: in {CHROMIUM}"
    return [databases, browser]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite database, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if not POSTGRES_BASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    with throwaway_postgres(POSTGRES_BASE_URL) as url:
        migrate(url)
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "business_corner.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
        yield url
        empty_all_tables(url)


@pytest.fixture
def app_settings(database_url: str, tmp_path: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test secret key",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": str(tmp_path / "mail"),
        "PUBLIC_URL": "https://business-corner.test",
        # Tests read what they just wrote; caching is tested on its own.
        "PAGE_CACHE_SECONDS": 0,
    }


@pytest.fixture
def app(app_settings: dict[str, Any]) -> Iterator[Flask]:
    app = create_app(app_settings)
    app.test_client_class = IsolatedClient
    app.test_cli_runner_class = IsolatedRunner
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def make_app(app_settings: dict[str, Any]) -> Iterator[Callable[..., Flask]]:
    """Another app on the same database with some settings changed (CSRF on, limits on…)."""
    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        other = create_app({**app_settings, **overrides})
        other.test_client_class = IsolatedClient
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def now() -> datetime:
    return utcnow()


# Factories ------------------------------------------------------------------------------


@pytest.fixture
def make_chapter(app: Flask) -> Callable[..., Chapter]:
    def make(name: str = "Marseille", timezone: str = "Europe/Paris") -> Chapter:
        slug = name.lower().replace(" ", "-")
        chapter = Chapter(
            name=name, slug=slug, timezone=timezone, contact_email=f"{slug}@business-corner.test"
        )
        db.session.add(chapter)
        db.session.commit()
        return chapter

    return make


@pytest.fixture
def marseille(make_chapter: Callable[..., Chapter]) -> Chapter:
    return make_chapter("Marseille", "Europe/Paris")


@pytest.fixture
def los_angeles(make_chapter: Callable[..., Chapter]) -> Chapter:
    return make_chapter("Los Angeles", "America/Los_Angeles")


@pytest.fixture
def make_organiser(app: Flask) -> Callable[..., Organiser]:
    def make(chapter: Chapter, email: str | None = None, role: Role = Role.ADMIN) -> Organiser:
        organiser = Organiser(
            email=email or f"organiser@{chapter.slug}.test",
            name=f"{chapter.name} organiser",
            chapter=chapter,
            role=role,
        )
        organiser.set_password(ORGANISER_PASSWORD)
        db.session.add(organiser)
        db.session.commit()
        return organiser

    return make


@pytest.fixture
def organiser(marseille: Chapter, make_organiser: Callable[..., Organiser]) -> Organiser:
    return make_organiser(marseille)


@pytest.fixture
def make_session(app: Flask, now: datetime) -> Callable[..., EventSession]:
    def make(
        chapter: Chapter,
        *,
        capacity: int = 10,
        starts_in: timedelta = timedelta(days=7),
        minutes: int = 90,
        status: SessionStatus = SessionStatus.PUBLISHED,
        format: SessionFormat = SessionFormat.IN_PERSON,
        title_en: str = "Pitch your business",
        title_fr: str = "Pitchez votre entreprise",
        levels: tuple[Level, ...] = tuple(Level),
        co_hosts: tuple[Chapter, ...] = (),
    ) -> EventSession:
        starts_at = (now + starts_in).replace(second=0, microsecond=0)
        event = EventSession(
            chapter=chapter,
            title_en=title_en,
            title_fr=title_fr,
            description_en="Come and practise.",
            description_fr="Venez pratiquer.",
            format=format,
            venue="" if format is SessionFormat.ONLINE else "9 La Canebière, Marseille",
            video_url="" if format is SessionFormat.IN_PERSON else "https://meet.test/abc",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            timezone=chapter.timezone,
            capacity=capacity,
            levels=levels,
            status=status,
        )
        event.host_links.extend(SessionHost(chapter=chapter) for chapter in co_hosts)
        db.session.add(event)
        db.session.commit()
        return event

    return make


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def login(client: FlaskClient) -> Callable[[Organiser], None]:
    def log_in(organiser: Organiser) -> None:
        response = client.post(
            "/organiser/login", data={"email": organiser.email, "password": ORGANISER_PASSWORD}
        )
        assert response.status_code == 302, response.get_data(as_text=True)

    return log_in


@pytest.fixture
def log_tour(
    make_app: Callable[..., Flask],
    make_session: Callable[..., EventSession],
    marseille: Chapter,
    organiser: Organiser,
) -> Tour:
    """The log lines of a short visit through the places where secrets travel
    (tests/support/log_tour.py), so that the log scan has lines to read even alone."""
    # The development server speaks plain HTTP: let the session cookie travel over it.
    served = make_app(SESSION_COOKIE_SECURE=False)
    return take_tour(served, make_session(marseille), organiser)
