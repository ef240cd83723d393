"""Hostile text in every field: shown as text everywhere, never run, never a header or property."""

from __future__ import annotations

from email import message_from_bytes, policy
from html.parser import HTMLParser

import pytest

from business_corner.extensions import db
from business_corner.services.mail.compose import build_message
from business_corner.services.markup import render_description
from business_corner.services.registration import register
from business_corner.vocabulary import SessionFormat
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.tokens import make_manage_token

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
    "' onmouseover='alert(1)",
]


class Dangers(HTMLParser):
    """Collects what would run in a browser: scripts, handlers, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in {"script", "iframe", "object", "embed"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if (
                name in {"href", "src", "action", "formaction"}
                and value
                and value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.found.append(f"{tag}[{name}={value}]")


def dangers(markup: str) -> list[str]:
    parser = Dangers()
    parser.feed(markup)
    return parser.found


@pytest.fixture
def hostile_session(marseille, make_session, now):
    payload = " ".join(PAYLOADS)
    event = make_session(
        marseille, format=SessionFormat.HYBRID, title_fr=payload[:200], title_en=payload[:200]
    )
    event.description_fr = event.description_en = payload + "\n\n[click](javascript:alert(1))"
    event.venue = payload[:300]
    db.session.commit()
    outcome = register(
        db.session,
        event.id,
        applicant("hostile@x.fr", first_name=payload[:100], last_name=PAYLOADS[1], locale="fr"),
        now=now,
    )
    return event, outcome.registration_id


def test_pages_show_hostile_text_as_text(client, organiser, login, hostile_session):
    event, registration_id = hostile_session
    pages = [f"/sessions/{event.id}", "/", f"/manage/{make_manage_token(registration_id)}"]
    login(organiser)
    pages += [
        "/organiser/",
        f"/organiser/sessions/{event.id}/attendees",
        f"/organiser/sessions/{event.id}/edit",
    ]
    for path in pages:
        markup = client.get(path).get_data(as_text=True)
        assert dangers(markup) == [], path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup, path
        assert "{{ 7*7 }}" in markup and ">49<" not in markup, path


def test_html_mail_shows_hostile_text_as_text(hostile_session):
    (message,) = outbox()
    parsed = message_from_bytes(message.raw, policy=policy.default)
    html = parsed.get_body(("html",)).get_content()
    assert dangers(html) == []
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "payload",
    [
        *PAYLOADS,
        "[x](javascript:alert(1))",
        "<a href=x>y</a>",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "**bold** <b onclick=alert(1)>b</b>",
    ],
)
def test_markdown_descriptions_are_sanitised(payload):
    html = str(render_description(payload))
    assert dangers(html) == []
    assert "<a href=x>" not in html


def test_markdown_keeps_the_harmless_subset():
    html = str(
        render_description("**Bold**, *italic*\n\n- one\n- two\n\n[site](https://cci.example)")
    )
    assert "<strong>Bold</strong>" in html and "<em>italic</em>" in html
    assert "<li>one</li>" in html
    assert '<a href="https://cci.example" rel="noopener noreferrer nofollow">site</a>' in html


@pytest.mark.parametrize(
    "name", ["Ana\r\nBcc: victim@x.fr", "Ana\nX-Spam: yes", "Ana\x00\r\n\r\n<html>"]
)
def test_mail_headers_cannot_be_injected(name):
    from datetime import UTC, datetime

    message = build_message(
        sender="Business corner <no-reply@x.fr>",
        recipient="ana@x.fr",
        recipient_name=name,
        reply_to="m@x.fr",
        subject=f"Votre place : {name}",
        text="t",
        html="<p>h</p>",
        locale="fr",
        now=datetime.now(UTC),
    )
    raw = message.as_bytes(policy=policy.SMTP)
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in headers and b"\r\nX-Spam:" not in headers
    reparsed = message_from_bytes(raw, policy=policy.default)
    assert reparsed["To"].addresses[0].addr_spec == "ana@x.fr"
    assert len(reparsed["To"].addresses) == 1


def test_accents_cjk_and_emoji_survive_page_csv_mail_and_calendar(
    client, organiser, login, marseille, make_session, now
):
    from icalendar import Calendar

    name = "Zoë 山田 🎉"
    event = make_session(marseille, title_fr="Séance spéciale 🎉 東京")
    outcome = register(
        db.session, event.id, applicant("zoe@x.fr", first_name=name, last_name="Ødegård"), now=now
    )
    page = client.get(f"/manage/{make_manage_token(outcome.registration_id)}").get_data(
        as_text=True
    )
    assert "Séance spéciale 🎉 東京" in page
    login(organiser)
    csv = client.get(f"/organiser/sessions/{event.id}/attendees.csv").data.decode("utf-8")
    assert name in csv and "Ødegård" in csv
    (message,) = outbox()
    parsed = message_from_bytes(message.raw, policy=policy.default)
    assert name in parsed.get_body(("plain",)).get_content()
    assert parsed["To"].addresses[0].display_name == f"{name} Ødegård"
    calendar_part = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    (vevent,) = Calendar.from_ical(calendar_part.get_payload(decode=True)).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Séance spéciale 🎉 東京"
    assert vevent["ATTENDEE"].params["CN"] == f"{name} Ødegård"


def test_long_accented_names_and_subjects_fold_and_read_back_whole():
    from datetime import UTC, datetime

    from business_corner.services.mail.compose import message_bytes

    name = "Élodie Müller-Ventimiglia de la Très Longue Famille Provençale"
    subject = "Votre place est confirmée : Pitchez votre entreprise en anglais à Marseille"
    message = build_message(
        sender="Business corner — CCI <no-reply@x.fr>",
        recipient="elodie@x.fr",
        recipient_name=name,
        reply_to=None,
        subject=subject,
        text="Bonjour Élodie",
        html="<p>Bonjour Élodie</p>",
        locale="fr",
        now=datetime.now(UTC),
    )
    raw = message_bytes(message)

    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    reparsed = message_from_bytes(raw, policy=policy.default)
    assert reparsed["Subject"] == subject
    assert reparsed["To"].addresses[0].display_name == name
    assert reparsed["From"].addresses[0].display_name == "Business corner — CCI"
    assert reparsed.get_body(("plain",)).get_content().strip() == "Bonjour Élodie"
