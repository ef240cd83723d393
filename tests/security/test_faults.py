"""Faults: the database away, a crash between two steps, the mail server down."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services import places, seats
from business_corner.services.registration import cancel_registration, register
from business_corner.vocabulary import RegistrationStatus
from tests.support.applicants import applicant, registration_form
from tests.support.records import outbox, registrations


@pytest.mark.parametrize(
    ("language", "title"),
    [("fr", "Service momentanément indisponible"), ("en", "Service briefly unavailable")],
)
def test_an_unreachable_database_gives_a_translated_503(make_app, tmp_path, language, title):
    unreachable = f"sqlite:///{tmp_path}/no/such/folder/db.sqlite3"
    client = make_app(DATABASE_URL=unreachable, TESTING=False).test_client()
    for path in ("/", "/sessions/1", "/calendar/fr/sessions.ics"):
        response = client.get(path, headers={"Accept-Language": language})
        page = response.get_data(as_text=True)
        assert response.status_code == 503, path
        assert title in page and response.headers["Retry-After"] == "60"
        assert re.search(r"<code>[0-9a-f]{12}</code>", page)  # the error reference
        assert "Traceback" not in page and "sqlite" not in page.lower()


def test_postgresql_down_gives_the_same_page(make_app):
    client = make_app(
        DATABASE_URL="postgresql://postgres@127.0.0.1:1/none",
        TESTING=False,
        SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"connect_timeout": 2}},
    ).test_client()
    response = client.get("/")
    assert response.status_code == 503


class Crash(RuntimeError):
    pass


def crash_after_writing_a_place(monkeypatch) -> None:
    """The registration and its notice are written, then the process fails before the
    commit (on PostgreSQL's one-statement path and on SQLite's two inserts alike)."""

    def write_then_crash(original):
        def crash(*args, **kwargs):
            original(*args, **kwargs)
            raise Crash("bug after the registration was written")

        return crash

    for name in ("add_new_place", "insert_new_place"):
        monkeypatch.setattr(places, name, write_then_crash(getattr(places, name)))


def test_a_crash_after_the_registration_is_written_leaves_nothing(
    marseille, make_session, now, monkeypatch
):
    event = make_session(marseille)

    crash_after_writing_a_place(monkeypatch)
    with pytest.raises(Crash):
        register(db.session, event.id, applicant(), now=now)
    assert registrations() == [] and outbox() == []


def test_a_crash_during_promotion_leaves_the_cancellation_undone(
    marseille, make_session, now, monkeypatch
):
    event = make_session(marseille, capacity=1)
    first = register(db.session, event.id, applicant("a@x.fr"), now=now)
    register(db.session, event.id, applicant("b@x.fr"), now=now + timedelta(seconds=1))
    messages_before = len(outbox())

    def crash(*args, **kwargs):
        raise Crash("promotion failed")

    monkeypatch.setattr(seats, "fill_free_seats", crash)
    with pytest.raises(Crash):
        cancel_registration(db.session, first.registration_id, now=now)
    db.session.expire_all()
    statuses = [r.status for r in registrations()]
    assert statuses == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    assert len(outbox()) == messages_before


def test_a_crash_in_a_view_gives_the_500_page_and_writes_nothing(
    make_app, marseille, make_session, monkeypatch
):
    event = make_session(marseille)

    crash_after_writing_a_place(monkeypatch)
    client = make_app(TESTING=False).test_client()
    response = client.post(f"/sessions/{event.id}/register", data=registration_form())
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Un problème est survenu" in page and "Traceback" not in page
    assert re.search(r"<code>[0-9a-f]{12}</code>", page)
    assert registrations() == [] and outbox() == []


def test_pending_mail_is_visible_to_organisers(
    client, organiser, login, marseille, make_session, now
):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now)
    login(organiser)
    assert "1 e-mail en attente d’envoi" in client.get("/organiser/").get_data(as_text=True)
    assert db.session.get(Registration, 1) is not None
