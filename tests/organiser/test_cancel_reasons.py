"""Cancelling a session with a reason: given in both languages, told in each attendee's."""

from __future__ import annotations

import html

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession
from business_corner.services.errors import DomainError
from business_corner.services.registration import register
from business_corner.services.sessions import MAX_CANCEL_REASON, cancel_session
from business_corner.vocabulary import SessionStatus
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.team import text_of


@pytest.fixture
def logged_in(client, organiser, login):
    login(organiser)
    return organiser


def _mails() -> dict[str, str]:
    return {m.recipient: text_of(m) for m in outbox("session_cancelled")}


def test_each_attendee_reads_the_reason_in_their_language(organiser, marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    register(db.session, event.id, applicant("fr@x.fr", locale="fr"), now=now)
    register(db.session, event.id, applicant("en@x.fr", locale="en"), now=now)

    cancel_session(
        db.session,
        organiser,
        event.id,
        now=now,
        reason_fr="  L'intervenante est malade.  ",
        reason_en="The speaker is ill.",
    )

    mails = _mails()
    assert "Leur raison\u00a0: L'intervenante est malade." in mails["fr@x.fr"]
    assert "Their reason: The speaker is ill." in mails["en@x.fr"]
    saved = db.session.get(EventSession, event.id)
    assert saved.cancel_reason_fr == "L'intervenante est malade."


def test_a_reason_in_one_language_reaches_everyone(organiser, marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    register(db.session, event.id, applicant("en@x.fr", locale="en"), now=now)

    cancel_session(db.session, organiser, event.id, now=now, reason_fr="Grève des transports.")

    assert "Their reason: Grève des transports." in _mails()["en@x.fr"]


def test_no_reason_no_line(organiser, marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    register(db.session, event.id, applicant("en@x.fr", locale="en"), now=now)

    cancel_session(db.session, organiser, event.id, now=now)

    assert "reason" not in _mails()["en@x.fr"]


def test_a_reason_too_long_cancels_nothing(organiser, marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    with pytest.raises(DomainError):
        cancel_session(
            db.session, organiser, event.id, now=now, reason_en="x" * (MAX_CANCEL_REASON + 1)
        )
    assert db.session.get(EventSession, event.id).status is SessionStatus.PUBLISHED


def test_the_cancel_page_takes_a_reason_in_each_language(
    client, logged_in, marseille, make_session, now
):
    event = make_session(marseille, capacity=5)
    register(db.session, event.id, applicant("fr@x.fr", locale="fr"), now=now)
    page = client.get(f"/organiser/sessions/{event.id}/cancel").get_data(as_text=True)
    assert 'name="reason_fr"' in page and 'name="reason_en"' in page

    client.post(
        f"/organiser/sessions/{event.id}/cancel",
        data={"reason_fr": "Salle inondée.", "reason_en": "The room is flooded."},
    )

    assert db.session.get(EventSession, event.id).status is SessionStatus.CANCELLED
    assert "Leur raison\u00a0: Salle inondée." in _mails()["fr@x.fr"]


def test_a_reason_with_control_characters_is_refused_at_the_form(
    client, logged_in, marseille, make_session
):
    event = make_session(marseille, capacity=5)
    response = client.post(
        f"/organiser/sessions/{event.id}/cancel", data={"reason_en": "x\x1b[31m"}
    )
    assert response.status_code == 200
    assert 'id="error-summary"' in response.get_data(as_text=True)
    assert db.session.get(EventSession, event.id).status is SessionStatus.PUBLISHED


def test_the_session_page_gives_the_reason_in_the_readers_language(
    client, organiser, marseille, make_session, now
):
    event = make_session(marseille, capacity=5)
    cancel_session(
        db.session, organiser, event.id, now=now, reason_fr="Grève.", reason_en="A strike."
    )
    client.set_cookie("lang", "en")
    assert "The organisers' reason: A strike." in html.unescape(
        client.get(f"/sessions/{event.id}").get_data(as_text=True)
    ).replace("<span>", "").replace("</span>", "")
    client.set_cookie("lang", "fr")
    assert "Grève." in client.get(f"/sessions/{event.id}").get_data(as_text=True)
