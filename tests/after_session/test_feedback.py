"""The feedback form: sent once the day after to those who came, answered once, contacts
chosen among table companions and disclosed only on a mutual, consented choice."""

from __future__ import annotations

import email
from datetime import timedelta
from email import policy

import pytest

from business_corner.extensions import db
from business_corner.models import ContactChoice, Feedback, OutboxMessage, Registration
from business_corner.services.errors import DomainError
from business_corner.services.feedback import (
    Answers,
    FeedbackTiming,
    companions,
    feedback_refusal,
    queue_feedback_requests,
    submit_feedback,
)
from business_corner.services.privacy import erase_registration
from business_corner.services.tables.session_plans import PlanSettings, make_plan
from business_corner.vocabulary import Level, Notice, TableFit
from tests.support.after_session import past_session
from tests.support.language import visible_text
from tests.support.mail import composer, write_out_pending
from tests.support.tokens import make_manage_token

TIMING = FeedbackTiming()
PEOPLE = [
    {"email": "ana@example.fr", "first_name": "Ana", "last_name": "Arnaud"},
    {"email": "ben@example.com", "first_name": "Ben", "last_name": "Baker", "locale": "en"},
    {"email": "chloe@example.fr", "first_name": "Chloé", "last_name": "Caron"},
    {"email": "dan@example.com", "first_name": "Dan", "last_name": "Dunn", "locale": "en"},
]


@pytest.fixture
def over(make_session, marseille, organiser, now):
    """Four came, one did not; the session ended 20 hours ago. One round, two tables of two
    (by registration order the planner's seed decides; ``table_of`` tells who sat with whom)."""
    event, came, missed = past_session(
        make_session, marseille, now, came=PEOPLE, missed=[{"email": "zoe@example.fr"}]
    )
    make_plan(
        db.session, organiser, event.id, PlanSettings(None, 2, 1, 20, event.starts_at), now=now
    )
    return event, came, missed


def person(registration_id: int) -> Registration:
    return db.session.get_one(Registration, registration_id)


