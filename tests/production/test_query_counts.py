"""The number of SQL statements behind each main page and feed does not grow with the data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services.registration import register
from tests.support.applicants import applicant, registration_form
from tests.support.tokens import make_check_in_token, make_feed_token, make_manage_token


def statements(client, path: str, *, data: dict | None = None, status: int = 200) -> int:
    """SQL statements behind one request (a GET, or a POST of ``data``)."""
    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.get(path) if data is None else client.post(path, data=data)
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == status, path
    return len(seen)


@pytest.fixture
def grow(marseille, los_angeles, make_session, now):
    """Adds sessions, each with registrations (seated, waiting), in both chapters; every
    third is a joint session of both."""
    made = []

    def add(count: int, per_session: int) -> None:
        for index in range(count):
            chapter, other = (marseille, los_angeles) if index % 2 else (los_angeles, marseille)
            event = make_session(
                chapter,
                capacity=per_session // 2,
                starts_in=timedelta(days=1 + len(made)),
                co_hosts=(other,) if index % 3 == 0 else (),
            )
            made.append(event.id)
            for person in range(per_session):
                register(
                    db.session,
                    event.id,
                    applicant(f"s{event.id}p{person}@x.fr", locale=("fr", "en")[person % 2]),
                    now=now,
                )

    add.made = made  # type: ignore[attr-defined]
    return add


PAGES = {
    "home": lambda ids, org: "/",
    "session page": lambda ids, org: f"/sessions/{ids[0]}",
    "manage page": lambda ids, org: f"/manage/{make_manage_token(_first_registration(ids[0]))}",
    "public feed": lambda ids, org: "/calendar/fr/sessions.ics",
    "chapter feed": lambda ids, org: "/calendar/en/chapters/marseille.ics",
    "private feed": lambda ids, org: (
        f"/calendar/fr/private/{make_feed_token(org.id, org.calendar_feed_version)}.ics"
    ),
    "dashboard": lambda ids, org: "/organiser/",
    "attendee list": lambda ids, org: f"/organiser/sessions/{_own(ids, org)}/attendees",
    "attendee CSV": lambda ids, org: f"/organiser/sessions/{_own(ids, org)}/attendees.csv",
    "check-in": lambda ids, org: f"/organiser/sessions/{_own(ids, org)}/check-in",
    "scanned ticket": lambda ids, org: (
        f"/organiser/check-in/{make_check_in_token(_first_registration(_own(ids, org)))}"
    ),
}


def _first_registration(event_id: int) -> int:
    return db.session.scalars(
        db.select(Registration.id)
        .where(Registration.event_session_id == event_id)
        .order_by(Registration.id)
    ).first()


def _own(ids, organiser) -> int:
    from business_corner.models import EventSession

    return next(
        i for i in ids if db.session.get(EventSession, i).chapter_id == organiser.chapter_id
    )


@pytest.mark.parametrize("page", sorted(PAGES))
def test_statements_stay_constant_when_the_data_grows_tenfold(client, organiser, login, grow, page):
    login(organiser)
    grow(3, 4)
    few = statements(client, PAGES[page](grow.made, organiser))
    grow(27, 40)  # ten times the sessions, and ten times the registrations per session
    many = statements(client, PAGES[page](grow.made, organiser))
    assert many == few, f"{page}: {few} statements with little data, {many} with ten times more"
    print(f"\n{page}: {few} statements")
    assert few <= 12


#: A first sign-up: on PostgreSQL the seat lock, then one statement that writes the place
#: and its notice; on SQLite BEGIN IMMEDIATE, the lock, the standing and two inserts.
SIGN_UP_STATEMENTS = {"postgresql": 2, "sqlite": 5}


def test_a_sign_up_costs_the_same_few_statements_however_full_the_site(client, grow):
    grow(3, 4)

    def sign_up(email: str) -> int:
        return statements(
            client,
            f"/sessions/{grow.made[-1]}/register",
            data=registration_form(email=email),
            status=302,
        )

    few = sign_up("first@example.com")
    grow(27, 40)
    many = sign_up("second@example.com")
    assert few == many == SIGN_UP_STATEMENTS[db.engine.dialect.name]
