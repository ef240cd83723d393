"""Tandem invitations: iMIP REQUEST with both clocks, the partner and the video room; a
stable UID, SEQUENCE raised on a new time, CANCEL on a decline; read by icalendar and
vobject alike."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy import select

from business_corner.extensions import db
from business_corner.models import Tandem
from business_corner.services.tandems import replies, rounds
from business_corner.vocabulary import Level, Notice, Sector
from tests.calendar.support import both_parsers, calendar_of
from tests.support.mail import composer, write_out_pending
from tests.support.tandems import CITIES, ROUND_START, make_member, messages_to

BEFORE = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def published(marseille, los_angeles, organiser, **options):
    ana = make_member(
        marseille, first_name="Ana", locale="fr", sector=Sector.AGRIFOOD, now=BEFORE, **options
    )
    ben = make_member(
        los_angeles,
        first_name="Ben",
        english=Level.C2,
        sector=Sector.TRADE,
        offers=frozenset({Sector.TRANSPORT}),
        hours="mon-fri 08:00-10:00",
        now=BEFORE,
    )
    round_id = rounds.run_round(db.session, organiser, ROUND_START, 5, cities=CITIES, now=BEFORE)
    rounds.publish(db.session, organiser, round_id, now=BEFORE)
    write_out_pending(BEFORE)
    return ana, ben, db.session.scalars(select(Tandem)).one()


def invite(member, kind=Notice.TANDEM_INVITE, index=-1):
    mail, data, method = calendar_of(messages_to(member.email, kind)[index].raw)
    return mail, data, method, Calendar.from_ical(data)


def test_each_member_gets_a_request_in_their_language(marseille, los_angeles, make_organiser):
    organiser = make_organiser(los_angeles)
    ana, ben, tandem = published(marseille, los_angeles, organiser)
    mail, data, method, calendar = invite(ana)
    assert method == "REQUEST" == str(calendar["METHOD"])
    [event] = both_parsers(data)
    assert event.uid == tandem.calendar_uid and event.sequence == 0
    assert event.start == tandem.starts_at and (event.end - event.start).seconds == 1800
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    # ORGANIZER: the chapter of the organiser who published (Los Angeles here).
    assert str(vevent["ORGANIZER"]) == "mailto:los-angeles@business-corner.test"
    assert str(vevent["ATTENDEE"]) == f"mailto:{ana.email}"
    assert mail["To"].addresses[0].addr_spec == ana.email
    assert mail["Content-Language"] == "fr"
    description = str(vevent["DESCRIPTION"])
    paris = tandem.starts_at.astimezone(ZoneInfo("Europe/Paris"))
    la = tandem.starts_at.astimezone(ZoneInfo("America/Los_Angeles"))
    assert paris.hour - la.hour == 9  # 8 March 2027: nine hours apart
    assert re.search(rf"Marseille\u00a0: \w+ {paris.day} mars 2027, {paris:%H:%M}–", description)
    assert re.search(rf"Los Angeles\u00a0: \w+ {la.day} mars 2027, {la:%H:%M}–", description)
    assert "Ben" in description and ben.company in description and "olive oil" in description
    video = f"https://meet.jit.si/{tandem.room}"
    assert video in description and str(vevent["CONFERENCE"]) == video
    assert len(tandem.room) >= 32 + len("business-corner-")
    assert "https://business-corner.test/tandems/me/" in description
    text = mail.get_body(("plain",)).get_content()
    assert "Ben" in text and video in text and "Transport" in text
    # Ben's copy: his language and his own clock first.
    _, ben_data, _, ben_calendar = invite(ben)
    (ben_event,) = ben_calendar.walk("VEVENT")
    assert ben_event["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert f"Los Angeles: {la:%A, %B} {la.day}, 2027, {la.hour}:{la:%M}" in str(
        ben_event["DESCRIPTION"]
    )
    assert both_parsers(ben_data)[0].start == tandem.starts_at


def test_a_new_time_raises_the_sequence_and_a_decline_cancels(marseille, los_angeles, organiser):
    ana, ben, tandem = published(marseille, los_angeles, organiser)
    uid, first = tandem.calendar_uid, tandem.starts_at
    replies.another_slot(db.session, ben.id, tandem.id, now=BEFORE)
    write_out_pending(BEFORE)
    mail, data, method, _ = invite(ana)
    [moved] = both_parsers(data)
    assert method == "REQUEST" and moved.uid == uid and moved.sequence == 1
    assert moved.start == tandem.starts_at != first
    assert "New time" in str(mail["Subject"]) or "Nouvel horaire" in str(mail["Subject"])

    replies.decline(db.session, ana.id, tandem.id, now=BEFORE)
    write_out_pending(BEFORE)
    for member in (ana, ben):
        _, data, method, calendar = invite(member, Notice.TANDEM_CANCELLED)
        [cancelled] = both_parsers(data)
        assert method == "CANCEL" == str(calendar["METHOD"])
        assert cancelled.uid == uid and cancelled.sequence == 2 and cancelled.status == "CANCELLED"
    ben_text = calendar_of(messages_to(ben.email, Notice.TANDEM_CANCELLED)[0].raw)[0]
    assert "Ana cannot make it" in ben_text.get_body(("plain",)).get_content()


def test_an_invitation_for_a_tandem_cancelled_before_sending_is_not_sent(
    marseille, los_angeles, organiser
):
    ana = make_member(marseille, now=BEFORE)
    make_member(los_angeles, hours="mon-fri 08:00-10:00", now=BEFORE)
    round_id = rounds.run_round(db.session, organiser, ROUND_START, 5, cities=CITIES, now=BEFORE)
    rounds.publish(db.session, organiser, round_id, now=BEFORE)
    tandem = db.session.scalars(select(Tandem)).one()
    replies.decline(db.session, ana.id, tandem.id, now=BEFORE)
    [request] = messages_to(ana.email, Notice.TANDEM_INVITE)
    assert composer()(db.session, request, BEFORE) is False
    assert request.raw is None
    [cancel] = messages_to(ana.email, Notice.TANDEM_CANCELLED)
    assert composer()(db.session, cancel, BEFORE) is True
