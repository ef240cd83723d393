"""Fixtures: an app per test on SQLite (and PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import contextvars
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient, FlaskCliRunner

from business_corner import create_app
from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import Chapter, EventSession, Organiser, OutboxMessage, Registration
from business_corner.services.registration import Applicant, Details
from business_corner.vocabulary import Level, Sector, SessionFormat, SessionStatus
from tests.support import log_capture
from tests.support.browser import CHROMIUM, chromium_missing_reason
from tests.support.databases import empty_all_tables, migrate, throwaway_postgres
from tests.support.mail import write_out_pending
from tests.support.smtp import SMTPServer

POSTGRES_BASE_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_BASE_URL else [])
ORGANISER_PASSWORD = "correct horse battery"


def pytest_configure(config: pytest.Config) -> None:
    log_capture.install()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The scan of the whole suite's logs runs last, after everything has logged."""
    last = [item for item in items if item.name.startswith("test_the_whole_suite_logged")]
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


class IsolatedClient(FlaskClient):
    """A test client whose requests run like real ones, each in its own app context.

    Tests hold an app context for their own queries; Flask would otherwise share it (and
    ``g``, the database session, the cached locale and user) with every request.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        _end_test_transaction()  # the request sees what the test wrote; no lock held
        response = contextvars.Context().run(super().open, *args, **kwargs)
        _end_test_transaction()  # end the test's snapshot: it sees what the request wrote
        return response


def _end_test_transaction() -> None:
    if has_app_context():
        db.session.commit()


class IsolatedRunner(FlaskCliRunner):
    def invoke(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        _end_test_transaction()
        result = contextvars.Context().run(super().invoke, *args, **kwargs)
        _end_test_transaction()
        return result


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
    def make(chapter: Chapter, email: str | None = None) -> Organiser:
        organiser = Organiser(
            email=email or f"organiser@{chapter.slug}.test",
            name=f"{chapter.name} organiser",
            chapter=chapter,
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
        db.session.add(event)
        db.session.commit()
        return event

    return make


def applicant(
    email: str = "ana@example.com",
    *,
    first_name: str = "Ana",
    last_name: str = "Martin",
    locale: str = "fr",
    level: Level = Level.B1,
    sector: Sector = Sector.DIGITAL,
    can_host: bool = False,
    consent: bool = True,
) -> Applicant:
    return Applicant(
        details=Details(
            first_name=first_name,
            last_name=last_name,
            company="Calanques SAS",
            sector=sector,
            level=level,
            job_title="Founder",
            can_host=can_host,
        ),
        email=email,
        locale=locale,
        consent=consent,
    )


def registration_form(**overrides: str) -> dict[str, str]:
    """What a browser posts from the registration form."""
    form = {
        "first_name": "Ana",
        "last_name": "Martin",
        "email": "ana@example.com",
        "company": "Calanques SAS",
        "job_title": "Founder",
        "sector": "digital",
        "level": "B1",
        "consent": "y",
    }
    form.update(overrides)
    return {key: value for key, value in form.items() if value is not None}


def outbox(kind: str | None = None) -> list[OutboxMessage]:
    """The outbox, with every message still recorded as a notice written out, as the sender
    would write it out now."""
    write_out_pending(utcnow())
    db.session.commit()
    messages = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
    return [m for m in messages if kind is None or m.kind == kind]


def registrations() -> list[Registration]:
    return list(db.session.scalars(db.select(Registration).order_by(Registration.id)))


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
