"""The site under load (wrk) against a Flask hello-world ceiling, on SQLite and PostgreSQL.

`make bench` runs it. Both apps run under gunicorn with the same settings (sync workers,
2 × cores) in the same run, so the ratios compare like with like on whatever machine this is.
It prints figures and ratios; it asserts nothing except that no seat was given twice.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from business_corner.config import sqlalchemy_url  # noqa: E402
from tests.support.databases import migrate, throwaway_postgres  # noqa: E402
from tests.support.smtp import free_port  # noqa: E402

SESSIONS = 1000
REGISTRATIONS = 20_000
CAPACITY = 40
GOALS = {"home": 0.20, "session page": 0.25, "feed 304": 0.50, "registration POST": 0.10}
POSTGRESQL_ONLY_GOALS = {"registration POST"}
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    print("installing wrk from Debian's packages…", flush=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL
    )
    return shutil.which("wrk") or "wrk"


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def populate(url: str) -> list[int]:
    """Two chapters, SESSIONS published sessions (50+ upcoming; all in the feed's window),
    REGISTRATIONS registrations spread over them. Returns the upcoming session ids."""
    engine = sa.create_engine(sqlalchemy_url(url))
    now = datetime.now(UTC)
    rng = random.Random(7)
    metadata = sa.MetaData()
    metadata.reflect(engine, only=["chapter", "event_session", "registration"])
    chapter, event, registration = (
        metadata.tables[n] for n in ("chapter", "event_session", "registration")
    )
    with engine.begin() as connection:
        connection.execute(
            chapter.insert(),
            [
                {
                    "id": 1,
                    "name": "Marseille",
                    "slug": "marseille",
                    "timezone": "Europe/Paris",
                    "contact_email": "marseille@business-corner.example",
                    "created_at": now,
                },
                {
                    "id": 2,
                    "name": "Los Angeles",
                    "slug": "los-angeles",
                    "timezone": "America/Los_Angeles",
                    "contact_email": "la@business-corner.example",
                    "created_at": now,
                },
            ],
        )
        sessions = []
        for index in range(SESSIONS):
            # A fifth in the recent past, the rest over the coming year.
            starts = now + timedelta(hours=rng.randint(-20 * 24, 365 * 24))
            chapter_id = 1 if index % 3 else 2
            sessions.append(
                {
                    "id": index + 1,
                    "chapter_id": chapter_id,
                    "title_en": f"Networking session {index}",
                    "title_fr": f"Session de networking {index}",
                    "description_en": (
                        "Practise **pitching**, small talk and follow-ups."
                        "\n\n- meet other sectors\n- speak"
                    ),
                    "description_fr": (
                        "Pitch, *small talk* et relances."
                        "\n\n- rencontrez d’autres secteurs\n- parlez"
                    ),
                    "format": "hybrid" if index % 4 == 0 else "in_person",
                    "venue": "Palais de la Bourse, 9 La Canebière, 13001 Marseille",
                    "video_url": "https://meet.business-corner.example/room"
                    if index % 4 == 0
                    else "",
                    "starts_at": starts,
                    "ends_at": starts + timedelta(minutes=90),
                    "timezone": "Europe/Paris" if chapter_id == 1 else "America/Los_Angeles",
                    "capacity": CAPACITY,
                    "levels": "B1,B2,C1",
                    "status": "published",
                    "calendar_uid": f"bench-{index}@business-corner",
                    "calendar_sequence": 0,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        connection.execute(event.insert(), sessions)
        rows = []
        for index in range(REGISTRATIONS):
            session_id = rng.randint(1, SESSIONS)
            rows.append(
                {
                    "event_session_id": session_id,
                    "first_name": "Ana",
                    "last_name": f"Martin {index}",
                    "email": f"attendee{index}@example.com",
                    "company": "Calanques SAS",
                    "job_title": "",
                    "sector": rng.choice(["digital", "health", "trade", "tourism", "industry"]),
                    "level": rng.choice(["A2", "B1", "B2", "C1"]),
                    "can_host": index % 9 == 0,
                    "locale": "fr",
                    "status": "confirmed",
                    "consent_at": now,
                    "consent_version": "2026-11-26",
                    "queued_at": now - timedelta(seconds=REGISTRATIONS - index),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        connection.execute(registration.insert(), rows)
        # Seats beyond capacity wait, as they would have.
        connection.execute(
            sa.text(
                "UPDATE registration SET status = 'waitlisted' WHERE id IN (SELECT id FROM ("
                " SELECT id, row_number()"
                " OVER (PARTITION BY event_session_id ORDER BY queued_at) AS n"
                " FROM registration) ranked WHERE n > :capacity)"
            ),
            {"capacity": CAPACITY},
        )
        if engine.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT setval('event_session_id_seq', :n)"), {"n": SESSIONS}
            )
            connection.execute(sa.text("SELECT setval('chapter_id_seq', 2)"))
        upcoming = [
            row.id
            for row in connection.execute(
                sa.text("SELECT id FROM event_session WHERE starts_at > :now ORDER BY starts_at"),
                {"now": now + timedelta(hours=1)},
            )
        ]
    engine.dispose()
    return upcoming


def overbooked(url: str) -> int:
    engine = sa.create_engine(sqlalchemy_url(url))
    with engine.connect() as connection:
        count = connection.execute(
            sa.text(
                "SELECT count(*) FROM (SELECT s.id FROM event_session s JOIN registration r "
                "ON r.event_session_id = s.id AND r.status = 'confirmed' "
                "GROUP BY s.id, s.capacity HAVING count(*) > s.capacity) x"
            )
        ).scalar_one()
    engine.dispose()
    return count


@contextmanager
def gunicorn(module: str, workers: int, env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            module,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                requests.get(base + "/", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(
    binary: str,
    name: str,
    url: str,
    seconds: int,
    connections: int,
    script: Path | None = None,
    headers: dict[str, str] | None = None,
) -> Result:
    command = [binary, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return Result(name, rps, p50, p99, errors)


def registration_script(folder: Path, base: str, session_ids: list[int]) -> Path:
    """A wrk script posting registrations spread over sessions, each with a new address,
    with one browser's cookie and CSRF token (as a browser would post them)."""
    browser = requests.Session()
    page = browser.get(f"{base}/sessions/{session_ids[0]}", timeout=30).text
    token = TOKEN.search(page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    script = folder / "register.lua"
    ids = ",".join(str(i) for i in session_ids)
    script.write_text(f"""
local sessions = {{{ids}}}
local counter = 0
-- setup() runs in wrk's main Lua state, once per thread, so each thread gets its own
-- prefix; init() then seeds each thread's generator with it. (Every Lua state starts with
-- the same random sequence: without this, both threads would post the same addresses.)
math.randomseed(os.time())
function setup(thread) thread:set("prefix", tostring(math.random(1, 1000000000))) end
function init(args) math.randomseed(tonumber(prefix)) end
function request()
  counter = counter + 1
  local id = sessions[math.random(#sessions)]
  local body = "first_name=Load&last_name=Test&company=Co&sector=digital&level=B1&consent=y"
    .. "&email=load-" .. prefix .. "-" .. counter .. "%40example.com&csrf_token={token}"
  return wrk.format("POST", "/sessions/" .. id .. "/register",
    {{["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "{cookie}"}}, body)
end
""")
    return script


def bench_backend(kind: str, url: str, wrk_binary: str, seconds: int, workers: int) -> list[Result]:
    upcoming = populate(url)
    settings = {
        "DATABASE_URL": url,
        "SECRET_KEY": "benchmark",
        "PUBLIC_URL": "http://127.0.0.1",
        "SESSION_COOKIE_SECURE": False,
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": "/tmp/business-corner-bench-mail",
        # The limiter stays on (its cost is part of a request) with limits no test reaches.
        "REGISTRATION_RATE_LIMIT_PER_IP": "100000000 per hour",
        "REGISTRATION_RATE_LIMIT_PER_ADDRESS": "100000000 per hour",
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/1"
        if kind == "PostgreSQL"
        else "memory://",
    }
    results = []
    env = {"BUSINESS_CORNER_BENCH_SETTINGS": json.dumps(settings)}
    with gunicorn("benchmarks.hello:app", workers, {}) as hello:
        results.append(wrk(wrk_binary, "hello world (ceiling)", hello + "/", seconds, 8))
    with (
        gunicorn("benchmarks.bench_app:app", workers, env) as base,
        tempfile.TemporaryDirectory() as folder,
    ):
        feed = requests.get(base + "/calendar/fr/sessions.ics", timeout=60)
        sessions_in_feed = feed.text.count("BEGIN:VEVENT")
        session = upcoming[len(upcoming) // 2]
        for path in ("/", f"/sessions/{session}"):
            requests.get(base + path, timeout=30)  # warm the caches every worker would have
        fr = {"Accept-Language": "fr"}
        results.append(wrk(wrk_binary, "home", base + "/", seconds, 8, headers=fr))
        results.append(
            wrk(wrk_binary, "session page", f"{base}/sessions/{session}", seconds, 8, headers=fr)
        )
        results.append(
            wrk(
                wrk_binary,
                f"feed ({sessions_in_feed} sessions)",
                base + "/calendar/fr/sessions.ics",
                seconds,
                8,
            )
        )
        results.append(
            wrk(
                wrk_binary,
                "feed 304",
                base + "/calendar/fr/sessions.ics",
                seconds,
                8,
                headers={"If-None-Match": feed.headers["ETag"]},
            )
        )
        script = registration_script(Path(folder), base, upcoming[:200])
        results.append(wrk(wrk_binary, "registration POST", base + "/", seconds, 8, script=script))
    results.append(Result("overbooked sessions", overbooked(url), 0, 0, 0))
    return results


def report(kind: str, results: list[Result]) -> None:
    ceiling = results[0].rps
    print(f"\n{kind}")
    print(f"  {'':30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7}  goal")
    for result in results:
        if result.name == "overbooked sessions":
            print(f"  {result.name:30} {int(result.rps):>9}")
            continue
        ratio = result.rps / ceiling
        goal = GOALS.get(result.name)
        if result.name in POSTGRESQL_ONLY_GOALS and kind != "PostgreSQL":
            goal = None  # the goal is set for the production database
        verdict = "" if goal is None else (f"≥ {goal:.2f} {'met' if ratio >= goal else 'MISSED'}")
        errors = f"  ({result.errors} errors)" if result.errors else ""
        print(
            f"  {result.name:30} {result.rps:>9.0f} {result.p50_ms:>8.1f} {result.p99_ms:>8.1f} "
            f"{ratio:>7.3f}  {verdict}{errors}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        help="Which to measure, comma-separated (the registration goal is PostgreSQL's).",
    )
    options = parser.parse_args()
    wrk_binary = ensure_wrk()
    print(
        f"Load benchmark — {datetime.now(UTC):%Y-%m-%d}, {cpu_model()}, {os.cpu_count()} cores, "
        f"gunicorn sync × {options.workers}, wrk 2 threads × 8 connections, "
        f"{options.seconds} s per line; {SESSIONS} sessions, {REGISTRATIONS} registrations"
    )
    databases = set(options.databases.split(","))
    if "sqlite" in databases:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.sqlite3"
            migrate(url)
            results = bench_backend("SQLite", url, wrk_binary, options.seconds, options.workers)
            report("SQLite", results)
    if "postgresql" in databases:
        with throwaway_postgres(options.postgres) as url:
            migrate(url)
            results = bench_backend("PostgreSQL", url, wrk_binary, options.seconds, options.workers)
            report("PostgreSQL", results)


if __name__ == "__main__":
    main()
