""" "I lost my link": one mail with every coming registration's personal link; the same
answer for any address; rate-limited."""

from __future__ import annotations

from email import message_from_bytes, policy

from business_corner.extensions import db
from business_corner.services.registration import cancel_registration, register
from business_corner.vocabulary import SessionStatus
from tests.support.applicants import applicant
from tests.support.pages import without_tokens
from tests.support.records import outbox


def plain(message) -> str:
    return message_from_bytes(message.raw, policy=policy.default).get_body(("plain",)).get_content()


def test_one_mail_lists_every_coming_registration_with_its_link(
    client, marseille, make_session, now
):
    first, second, cancelled = (make_session(marseille) for _ in range(3))
    ids = [
        register(db.session, event.id, applicant("ana@example.com", locale="en"), now=now)
        for event in (first, second, cancelled)
    ]
    cancel_registration(db.session, ids[2].registration_id, now=now)
    register(db.session, first.id, applicant("other@example.com"), now=now)
    outbox()
    page = client.get("/my-links").get_data(as_text=True)
    assert 'name="email"' in page
    response = client.post("/my-links", data={"email": "ANA@example.com"})
    assert response.status_code == 302
    (mail,) = outbox("my_links")
    assert mail.recipient == "ana@example.com"
    text = plain(mail)
    assert text.count("/manage/") == 2
    assert "other@example.com" not in text


def test_the_answer_is_the_same_for_an_unknown_address(client, marseille, make_session, now):
    register(db.session, make_session(marseille).id, applicant("ana@example.com"), now=now)
    known = client.post("/my-links", data={"email": "ana@example.com"}, follow_redirects=True)
    unknown = client.post("/my-links", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert without_tokens(known) == without_tokens(unknown)
    assert [m.recipient for m in outbox("my_links")] == ["ana@example.com"]


def test_past_and_draft_sessions_and_bad_input(client, marseille, make_session, now):
    assert client.post("/my-links", data={"email": "not an address"}).status_code == 422
    make_session(marseille, status=SessionStatus.DRAFT)
    client.post("/my-links", data={"email": "ana@example.com"})
    assert outbox("my_links") == []


def test_the_page_is_rate_limited(make_app, marseille):
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    codes = [
        client.post("/my-links", data={"email": "ana@example.com"}).status_code for _ in range(30)
    ]
    assert 429 in codes


def test_linked_from_the_footer_and_from_a_broken_link(client):
    assert "/my-links" in client.get("/").get_data(as_text=True)
    broken = client.get("/manage/not-a-token")
    assert broken.status_code == 404
    assert "/my-links" in broken.get_data(as_text=True)
