"""Invitations by mail: REQUEST, updates and CANCEL with one UID and a rising SEQUENCE."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from business_corner.extensions import db
from business_corner.models import EventSession
from business_corner.services.city_times import local_to_utc
from business_corner.services.registration import cancel_registration, register
from business_corner.services.sessions import cancel_session, update_session
from business_corner.vocabulary import SessionFormat
from tests.calendar.support import both_parsers, calendar_of, check_wire_format
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.session_details import details_of as saved_details


def invite_of(message):
    mail, data, method = calendar_of(message.raw)
    return mail, data, method, Calendar.from_ical(data)


def test_a_confirmation_carries_a_complete_request(marseille, los_angeles, make_session, now):
    event = make_session(
        marseille, format=SessionFormat.HYBRID, title_fr="Pitchez", title_en="Pitch"
    )
    register(db.session, event.id, applicant("ana@x.fr", first_name="Ana", locale="fr"), now=now)

    mail, data, method, calendar = invite_of(outbox("confirmed")[0])
    assert method == "REQUEST" == str(calendar["METHOD"])
    assert str(calendar["PRODID"]) == "-//Business corner//Sessions//EN"
    assert str(calendar["VERSION"]) == "2.0"
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == event.calendar_uid
    assert vevent.decoded("DTSTAMP").tzinfo is not None and vevent["DTSTAMP"].to_ical().endswith(
        b"Z"
    )
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(vevent["SUMMARY"]) == "Pitchez" and vevent["SUMMARY"].params["LANGUAGE"] == "fr"
    description = str(vevent["DESCRIPTION"])
    assert "Marseille\u00a0: " in description and "Los Angeles\u00a0: " in description
    assert "https://business-corner.test/manage/" in description
    assert "https://meet.test/abc" in description  # confirmed: the video link
    assert str(vevent["URL"]) == f"https://business-corner.test/sessions/{event.id}"
    assert str(vevent["CONFERENCE"]) == "https://meet.test/abc"
    assert "9 La Canebière" in str(vevent["LOCATION"])
    organizer = vevent["ORGANIZER"]
    assert str(organizer) == "mailto:marseille@business-corner.test"
    assert organizer.params["CN"] == "Business corner Marseille"
    attendee = vevent["ATTENDEE"]
    assert str(attendee) == "mailto:ana@x.fr" and attendee.params["CN"] == "Ana Martin"
    assert attendee.params["PARTSTAT"] == "ACCEPTED" and attendee.params["RSVP"] == "FALSE"
    assert int(vevent["SEQUENCE"]) == 0 and str(vevent["STATUS"]) == "CONFIRMED"
    assert mail["To"].addresses[0].addr_spec == "ana@x.fr"

    (parsed,) = both_parsers(data)
    assert (parsed.start, parsed.end) == (event.starts_at, event.ends_at)


def test_the_invite_speaks_the_attendees_language(marseille, make_session, now):
    event = make_session(marseille, title_fr="Pitchez", title_en="Pitch")
    register(db.session, event.id, applicant("en@x.fr", locale="en"), now=now)
    _, _, _, calendar = invite_of(outbox()[0])
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Pitch"
    assert "Session page: " in str(vevent["DESCRIPTION"])


def test_waitlisted_attendees_get_no_invite_until_promoted(marseille, make_session, now):
    event = make_session(marseille, capacity=1)
    first = register(db.session, event.id, applicant("a@x.fr"), now=now)
    register(db.session, event.id, applicant("b@x.fr"), now=now + timedelta(seconds=1))
    waitlisted = outbox("waitlisted")[0]
    assert b"text/calendar" not in waitlisted.raw

    cancel_registration(db.session, first.registration_id, now=now + timedelta(minutes=1))

    _, _, method, calendar = invite_of(outbox("promoted")[0])
    assert method == "REQUEST"
    assert str(calendar.walk("VEVENT")[0]["UID"]) == event.calendar_uid


def test_an_attendee_who_cancels_gets_a_cancel_with_a_higher_sequence(marseille, make_session, now):
    event = make_session(marseille)
    outcome = register(db.session, event.id, applicant("a@x.fr"), now=now)
    _, request_data, _, _ = invite_of(outbox("confirmed")[0])  # written out, as when sent
    cancel_registration(db.session, outcome.registration_id, now=now + timedelta(minutes=5))

    _, cancel_data, method, calendar = invite_of(outbox("registration_cancelled")[0])
    (request,), (cancel,) = both_parsers(request_data), both_parsers(cancel_data)
    assert method == "CANCEL" == str(calendar["METHOD"])
    assert cancel.uid == request.uid == event.calendar_uid
    assert cancel.sequence > request.sequence
    assert cancel.status == "CANCELLED"

    # Registering again: the new invite outranks the cancellation.
    register(db.session, event.id, applicant("a@x.fr"), now=now + timedelta(minutes=20))
    (again,) = both_parsers(invite_of(outbox("confirmed")[-1])[1])
    assert again.uid == event.calendar_uid and again.sequence > cancel.sequence


def test_leaving_the_waiting_list_sends_no_cancel(marseille, make_session, now):
    event = make_session(marseille, capacity=1)
    register(db.session, event.id, applicant("a@x.fr"), now=now)
    waiting = register(db.session, event.id, applicant("b@x.fr"), now=now)
    cancel_registration(db.session, waiting.registration_id, now=now)
    assert b"text/calendar" not in outbox("registration_cancelled")[0].raw


@pytest.fixture
def details_of():
    return saved_details


def test_a_change_of_time_updates_everyone_with_a_seat(
    organiser, marseille, make_session, now, details_of
):
    event = make_session(marseille, capacity=1)
    register(db.session, event.id, applicant("seated@x.fr", locale="en"), now=now)
    register(db.session, event.id, applicant("waiting@x.fr"), now=now)
    (before,) = both_parsers(invite_of(outbox("confirmed")[0])[1])

    later = event.starts_at + timedelta(hours=1)
    update_session(
        db.session,
        organiser,
        event.id,
        details_of(event, starts_at=later, ends_at=later + timedelta(hours=1)),
        now=now,
    )

    updates = {m.recipient: m for m in outbox("session_updated")}
    assert set(updates) == {"seated@x.fr", "waiting@x.fr"}
    mail, data, method, _ = invite_of(updates["seated@x.fr"])
    assert method == "REQUEST"
    (after,) = both_parsers(data)
    assert after.uid == before.uid and after.sequence == before.sequence + 1
    assert after.start == later
    assert "The date or time has changed." in mail.get_body(("plain",)).get_content()
    assert b"text/calendar" not in updates["waiting@x.fr"].raw  # no invite without a seat
    assert "La date ou l’horaire a changé." in (mail_text(updates["waiting@x.fr"]))


def mail_text(message) -> str:
    from email import message_from_bytes, policy

    return message_from_bytes(message.raw, policy=policy.default).get_body(("plain",)).get_content()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"venue": "Hôtel de ville, Marseille"}, "The place has changed."),
        ({"video_url": "https://meet.test/new"}, "The link to join online has changed."),
        ({"format": SessionFormat.IN_PERSON, "video_url": ""}, "The format has changed."),
    ],
)
def test_each_kind_of_change_is_named(
    organiser, marseille, make_session, now, details_of, change, expected
):
    event = make_session(marseille, format=SessionFormat.HYBRID)
    register(db.session, event.id, applicant("a@x.fr", locale="en"), now=now)
    update_session(db.session, organiser, event.id, details_of(event, **change), now=now)
    assert expected in mail_text(outbox("session_updated")[0])


def test_a_new_title_alone_sends_nothing(organiser, marseille, make_session, now, details_of):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now)
    sequence = event.calendar_sequence
    update_session(db.session, organiser, event.id, details_of(event, title_en="New"), now=now)
    assert outbox("session_updated") == []
    assert db.session.get(EventSession, event.id).calendar_sequence == sequence


def test_a_cancelled_session_sends_cancel_to_every_attendee_with_a_seat(
    organiser, marseille, make_session, now
):
    event = make_session(marseille, capacity=1)
    register(db.session, event.id, applicant("seated@x.fr"), now=now)
    register(db.session, event.id, applicant("waiting@x.fr"), now=now)
    (before,) = both_parsers(invite_of(outbox("confirmed")[0])[1])

    cancel_session(db.session, organiser, event.id, now=now)

    told = {m.recipient: m for m in outbox("session_cancelled")}
    _, data, method, _ = invite_of(told["seated@x.fr"])
    (cancel,) = both_parsers(data)
    assert method == "CANCEL" and cancel.status == "CANCELLED"
    assert cancel.uid == before.uid and cancel.sequence > before.sequence
    assert b"text/calendar" not in told["waiting@x.fr"].raw


@pytest.mark.parametrize(
    ("day", "clock", "zone"),
    [
        (date(2027, 3, 20), time(18, 0), "Europe/Paris"),  # 8 hours from Los Angeles
        (date(2027, 10, 28), time(18, 0), "Europe/Paris"),  # 8 hours again
        (date(2027, 7, 1), time(9, 0), "America/Los_Angeles"),
        (date(2045, 7, 14), time(18, 0), "Europe/Paris"),  # past 2038
        (date(2045, 11, 30), time(17, 30), "America/Los_Angeles"),
    ],
)
def test_the_vtimezone_gives_the_right_offset_for_the_date(
    marseille, make_session, now, day, clock, zone
):
    event = make_session(marseille)
    event.starts_at = local_to_utc(day, clock, zone)
    event.ends_at = event.starts_at + timedelta(hours=1)
    event.timezone = zone
    db.session.commit()
    register(db.session, event.id, applicant(), now=now)

    _, data, _, calendar = invite_of(outbox()[0])
    (parsed,) = both_parsers(data)  # vobject reads the VTIMEZONE in the file
    assert parsed.start == event.starts_at
    (vtimezone,) = calendar.walk("VTIMEZONE")
    local = datetime.combine(day, clock)
    from_file = local.replace(tzinfo=vtimezone.to_tz()).utcoffset()
    assert from_file == local.replace(tzinfo=ZoneInfo(zone)).utcoffset()


@pytest.mark.parametrize(
    "title",
    [
        "Commas, semicolons; and: colons",
        "Line one\nLine two",
        "Inject\r\nATTENDEE:mailto:evil@x.fr",
        "END:VEVENT\r\nBEGIN:VEVENT",
        "Ünïcødé 🎉 東京 " + "long " * 35,
    ],
)
def test_titles_and_names_can_neither_break_nor_inject(marseille, make_session, now, title):
    event = make_session(marseille, title_fr=title)
    register(
        db.session,
        event.id,
        applicant("a@x.fr", first_name=title[:100], last_name='Doe "Jr"; ROLE=CHAIR'),
        now=now,
    )
    _, data, _, calendar = invite_of(outbox()[0])
    check_wire_format(data)
    # A line break in text is escaped (\n), so it stays inside its property.
    expected = title.replace("\r\n", "\n")
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == expected
    assert not isinstance(vevent["ATTENDEE"], list)  # still exactly one attendee
    assert str(vevent["ATTENDEE"]) == "mailto:a@x.fr"
    assert vevent["ATTENDEE"].params["ROLE"] == "REQ-PARTICIPANT"
    (parsed,) = both_parsers(data)
    assert parsed.summary == expected


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_the_cached_opening_of_an_invite_is_what_icalendar_writes_for_it(
    marseille, make_session, now, method
):
    from icalendar.enums import STATUS

    from business_corner.services.calendar.documents import (
        Method,
        add_timezones,
        calendar_shell,
        serialise,
        serialise_one_session,
    )
    from business_corner.services.calendar.events import session_event
    from business_corner.services.calendar.texts import session_texts

    event = make_session(marseille)
    component = session_event(
        event,
        session_texts(event, [], page_url="https://x.example/s"),
        url="https://x.example/s",
        stamp=now,
        status=STATUS.CONFIRMED,
    )
    calendar = calendar_shell(Method(method))
    add_timezones(calendar, [event])

    for _ in range(2):  # the first call fills the cache, the second reads it
        assert serialise_one_session(Method(method), event, component) == serialise(
            calendar, [component]
        )