def pairs(came: list[int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The two tables, as pairs of registration ids."""
    first = came[0]
    (mate,) = [c.registration_id for c in companions(db.session, person(first))]
    others = [c for c in came if c not in (first, mate)]
    return (first, mate), (others[0], others[1])


def answers(contacts=(), share=True, **changes) -> Answers:
    return Answers(
        usefulness=changes.get("usefulness", 4),
        level=changes.get("level", Level.B2),
        table_fit=changes.get("table_fit", TableFit.RIGHT),
        contacts=frozenset(contacts),
        share_contacts=share,
        comment=changes.get("comment", ""),
    )


def contact_mails() -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.kind == Notice.CONTACT_EXCHANGE)
        )
    )


def test_the_form_goes_the_day_after_to_those_who_came_and_only_once(over, now):
    event, came, (zoe,) = over
    due = TIMING.request_due_at(event)
    assert due.astimezone(event.zone).hour == 9
    assert due.astimezone(event.zone).date() == event.ends_at.astimezone(event.zone).date() + (
        timedelta(days=1)
    )
    assert queue_feedback_requests(db.session, due - timedelta(minutes=1), TIMING) == []
    queued = queue_feedback_requests(db.session, due, TIMING)
    assert len(queued) == 4
    recipients = {
        m.registration_id
        for m in db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.kind == Notice.FEEDBACK_REQUEST)
        )
    }
    assert recipients == set(came) and zoe not in recipients
    assert queue_feedback_requests(db.session, due + timedelta(hours=1), TIMING) == []


def test_sessions_long_over_are_not_asked(over, now):
    event, _came, _missed = over
    later = event.ends_at + timedelta(days=TIMING.open_days, minutes=1)
    assert queue_feedback_requests(db.session, later, TIMING) == []


def test_the_request_is_written_in_the_attendees_language(over, now):
    event, came, _missed = over
    queued = queue_feedback_requests(db.session, TIMING.request_due_at(event), TIMING)
    write_out_pending(now, queued)
    by_person = {
        m.registration_id: m
        for m in db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.id.in_(queued)))
    }
    assert by_person[came[0]].subject.startswith("Comment était-ce")
    assert by_person[came[1]].subject.startswith("How was it?")
    text = email.message_from_bytes(by_person[came[1]].raw, policy=policy.default)
    body = text.get_body(("plain",)).get_content()
    assert "/manage/" in body and "/feedback" in body


def test_who_may_answer_and_when(over, now):
    event, came, (zoe,) = over
    assert feedback_refusal(person(zoe), False, now, TIMING) is not None
    assert feedback_refusal(person(came[0]), False, now, TIMING) is None
    assert feedback_refusal(person(came[0]), True, now, TIMING) is not None
    assert feedback_refusal(person(came[0]), False, event.ends_at - timedelta(minutes=1), TIMING)
    late = event.ends_at + timedelta(days=TIMING.open_days, minutes=1)
    assert feedback_refusal(person(came[0]), False, late, TIMING) is not None


def test_answers_are_kept_once(over, now):
    _event, came, (zoe,) = over
    submit_feedback(db.session, came[0], answers(usefulness=5), now=now, timing=TIMING)
    (kept,) = db.session.scalars(db.select(Feedback)).all()
    assert kept.usefulness == 5 and kept.level is Level.B2
    with pytest.raises(DomainError):
        submit_feedback(db.session, came[0], answers(usefulness=1), now=now, timing=TIMING)
    with pytest.raises(DomainError):
        submit_feedback(db.session, zoe, answers(), now=now, timing=TIMING)
    with pytest.raises(DomainError):
        submit_feedback(db.session, came[1], answers(usefulness=6), now=now, timing=TIMING)
    assert db.session.scalar(db.select(db.func.count()).select_from(Feedback)) == 1


def test_companions_are_the_people_at_ones_own_tables_only(over, now):
    _event, came, _missed = over
    (ana, mate), (other, _last) = pairs(came)
    assert [c.registration_id for c in companions(db.session, person(ana))] == [mate]
    with pytest.raises(DomainError):
        submit_feedback(db.session, ana, answers([other]), now=now, timing=TIMING)
    assert db.session.scalars(db.select(ContactChoice)).all() == []


def test_a_one_sided_choice_is_never_revealed(over, now):
    _event, came, _missed = over
    (ana, mate), _ = pairs(came)
    submit_feedback(db.session, ana, answers([mate]), now=now, timing=TIMING)
    submit_feedback(db.session, mate, answers([]), now=now, timing=TIMING)
    assert contact_mails() == []
    (choice,) = db.session.scalars(db.select(ContactChoice)).all()
    assert choice.disclosed_at is None


def test_a_mutual_choice_sends_each_the_others_details(over, now):
    _event, came, _missed = over
    (first, mate), _ = pairs(came)
    assert submit_feedback(db.session, first, answers([mate]), now=now, timing=TIMING) == []
    queued = submit_feedback(db.session, mate, answers([first]), now=now, timing=TIMING)
    assert len(queued) == 2
    mails = contact_mails()
    assert {m.registration_id for m in mails} == {first, mate}
    write_out_pending(now, queued)
    for message in mails:
        db.session.refresh(message)
        other = person(mate if message.registration_id == first else first)
        raw = message.raw.decode("utf-8", "replace")
        assert other.email in raw and other.full_name in message.subject
        assert message.recipient == person(message.registration_id).email
    # Told once: a later answer elsewhere sends nothing more to them.
    assert all(c.disclosed_at for c in db.session.scalars(db.select(ContactChoice)))


def test_no_disclosure_without_both_consents(over, now):
    _event, came, _missed = over
    (first, mate), (third, fourth) = pairs(came)
    submit_feedback(db.session, first, answers([mate], share=False), now=now, timing=TIMING)
    assert submit_feedback(db.session, mate, answers([first]), now=now, timing=TIMING) == []
    submit_feedback(db.session, third, answers([fourth]), now=now, timing=TIMING)
    assert (
        submit_feedback(db.session, fourth, answers([third], share=False), now=now, timing=TIMING)
        == []
    )
    assert contact_mails() == []


def test_erasing_someone_removes_their_choices_and_comment(over, now, app):
    _event, came, _missed = over
    (first, mate), _ = pairs(came)
    submit_feedback(db.session, first, answers([mate], comment="Merci Ben"), now=now, timing=TIMING)
    erase_registration(db.session, first, now=now, write_out=composer())
    assert db.session.scalars(db.select(ContactChoice)).all() == []
    (kept,) = db.session.scalars(db.select(Feedback)).all()
    assert kept.comment == "" and kept.usefulness == 4


def test_the_form_on_the_attendees_page(client, over, now):
    _event, came, (zoe,) = over
    (first, mate), (other, _last) = pairs(came)
    token = make_manage_token(first)
    assert f"/manage/{token}/feedback" in client.get(f"/manage/{token}").get_data(True)
    page = visible_text(client.get(f"/manage/{token}/feedback").get_data(as_text=True))
    assert f"{person(mate).first_name} · Calanques SAS" in page
    assert person(mate).last_name not in page and person(mate).email not in page
    assert person(other).first_name not in page
    assert "Je me débrouille dans la plupart des situations professionnelles" in page

    bad = client.post(f"/manage/{token}/feedback", data={"usefulness": "9"})
    assert bad.status_code == 422
    form = {
        "usefulness": "4",
        "level": "B2",
        "table_fit": "right",
        "contacts": [str(mate)],
        "share_contacts": "y",
        "comment": "Très bien, merci !",
    }
    done = client.post(f"/manage/{token}/feedback", data=form, follow_redirects=True)
    assert done.status_code == 200 and "Merci" in visible_text(done.get_data(as_text=True))
    assert db.session.scalars(db.select(Feedback)).one().comment == "Très bien, merci !"
    again = client.post(f"/manage/{token}/feedback", data=form)
    assert again.status_code == 409
    assert "/feedback" not in client.get(f"/manage/{token}").get_data(True)

    refused = client.get(f"/manage/{make_manage_token(zoe)}/feedback")
    assert "réservé aux personnes venues" in visible_text(refused.get_data(as_text=True))


def test_the_answers_are_in_the_attendees_own_data(over, now, client):
    _event, came, _missed = over
    (first, mate), _ = pairs(came)
    submit_feedback(db.session, first, answers([mate], comment="Bien"), now=now, timing=TIMING)
    data = client.get(f"/manage/{make_manage_token(first)}/data.json").get_json()
    assert data["feedback"]["comment"] == "Bien"
    assert data["feedback"]["would_like_to_stay_in_touch_with"] == [
        {"first_name": person(mate).first_name, "details_exchanged_at": None}
    ]
    # The person chosen sees nothing of a choice that was not returned.
    theirs = client.get(f"/manage/{make_manage_token(mate)}/data.json").get_json()
    assert theirs["feedback"] is None


def test_a_check_in_undone_before_delivery_drops_the_request(over, now):
    event, came, _missed = over
    queued = queue_feedback_requests(db.session, TIMING.request_due_at(event), TIMING)
    person(came[0]).checked_in_at = None
    db.session.commit()
    assert write_out_pending(now, queued) == len(came) - 1
