"""An id beyond what an INTEGER column holds is a page that does not exist, on every route."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from business_corner.request_guards import MAX_ID, BoundedIntConverter
from tests.support.routes import has_int, path_of, routes

TOO_LARGE = [MAX_ID + 1, 2**63, 10**30]


def test_every_int_route_uses_the_bounded_converter(app):
    int_rules = [rule for rule in app.url_map.iter_rules() if has_int(rule)]
    assert len(int_rules) >= 15
    for rule in int_rules:
        for converter in rule._converters.values():
            if isinstance(converter, IntegerConverter):  # a token beside an id is text
                assert type(converter) is BoundedIntConverter, rule.rule


@pytest.mark.parametrize("number", TOO_LARGE)
def test_every_int_route_answers_404(client, organiser, login, number):
    """Logged in, so that organiser routes get as far as the database."""
    login(organiser)
    tried = 0
    for method in ("GET", "POST"):
        for rule in routes(client.application, method):
            if has_int(rule):
                response = client.open(path_of(rule, number), method=method)
                assert response.status_code == 404, (method, rule.rule, response.status_code)
                tried += 1
    assert tried >= 15


def test_the_largest_id_is_still_looked_up(client, organiser, login, make_session, marseille):
    login(organiser)
    assert client.get(f"/sessions/{MAX_ID}").status_code == 404
    assert client.get(f"/organiser/sessions/{MAX_ID}/edit").status_code == 404
    event = make_session(marseille)
    assert client.get(f"/sessions/{event.id}").status_code == 200
