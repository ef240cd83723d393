"""The retention period the pages promise is the one the purge applies (RETENTION_MONTHS)."""

from __future__ import annotations

import pytest


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def app_settings(app_settings):
    return {**app_settings, "RETENTION_MONTHS": 18}


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "We keep your registration for 18 months after the session"),
        ("fr", "Nous conservons votre inscription 18 mois après la session"),
    ],
)
def test_the_session_page_states_the_configured_retention(
    client, marseille, make_session, language, words
):
    event = make_session(marseille)
    page = text(client.get(f"/sessions/{event.id}", headers={"Accept-Language": language}))
    assert words in page


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "18 months after the session"), ("fr", "18 mois après la session")],
)
def test_the_privacy_notice_states_the_configured_retention(client, language, words):
    assert words in text(client.get("/privacy", headers={"Accept-Language": language}))


def test_one_month_is_singular(app, client, marseille, make_session):
    app.config["RETENTION_MONTHS"] = 1
    event = make_session(marseille)
    page = text(client.get(f"/sessions/{event.id}", headers={"Accept-Language": "en"}))
    assert "for 1 month after the session" in page
