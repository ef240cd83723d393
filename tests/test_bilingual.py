"""Every page and every message, in French and in English, wholly in its language."""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from business_corner.extensions import db
from business_corner.services.registration import cancel_registration, register
from business_corner.services.reminders import queue_reminders
from business_corner.services.sessions import cancel_session
from business_corner.vocabulary import SessionStatus
from tests.support.applicants import applicant, registration_form
from tests.support.language import other_language_phrases, visible_text
from tests.support.records import outbox
from tests.support.tokens import make_check_in_token, make_manage_token

WEEKDAYS = {
    "fr": r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \w+ \d{4} à \d{2}:\d{2}",
    "en": r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4} at "
    r"\d{1,2}:\d{2}\s?[AP]M",
}
RELATIVE = {"fr": r"dans \d+ (jours?|semaines?)", "en": r"in \d+ (days?|weeks?)"}


@pytest.fixture
def world(marseille, los_angeles, organiser, make_session, now):
    """A published session with a seat taken and a waiting list, a draft, a cancelled one."""
    event = make_session(
        marseille, capacity=1, title_fr="Pitchez votre entreprise", title_en="Pitch your business"
    )
    make_session(marseille, status=SessionStatus.DRAFT, title_fr="Brouillon", title_en="Draft")
    make_session(
        los_angeles, status=SessionStatus.CANCELLED, title_fr="Annulée", title_en="Cancelled one"
    )
    seated = register(db.session, event.id, applicant("ana@x.fr"), now=now)
    waiting = register(db.session, event.id, applicant("ben@x.fr"), now=now + timedelta(seconds=1))
    return {"event": event.id, "seated": seated.registration_id, "waiting": waiting.registration_id}


PUBLIC_PAGES = {
    "home": ("/", {"fr": "Prochaines sessions", "en": "Upcoming sessions"}),
    "session": (
        "/sessions/{event}",
        {"fr": "S’inscrire sur liste d’attente", "en": "Join the waiting list"},
    ),
    "privacy": ("/privacy", {"fr": "Vos droits", "en": "Your rights"}),
    "manage": (
        "/manage/{seated_token}",
        {"fr": "Votre place est confirmée.", "en": "Your place is confirmed."},
    ),
    "manage waiting": (
        "/manage/{waiting_token}",
        {"fr": "en position 1", "en": "number 1 on the waiting list"},
    ),
    "cancel": (
        "/manage/{seated_token}/cancel",
        {"fr": "Annuler votre inscription ?", "en": "Cancel your registration?"},
    ),
    "bad link": (
        "/manage/not-a-token",
        {"fr": "Ce lien ne fonctionne pas", "en": "This link does not work"},
    ),
    "not found": ("/nowhere", {"fr": "Page introuvable", "en": "Page not found"}),
    "login": ("/organiser/login", {"fr": "Connexion organisateur", "en": "Organiser login"}),
    "still coming": (
        "/manage/{seated_token}/still-coming",
        {"fr": "Votre place est confirmée.", "en": "Your place is confirmed."},
    ),
    "ticket to anyone": (
        "/organiser/check-in/{seated_ticket}",
        {"fr": "Billet Business corner", "en": "Business corner ticket"},
    ),
}
ORGANISER_PAGES = {
    "dashboard": (
        "/organiser/",
        {"fr": "Sessions de l’antenne de Marseille", "en": "Sessions of the Marseille chapter"},
    ),
    "new session": ("/organiser/sessions/new", {"fr": "Nouvelle session", "en": "New session"}),
    "edit session": (
        "/organiser/sessions/{event}/edit",
        {"fr": "Modifier la session", "en": "Edit the session"},
    ),
    "attendees": (
        "/organiser/sessions/{event}/attendees",
        {"fr": "Exporter la liste (CSV)", "en": "Export the list (CSV)"},
    ),
    "cancel session": (
        "/organiser/sessions/{event}/cancel",
        {"fr": "Annuler cette session ?", "en": "Cancel this session?"},
    ),
    "tables": (
        "/organiser/sessions/{event}/tables",
        {"fr": "Tables de conversation", "en": "Conversation tables"},
    ),
    "check-in": (
        "/organiser/sessions/{event}/check-in",
        {"fr": "Rechercher par nom ou entreprise", "en": "Search by name or company"},
    ),
    "scanned ticket": (
        "/organiser/check-in/{seated_ticket}",
        {"fr": "L’accueil ouvre 120 minutes avant", "en": "Check-in opens 120 minutes before"},
    ),
}
DATED_PAGES = {"home", "session", "manage", "dashboard", "attendees"}


def urls(world) -> dict[str, str]:
    return {
        "event": world["event"],
        "seated_token": make_manage_token(world["seated"]),
        "waiting_token": make_manage_token(world["waiting"]),
        "seated_ticket": make_check_in_token(world["seated"]),
    }


def check_page(response, language: str, expected: str, page: str) -> None:
    markup = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in markup
    text = visible_text(markup)
    assert expected in text.replace("\u00a0", " ").replace("\u202f", " ")
    assert other_language_phrases(text, language) == [], page
    if page in DATED_PAGES:
        assert re.search(WEEKDAYS[language], text), page
    if page in {"home", "session"}:
        assert re.search(RELATIVE[language], text), page


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("page", sorted(PUBLIC_PAGES))
def test_public_pages_speak_one_language(client, world, page, language):
    path, expected = PUBLIC_PAGES[page]
    client.set_cookie("lang", language)
    response = client.get(path.format(**urls(world)))
    check_page(response, language, expected[language], page)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("page", sorted(ORGANISER_PAGES))
