"""Every query behind the main pages, feeds, registration and the mail sender can use an index
(EXPLAIN on PostgreSQL, with sequential scans discouraged so the planner shows its best)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event

from business_corner.extensions import db
from business_corner.services.mail.backends import FileBackend
from business_corner.services.privacy import purge
from business_corner.services.registration import register
from business_corner.services.reminders import queue_reminders
from tests.support.applicants import applicant, registration_form
from tests.support.mail import deliver
from tests.support.tokens import make_check_in_token, make_feed_token, make_manage_token

#: Tables that grow with use; chapter and organiser stay a handful of rows.
GROWING = {"event_session", "registration", "outbox_message"}


def captured(action) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if (
            statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE"))
            and not executemany
        ):
            seen.append((statement, parameters))

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)
    return seen


def scans(plan: dict) -> list[tuple[str, str]]:
    found = [(plan.get("Node Type", ""), plan.get("Relation Name", ""))]
    for child in plan.get("Plans", []):
        found += scans(child)
    return found


def test_hot_queries_use_indexes(
    app, client, organiser, login, marseille, make_session, now, tmp_path
):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL")
    events = [
        make_session(marseille, capacity=2, starts_in=timedelta(hours=10 + i)) for i in range(3)
    ]
    registration = register(db.session, events[0].id, applicant(), now=now)
    token = make_manage_token(registration.registration_id)
    feed = make_feed_token(organiser.id, organiser.calendar_feed_version)
    login(organiser)

    def everything() -> None:
        for path in (
            "/",
            f"/sessions/{events[0].id}",
            f"/manage/{token}",
            "/calendar/fr/sessions.ics",
            "/calendar/fr/chapters/marseille.ics",
            f"/calendar/fr/private/{feed}.ics",
            "/organiser/",
            f"/organiser/sessions/{events[0].id}/attendees",
            f"/organiser/sessions/{events[0].id}/check-in",
            f"/organiser/check-in/{make_check_in_token(registration.registration_id)}",
        ):
            assert client.get(path).status_code == 200, path
        client.post(f"/sessions/{events[1].id}/register", data=registration_form(email="new@x.fr"))
        client.post(f"/sessions/{events[0].id}/register", data=registration_form())  # a repeat
        client.post(f"/manage/{token}/cancel")
        queue_reminders(db.session, now, hours_before=24)
        deliver(FileBackend(tmp_path), now + timedelta(minutes=1))
        purge(db.session, now)

    statements = captured(everything)
    assert len(statements) > 20
    problems = []
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SET enable_seqscan = off")
        for statement, parameters in statements:
            if "FOR UPDATE" in statement:
                statement = statement.replace("FOR UPDATE", "")
            cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
            plan = cursor.fetchone()[0]
            plan = plan if isinstance(plan, list) else json.loads(plan)
            for node, table in scans(plan[0]["Plan"]):
                if node == "Seq Scan" and table in GROWING:
                    problems.append(f"{table}: {' '.join(statement.split())[:160]}")
        connection.rollback()
    finally:
        connection.close()
    assert problems == [], "\n".join(problems)
