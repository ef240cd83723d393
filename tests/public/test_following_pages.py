"""Following pages: ask, confirm by POST (mail scanners follow links), unsubscribe."""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy

from business_corner.extensions import db
from business_corner.models import Follower
from business_corner.services import series as series_admin
from tests.support.pages import without_tokens
from tests.support.records import outbox
from tests.support.series import series_template, weekly


def plain(message) -> str:
    return message_from_bytes(message.raw, policy=policy.default).get_body(("plain",)).get_content()


def test_follow_a_chapter_through_the_double_opt_in(client, marseille):
    assert client.get("/follow").status_code == 200
    response = client.post(
        "/follow", data={"chapter": "marseille", "email": "Ana@Example.com", "consent": "y"}
    )
    assert response.status_code == 302
    (request,) = outbox("follow_confirm")
    text = plain(request)
    (link,) = set(re.findall(r"https://business-corner\.test(/follow/[\w.-]+)", text))
    # Opening the link (as a mail scanner does) confirms nothing.
    assert client.get(link).status_code == 200
    assert db.session.scalars(db.select(Follower)).one().confirmed_at is None
    assert client.post(link).status_code == 200
    db.session.expire_all()
    assert db.session.scalars(db.select(Follower)).one().confirmed_at is not None


def test_the_answer_is_the_same_for_an_address_already_following(client, marseille):
    form = {"chapter": "marseille", "email": "ana@example.com", "consent": "y"}
    first = client.post("/follow", data=form, follow_redirects=True)
    db.session.execute(db.update(Follower).values(confirmed_at=db.func.now()))
    db.session.commit()
    again = client.post("/follow", data=form, follow_redirects=True)
    assert without_tokens(first) == without_tokens(again)
    assert len(outbox("follow_confirm")) == 1


def test_bad_requests_are_refused_without_a_change(client, marseille):
    assert client.post("/follow", data={"chapter": "marseille", "email": "x"}).status_code == 422
    assert (
        client.post(
            "/follow", data={"chapter": "nowhere", "email": "a@example.com", "consent": "y"}
        ).status_code
        == 422
    )
    assert client.get("/follow/not-a-token").status_code == 404
    assert client.post("/unsubscribe/not-a-token").status_code == 404
    assert db.session.scalars(db.select(Follower)).all() == []


def test_follow_a_series_from_its_page_and_unsubscribe(client, organiser, now):
    first = (now + timedelta(days=20)).date()
    series_id = series_admin.create_series(
        db.session, organiser, series_template(first), weekly(first, count=2), now=now
    )
    series_admin.publish_series(db.session, organiser, series_id, now=now)
    page = client.get(f"/series/{series_id}").get_data(as_text=True)
    assert 'name="follow-email"' in page
    client.post(
        f"/series/{series_id}/follow",
        data={"follow-email": "ana@example.com", "follow-consent": "y"},
    )
    follower = db.session.scalars(db.select(Follower)).one()
    assert follower.series_id == series_id
    header = message_from_bytes(outbox("follow_confirm")[0].raw, policy=policy.default)[
        "List-Unsubscribe"
    ]
    (unsubscribe,) = re.findall(r"https://business-corner\.test(/unsubscribe/[\w.-]+)", header)
    assert client.get(unsubscribe).status_code == 200
    assert client.post(unsubscribe).status_code == 200
    assert db.session.scalars(db.select(Follower)).all() == []
