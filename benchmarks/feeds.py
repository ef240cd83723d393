"""How long a feed of 1,000 sessions takes to build, and to answer "unchanged" (304).

Run with `make bench-feeds`. It prints figures; it asserts nothing (timings belong here, not
in tests, on shared and noisy machines).
"""

from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade

from business_corner import create_app
from business_corner.extensions import db
from business_corner.links import site_links
from business_corner.models import Chapter, EventSession
from business_corner.services.calendar import feeds
from business_corner.vocabulary import Level, SessionFormat, SessionStatus

SESSIONS = 1000
RUNS = 30


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def populate(now: datetime) -> None:
    marseille = Chapter(
        name="Marseille",
        slug="marseille",
        timezone="Europe/Paris",
        contact_email="marseille@business-corner.example",
    )
    los_angeles = Chapter(
        name="Los Angeles",
        slug="los-angeles",
        timezone="America/Los_Angeles",
        contact_email="la@business-corner.example",
    )
    db.session.add_all([marseille, los_angeles])
    for index in range(SESSIONS):
        chapter = marseille if index % 3 else los_angeles
        starts = now + timedelta(days=index // 3, hours=index % 5)
        db.session.add(
            EventSession(
                chapter=chapter,
                title_en=f"Networking session {index}",
                title_fr=f"Session de networking {index}",
                description_en="Practise pitching, small talk and follow-ups; meet other sectors.",
                description_fr="Pitch, small talk et relances ; rencontrez d’autres secteurs.",
                format=SessionFormat.HYBRID if index % 4 == 0 else SessionFormat.IN_PERSON,
                venue="Palais de la Bourse, 9 La Canebière, 13001 Marseille",
                video_url="https://meet.business-corner.example/room" if index % 4 == 0 else "",
                starts_at=starts,
                ends_at=starts + timedelta(minutes=90),
                timezone=chapter.timezone,
                capacity=24,
                levels=(Level.B1, Level.B2, Level.C1),
                status=SessionStatus.CANCELLED if index % 50 == 0 else SessionStatus.PUBLISHED,
                created_at=now,
                updated_at=now,
            )
        )
    db.session.commit()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "benchmark",
                "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                "PUBLIC_URL": "https://business-corner.example",
            }
        )
        with app.app_context():
            upgrade()
            now = datetime.now(UTC)
            populate(now)
            scope = feeds.FeedScope("fr")

            def build() -> bytes:
                return feeds.build_feed(
                    db.session,
                    scope,
                    now,
                    name="Business corner",
                    zone="Europe/Paris",
                    links=site_links(app),
                )

            feeds._event_bytes.clear()
            cold = timed(build)
            size = len(build())
            events = db.session.scalars(db.select(EventSession).order_by(EventSession.id)).all()
            after_one_change = []
            for run in range(RUNS):
                # The usual case for a rebuild: one session changed since the last build.
                events[run].title_fr += " (modifiée)"
                events[run].updated_at = now + timedelta(seconds=run + 1)
                db.session.commit()
                after_one_change.append(timed(build))
            unchanged_version = [
                timed(lambda: feeds.feed_version(db.session, scope, now, site_links(app)))
                for _ in range(RUNS)
            ]

            client = app.test_client()
            first = client.get("/calendar/fr/sessions.ics")
            etag = first.headers["ETag"]
            http_200 = [timed(lambda: client.get("/calendar/fr/sessions.ics")) for _ in range(RUNS)]
            http_304 = [
                timed(
                    lambda: client.get("/calendar/fr/sessions.ics", headers={"If-None-Match": etag})
                )
                for _ in range(RUNS)
            ]
            statuses = {
                client.get("/calendar/fr/sessions.ics", headers={"If-None-Match": etag}).status_code
            }

    print(
        f"Feed benchmark — {datetime.now(UTC):%Y-%m-%d}, {cpu_model()}, "
        f"Python {platform.python_version()}, SQLite"
    )
    print(f"  sessions in the feed                     {SESSIONS}  ({size / 1024:.0f} KiB)")
    print(f"  first build (nothing cached)             {cold:7.1f} ms")
    print(
        f"  rebuild after one change, median         {statistics.median(after_one_change):7.1f} ms"
        f"   (goal ≤ 50 ms)"
    )
    unchanged = statistics.median(unchanged_version)
    print(f"  'unchanged?' check (ETag), median         {unchanged:7.1f} ms")
    print(f"  HTTP 200, whole request, median          {statistics.median(http_200):7.1f} ms")
    print(
        f"  HTTP 304 (If-None-Match), median         {statistics.median(http_304):7.1f} ms"
        f"   status {sorted(statuses)}, feed not built"
    )


if __name__ == "__main__":
    main()
