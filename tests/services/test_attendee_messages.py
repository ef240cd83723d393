"""Messages to a session's attendees: who receives which version, the outbox, the copy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import AttendeeMessage, OutboxMessage, Registration
from business_corner.services import attendee_messages as messages
from business_corner.services import check_in as door
from business_corner.services.attendee_messages import Draft, MissingText, NobodyToWrite
from business_corner.services.check_in import CheckInRules
from business_corner.services.errors import NotFound
from business_corner.services.privacy import erase_registration
from business_corner.services.registration import cancel_registration, register
from business_corner.vocabulary import Audience, AuditAction, Notice
from tests.support.applicants import applicant
from tests.support.mail import composer
from tests.support.records import outbox
from tests.support.team import entries, link_in, parsed, text_of

BOTH = Draft(
    Audience.ALL,
    subject_fr="Changement de salle",
    subject_en="New room",
    body_fr="Rendez-vous salle Borély.\n\nÀ jeudi !",
    body_en="Meet in the Borély room.\n\nSee you on Thursday!",
)


@pytest.fixture
def event(marseille, make_session, now):
    event = make_session(marseille, capacity=2)
    register(db.session, event.id, applicant("ana@example.com", locale="fr"), now=now)
    register(db.session, event.id, applicant("ben@example.com", locale="en"), now=now)
    register(db.session, event.id, applicant("chloe@example.com", locale="fr"), now=now)
    return event


def test_counts_by_audience_and_language(event):
    counts = messages.audience_counts(db.session, event.id)
    assert counts[Audience.CONFIRMED] == messages.LanguageCounts(fr=1, en=1)
    assert counts[Audience.WAITLISTED] == messages.LanguageCounts(fr=1, en=0)
    assert counts[Audience.ALL] == messages.LanguageCounts(fr=2, en=1)


def test_both_versions_are_required_when_both_languages_are_read(organiser, event):
    french_only = Draft(Audience.ALL, "Sujet", "", "Texte", "")
    with pytest.raises(MissingText) as missing:
        messages.send_message(db.session, organiser, event.id, french_only, utcnow())
    assert missing.value.languages == ["en"]
    # The waiting list reads only French here: French alone is enough for it.
    waiting = Draft(Audience.WAITLISTED, "Sujet", "", "Texte", "")
    copy = messages.send_message(db.session, organiser, event.id, waiting, utcnow())
    assert (copy.subject_en, copy.body_en) == ("", "")
    assert [m.recipient for m in outbox(Notice.ATTENDEE_MESSAGE)] == ["chloe@example.com"]


def test_nobody_to_write_to_is_refused(organiser, marseille, make_session):
    empty = make_session(marseille)
    with pytest.raises(NobodyToWrite):
        messages.send_message(db.session, organiser, empty.id, BOTH, utcnow())
    assert db.session.scalar(db.select(db.func.count()).select_from(AttendeeMessage)) == 0


def test_another_chapters_session_does_not_exist(event, los_angeles, make_organiser):
    with pytest.raises(NotFound):
        messages.send_message(db.session, make_organiser(los_angeles), event.id, BOTH, utcnow())


def test_each_recipient_reads_their_language_with_their_manage_link(organiser, event):
    copy = messages.send_message(db.session, organiser, event.id, BOTH, utcnow())
    assert (copy.recipients_fr, copy.recipients_en) == (2, 1)
    sent = {m.recipient: m for m in outbox(Notice.ATTENDEE_MESSAGE)}
    assert set(sent) == {"ana@example.com", "ben@example.com", "chloe@example.com"}
    french, english = sent["ana@example.com"], sent["ben@example.com"]
    assert french.subject == "Changement de salle" and english.subject == "New room"
    assert "Rendez-vous salle Borély." in text_of(french)
    assert "Meet in the Borély room." in text_of(english)
    assert parsed(english)["Content-Language"] == "en"
    links = {link_in(text_of(m), "/manage/") for m in sent.values()}
    assert len(links) == 3  # each their own
    body = text_of(english)
    assert body.index("See you on Thursday!") < body.index("/manage/")
    html = parsed(english).get_body(preferencelist=("html",)).get_content()
    assert "<p>Meet in the Borély room.</p>" in html


def test_the_copy_is_kept_with_its_send_state(organiser, event, now):
    copy = messages.send_message(db.session, organiser, event.id, BOTH, utcnow())
    (listed,) = messages.messages_of(db.session, event.id)
    assert listed.message.id == copy.id
    assert listed.state == messages.SendState(waiting=3)
    rows = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
    attendee_rows = [r for r in rows if r.attendee_message_id == copy.id]
    attendee_rows[0].sent_at = now
    attendee_rows[1].failed_at = now
    db.session.commit()
    assert messages.message_of(db.session, event.id, copy.id).state == messages.SendState(
        sent=1, waiting=1, failed=1
    )
    (sent,) = entries(AuditAction.MESSAGE_SENT)
    assert sent.subject_id == copy.id and '"recipients": 3' in sent.details


def _registration_id(email: str) -> int:
    return db.session.scalars(db.select(Registration.id).where(Registration.email == email)).one()


def test_someone_who_left_or_was_erased_meanwhile_is_not_written_to(organiser, event):
    messages.send_message(db.session, organiser, event.id, BOTH, utcnow())
    cancel_registration(db.session, _registration_id("ana@example.com"), now=utcnow())
    erase_registration(
        db.session, _registration_id("ben@example.com"), now=utcnow(), write_out=composer()
    )
    written = [m.recipient for m in outbox(Notice.ATTENDEE_MESSAGE) if m.raw]
    assert written == ["chloe@example.com"]


def test_erased_and_cancelled_registrations_are_not_counted(organiser, event):
    cancel_registration(db.session, _registration_id("ana@example.com"), now=utcnow())
    erase_registration(
        db.session, _registration_id("ben@example.com"), now=utcnow(), write_out=composer()
    )
    counts = messages.audience_counts(db.session, event.id)
    assert counts[Audience.ALL] == messages.LanguageCounts(fr=1, en=0)


def test_the_checked_in_group_is_offered_once_check_in_has_started_and_reaches_only_them(
    organiser, marseille, make_session, now
):
    tonight = make_session(marseille, capacity=2, starts_in=timedelta(minutes=30))
    ids = [
        register(db.session, tonight.id, applicant(email, locale=locale), now=now).registration_id
        for email, locale in (("ana@x.fr", "fr"), ("ben@x.fr", "en"), ("wait@x.fr", "fr"))
    ]
    assert Audience.CHECKED_IN not in messages.audiences_of(db.session, tonight.id)
    assert messages.audience_counts(db.session, tonight.id)[Audience.CHECKED_IN].total == 0
    french = Draft(Audience.CHECKED_IN, "Merci", "", "Merci d'être venus.", "")
    with pytest.raises(NobodyToWrite):
        messages.send_message(db.session, organiser, tonight.id, french, now)

    door.check_in(db.session, organiser, tonight.id, ids[0], now=now, rules=CheckInRules())

    assert Audience.CHECKED_IN in messages.audiences_of(db.session, tonight.id)
    counts = messages.audience_counts(db.session, tonight.id)
    assert counts[Audience.CHECKED_IN] == messages.LanguageCounts(fr=1, en=0)
    assert counts[Audience.CONFIRMED] == messages.LanguageCounts(fr=1, en=1)
    copy = messages.send_message(db.session, organiser, tonight.id, french, now)
    assert copy.audience is Audience.CHECKED_IN and (copy.recipients_fr, copy.recipients_en) == (
        1,
        0,
    )
    assert [m.recipient for m in outbox(Notice.ATTENDEE_MESSAGE)] == ["ana@x.fr"]
