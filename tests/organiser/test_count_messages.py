"""Counts read right in both languages: one person, two people, and French's singular 0."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from business_corner.extensions import db
from business_corner.organiser.messages import moved_up, told_of_cancellation, told_their_tables
from business_corner.services.registration import register
from tests.support.applicants import applicant

EXPECTED = {
    ("en", moved_up): [
        "0 people moved up from the waiting list and were told by e-mail.",
        "1 person moved up from the waiting list and was told by e-mail.",
        "2 people moved up from the waiting list and were told by e-mail.",
    ],
    ("fr", moved_up): [
        "0 personne est passée de la liste d’attente à une place confirmée et a été prévenue "
        "par e-mail.",
        "1 personne est passée de la liste d’attente à une place confirmée et a été prévenue "
        "par e-mail.",
        "2 personnes sont passées de la liste d’attente à une place confirmée et ont été "
        "prévenues par e-mail.",
    ],
    ("en", told_of_cancellation): [
        "The session is cancelled. 0 people are being told by e-mail.",
        "The session is cancelled. 1 person is being told by e-mail.",
        "The session is cancelled. 2 people are being told by e-mail.",
    ],
    ("fr", told_of_cancellation): [
        "La session est annulée. 0 personne est prévenue par e-mail.",
        "La session est annulée. 1 personne est prévenue par e-mail.",
        "La session est annulée. 2 personnes sont prévenues par e-mail.",
    ],
    ("en", told_their_tables): [
        "0 attendees are being told their tables by e-mail.",
        "1 attendee is being told their tables by e-mail.",
        "2 attendees are being told their tables by e-mail.",
    ],
    ("fr", told_their_tables): [
        "0 participant reçoit ses tables par e-mail.",
        "1 participant reçoit ses tables par e-mail.",
        "2 participants reçoivent leurs tables par e-mail.",
    ],
}


@pytest.mark.parametrize(
    ("locale", "message"), list(EXPECTED), ids=lambda v: getattr(v, "__name__", v)
)
def test_counts_0_1_and_2(app, locale, message):
    with app.test_request_context(), force_locale(locale):
        assert [message(count) for count in (0, 1, 2)] == EXPECTED[locale, message]


def test_a_cancelled_session_with_one_attendee_says_person(
    client, organiser, login, marseille, make_session, now
):
    login(organiser)
    event = make_session(marseille)
    register(db.session, event.id, applicant("a@x.fr"), now=now)
    response = client.post(
        f"/organiser/sessions/{event.id}/cancel",
        follow_redirects=True,
        headers={"Accept-Language": "en"},
    )
    assert "1 person is being told by e-mail." in response.get_data(as_text=True)
