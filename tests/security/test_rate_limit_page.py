"""The 429 page says when to come back, as Retry-After does, in the reader's language."""

from __future__ import annotations

import math

import pytest
from flask_babel import force_locale

from business_corner.errors import _come_back_in
from tests.support.applicants import registration_form


def _refused(make_app, event, limit: str, language: str):
    client = make_app(RATELIMIT_ENABLED=True, REGISTRATION_RATE_LIMIT_PER_IP=limit).test_client()
    client.post(f"/sessions/{event.id}/register", data=registration_form())
    response = client.post(
        f"/sessions/{event.id}/register",
        data=registration_form(email="other@x.fr"),
        headers={"Accept-Language": language},
    )
    assert response.status_code == 429
    return int(response.headers["Retry-After"]), response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("fr", "Réessayez dans {} minutes."), ("en", "Please try again in {} minutes.")],
)
def test_an_hourly_limit_says_how_many_minutes(
    make_app, marseille, make_session, language, sentence
):
    seconds, page = _refused(make_app, make_session(marseille), "1 per hour", language)
    assert seconds > 120  # the hourly window has most of its hour to run
    assert sentence.format(math.ceil(seconds / 60)) in page


@pytest.mark.parametrize(
    ("language", "sentence"), [("fr", "Réessayez dans {}"), ("en", "Please try again in {}")]
)
def test_a_limit_per_minute_says_how_many_seconds(
    make_app, marseille, make_session, language, sentence
):
    seconds, page = _refused(make_app, make_session(marseille), "1 per minute", language)
    assert 1 <= seconds <= 60
    assert sentence.format(seconds if seconds < 60 else "1 minute") in page
    with force_locale(language):
        assert _come_back_in(seconds) in page  # the same figure as the header


@pytest.mark.parametrize(
    ("seconds", "english", "french"),
    [
        (1, "in 1 second.", "dans 1 seconde."),
        (59, "in 59 seconds.", "dans 59 secondes."),
        (60, "in 1 minute.", "dans 1 minute."),
        (3597, "in 60 minutes.", "dans 60 minutes."),
        (7200, "in 2 hours.", "dans 2 heures."),
        (86_400, "in 24 hours.", "dans 24 heures."),
    ],
)
def test_the_wait_is_rounded_up_to_a_unit_people_read(app, seconds, english, french):
    with force_locale("en"):
        assert _come_back_in(seconds).endswith(english)
    with force_locale("fr"):
        assert _come_back_in(seconds).endswith(french)
