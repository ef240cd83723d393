"""Many races for the last seat, against gunicorn with several workers on one database.

    python benchmarks/race_trials.py --trials 1000 --clients 32 --workers 4 \
        --database postgresql://postgres@127.0.0.1:5432/test

Each trial opens a session with one seat; 32 clients (each with its own cookie and CSRF token,
as browsers) post at the same moment, two of them with the same address (a double
submission). A trial passes with exactly one confirmed seat, no answer other than the
redirect, one registration for the doubled address and one mail for it.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from business_corner.config import sqlalchemy_url  # noqa: E402
from tests.support.databases import migrate, throwaway_postgres  # noqa: E402
from tests.support.server import gunicorn  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class TrialReport:
    trials: int = 0
    requests: int = 0
    overbooked: int = 0
    errors: int = 0
    doubled_registrations: int = 0
    doubled_mails: int = 0
    seconds: float = 0.0
    error_codes: dict[int, int] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not (
            self.overbooked or self.errors or self.doubled_registrations or self.doubled_mails
        )


@contextmanager
def database(base_url: str) -> Iterator[str]:
    if base_url.startswith("postgres"):
        with throwaway_postgres(base_url) as url:
            migrate(url)
            yield url
    else:
        with TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/race.sqlite3"
            migrate(url)
            yield url


def _setup(engine: sa.Engine) -> int:
    with engine.begin() as connection:
        return connection.execute(
            sa.text(
                "INSERT INTO chapter (name, slug, timezone, contact_email, created_at) "
                "VALUES ('Marseille', 'marseille', 'Europe/Paris', 'm@business-corner.test', :now) "
                "RETURNING id"
            ),
            {"now": datetime.now(UTC)},
        ).scalar_one()


def _open_session(engine: sa.Engine, chapter_id: int, trial: int) -> int:
    starts = datetime.now(UTC) + timedelta(days=7)
    with engine.begin() as connection:
        return connection.execute(
            sa.text(
                "INSERT INTO event_session (chapter_id, title_en, title_fr, description_en, "
                "description_fr, format, venue, video_url, starts_at, ends_at, timezone, capacity, "
                "levels, status, calendar_uid, calendar_sequence, created_at, updated_at) VALUES "
                "(:chapter, 'Race', 'Course', '', '', 'in_person', 'Marseille', '', "
                ":starts, :ends, 'Europe/Paris', 1, 'B1', 'published', :uid, 0, :now, :now) "
                "RETURNING id"
            ),
            {
                "chapter": chapter_id,
                "starts": starts,
                "ends": starts + timedelta(hours=1),
                "uid": f"race-{trial}-{time.time_ns()}@business-corner",
                "now": datetime.now(UTC),
            },
        ).scalar_one()


def _form(email: str, token: str) -> dict[str, str]:
    return {
        "first_name": "Race",
        "last_name": "Runner",
        "email": email,
        "company": "Co",
        "sector": "digital",
        "level": "B1",
        "consent": "y",
        "csrf_token": token,
    }


def run_trials(database_url: str, trials: int, clients: int = 32, workers: int = 4) -> TrialReport:
    report = TrialReport()
    settings = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "race trials",
        "TESTING": False,
        "WTF_CSRF_ENABLED": True,
        "RATELIMIT_ENABLED": False,
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": "/tmp/business-corner-race-mail",
        "PUBLIC_URL": "http://127.0.0.1",
        "SESSION_COOKIE_SECURE": False,
    }
    engine = sa.create_engine(sqlalchemy_url(database_url))
    chapter_id = _setup(engine)
    first_session = _open_session(engine, chapter_id, -1)
    started = time.monotonic()
    with gunicorn(settings, workers=workers) as base_url:
        browsers = [requests.Session() for _ in range(clients)]
        tokens = [
            TOKEN.search(b.get(f"{base_url}/sessions/{first_session}", timeout=30).text).group(1)
            for b in browsers
        ]
        with ThreadPoolExecutor(max_workers=clients) as pool:
            for trial in range(trials):
                event_id = _open_session(engine, chapter_id, trial)
                barrier = threading.Barrier(clients)
                doubled = f"double-{trial}@example.com"

                def post(
                    index: int,
                    event_id: int = event_id,
                    barrier: threading.Barrier = barrier,
                    doubled: str = doubled,
                    trial: int = trial,
                ) -> int:
                    email = doubled if index < 2 else f"t{trial}-c{index}@example.com"
                    barrier.wait(timeout=60)
                    response = browsers[index].post(
                        f"{base_url}/sessions/{event_id}/register",
                        data=_form(email, tokens[index]),
                        allow_redirects=False,
                        timeout=60,
                    )
                    return response.status_code

                codes = list(pool.map(post, range(clients)))
                report.trials += 1
                report.requests += clients
                for code in codes:
                    if code != 302:
                        report.errors += 1
                        report.error_codes[code] = report.error_codes.get(code, 0) + 1
                with engine.connect() as connection:
                    confirmed = connection.execute(
                        sa.text(
                            "SELECT count(*) FROM registration WHERE event_session_id = :e "
                            "AND status = 'confirmed'"
                        ),
                        {"e": event_id},
                    ).scalar_one()
                    registrations, mails = connection.execute(
                        sa.text(
                            "SELECT count(DISTINCT r.id), count(o.id) FROM registration r "
                            "LEFT JOIN outbox_message o ON o.registration_id = r.id "
                            "WHERE r.event_session_id = :e AND r.email = :m"
                        ),
                        {"e": event_id, "m": doubled},
                    ).one()
                report.overbooked += confirmed > 1
                report.doubled_registrations += registrations != 1
                report.doubled_mails += mails != 1
        for browser in browsers:
            browser.close()
    report.seconds = time.monotonic() - started
    engine.dispose()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/test")
    options = parser.parse_args()
    with database(options.database) as url:
        report = run_trials(url, options.trials, options.clients, options.workers)
    kind = "PostgreSQL" if options.database.startswith("postgres") else "SQLite"
    print(
        f"Race trials — {datetime.now(UTC):%Y-%m-%d}, {kind}, "
        f"gunicorn {options.workers} workers, "
        f"{options.clients} simultaneous clients per trial, 1 seat"
    )
    print(f"  trials {report.trials}, requests {report.requests}, {report.seconds:.0f} s")
    print(
        f"  overbooked trials {report.overbooked}, "
        f"error answers {report.errors} {report.error_codes or ''}"
    )
    print(
        f"  double submissions: extra registrations {report.doubled_registrations}, "
        f"extra mails {report.doubled_mails}"
    )
    sys.exit(0 if report.clean else 1)


if __name__ == "__main__":
    main()