def test_organiser_pages_speak_one_language(client, world, organiser, login, page, language):
    login(organiser)
    path, expected = ORGANISER_PAGES[page]
    client.set_cookie("lang", language)
    response = client.get(path.format(**urls(world)))
    check_page(response, language, expected[language], page)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_registration_pages_speak_one_language(client, world, language):
    client.set_cookie("lang", language)
    errors = client.post(
        f"/sessions/{world['event']}/register", data=registration_form(email="nope")
    )
    text = visible_text(errors.get_data(as_text=True))
    assert other_language_phrases(text, language) == []
    assert {
        "fr": "Saisissez une adresse e-mail valide",
        "en": "Please enter a valid e-mail address",
    }[language] in text
    done = client.post(
        f"/sessions/{world['event']}/register", data=registration_form(email="new@x.fr")
    )
    page = client.get(done.headers["Location"])
    check_page(
        page,
        language,
        {"fr": "Consultez votre messagerie", "en": "Check your inbox"}[language],
        "registered",
    )


def test_the_switcher_keeps_the_reader_on_the_same_page(client, world):
    page = client.get(f"/sessions/{world['event']}").get_data(as_text=True)
    switch = re.search(r'href="(/language/en\?next=[^"]+)"', page).group(1)
    response = client.get(switch.replace("&amp;", "&"))
    assert response.headers["Location"] == f"/sessions/{world['event']}"
    assert '<html lang="en">' in client.get(response.headers["Location"]).get_data(as_text=True)


def every_notice(world, organiser, now, language):
    """Produce each kind of message at least once, each written out (as when sent) before
    the next change."""
    event_id = world["event"]
    register(db.session, event_id, applicant("carl@x.fr", locale=language), now=now)  # waits
    outbox()
    register(db.session, event_id, applicant("ana@x.fr"), now=now)  # already registered
    cancel_registration(db.session, world["seated"], now=now)  # cancelled + promoted
    queue_reminders(db.session, now, hours_before=24 * 30)
    outbox()
    from business_corner.models import EventSession
    from business_corner.services.sessions import update_session
    from tests.support.session_details import details_of

    event = db.session.get(EventSession, event_id)
    update_session(
        db.session,
        organiser,
        event_id,
        details_of(event, venue="Hôtel de ville, Marseille", capacity=4),
        now=now,
    )
    register(db.session, event_id, applicant("dan@x.fr", locale=language), now=now)  # a seat
    outbox()
    cancel_session(db.session, organiser, event_id, now=now)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_message_is_wholly_in_the_attendees_language(world, organiser, now, language):
    from business_corner.models import Registration

    for registration in db.session.scalars(db.select(Registration)):
        registration.locale = language
    db.session.commit()
    for message in outbox():
        db.session.delete(message)
    db.session.commit()

    every_notice(world, organiser, now, language)

    kinds = {message.kind for message in outbox()}
    assert kinds == {
        "confirmed",
        "waitlisted",
        "already_registered",
        "registration_cancelled",
        "promoted",
        "reminder",
        "session_updated",
        "session_cancelled",
    }
    for message in outbox():
        check_message(message, language)


def check_message(message, language: str) -> None:
    """Every part of a message (subject, text, HTML, calendar texts) is in ``language``."""
    if True:
        parsed = message_from_bytes(message.raw, policy=policy.default)
        assert parsed["Content-Language"] == language
        for kind in ("plain", "html"):
            body = parsed.get_body((kind,)).get_content()
            text = visible_text(body) if kind == "html" else body
            assert other_language_phrases(text, language) == [], (message.kind, kind)
            assert re.search(WEEKDAYS[language], text), (message.kind, kind)
        assert other_language_phrases(str(parsed["Subject"]), language) == []
        calendar = next((p for p in parsed.walk() if p.get_content_type() == "text/calendar"), None)
        if calendar is not None:
            from icalendar import Calendar

            (vevent,) = Calendar.from_ical(calendar.get_payload(decode=True)).walk("VEVENT")
            assert other_language_phrases(str(vevent["DESCRIPTION"]), language) == []
            assert vevent["SUMMARY"].params["LANGUAGE"] == language


@pytest.mark.parametrize("language", ["fr", "en"])
def test_confirm_or_release_messages_are_wholly_in_the_attendees_language(
    marseille, make_session, now, language
):
    from business_corner.services.confirmations import ConfirmTiming, run_confirmations

    event = make_session(marseille, capacity=1, starts_in=timedelta(days=3))
    event.confirm_or_release = True
    db.session.commit()
    for address in ("ana@x.fr", "ben@x.fr"):
        register(db.session, event.id, applicant(address, locale=language), now=now)
    for hours in (48, 26):
        run_confirmations(db.session, event.starts_at - timedelta(hours=hours), ConfirmTiming())
        outbox()  # written out, as the sender would, before the next step

    messages = [m for m in outbox() if m.kind in {"still_coming", "seat_released", "promoted"}]
    assert {m.kind for m in messages} == {"still_coming", "seat_released", "promoted"}
    for message in messages:
        check_message(message, language)
