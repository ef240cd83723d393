"""A multipart body with a part that has no name is bad input on every POST route: 400."""

from __future__ import annotations

from tests.support.routes import path_of, routes

NAMELESS = b"--XX\r\nContent-Disposition: form-data\r\n\r\nhello\r\n--XX--\r\n"
MULTIPART = "multipart/form-data; boundary=XX"
ENGLISH = {"Accept-Language": "en"}


def test_every_post_route_refuses_a_nameless_part(make_app, organiser):
    """With CSRF on, as in production: its check is where the part tripped."""
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    tried = 0
    for rule in routes(app, "POST"):
        response = client.post(
            path_of(rule), data=NAMELESS, content_type=MULTIPART, headers=ENGLISH
        )
        assert response.status_code == 400, (rule.rule, response.status_code)
        assert b"without a name" in response.data
        tried += 1
    assert tried >= 10


def test_a_named_multipart_body_still_reaches_the_csrf_check(make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    body = b'--XX\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.fr\r\n--XX--\r\n'
    response = client.post("/organiser/login", data=body, content_type=MULTIPART, headers=ENGLISH)
    assert response.status_code == 400
    assert b"without a name" not in response.data
