"""A NUL character (which PostgreSQL cannot store) anywhere in a request is bad input: 400."""

from __future__ import annotations

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from tests.support.applicants import registration_form
from tests.support.routes import has_text_variable, path_of, routes


def test_nul_in_a_path(client, marseille):
    response = client.get("/calendar/fr/chapters/%00.ics")
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def test_nul_in_the_login_form(client, organiser):
    response = client.post(
        "/organiser/login",
        data="email=a%00b%40example.com&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_nul_in_a_query_string(client):
    assert client.get("/", query_string="next=%00").status_code == 400
    assert client.get("/", query_string="%00=1").status_code == 400


def test_nul_in_a_form_field_saves_nothing(client, make_session, marseille):
    event = make_session(marseille)
    form = registration_form(company="Calanques\x00 SAS")
    response = client.post(f"/sessions/{event.id}/register", data=form)
    assert response.status_code == 400
    assert db.session.scalars(db.select(Registration)).all() == []


def test_the_refusal_is_translated(client, marseille):
    response = client.get("/calendar/fr/chapters/%00.ics", headers={"Accept-Language": "fr"})
    assert response.status_code == 400
    assert "caractère NUL" in response.get_data(as_text=True)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_nul_in_any_path_variable(client, organiser, login, method):
    login(organiser)
    for rule in routes(client.application, method):
        if has_text_variable(rule):
            response = client.open(path_of(rule, text="a%00b"), method=method)
            assert response.status_code == 400, (method, rule.rule, response.status_code)
