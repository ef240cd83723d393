"""Check-in: at the door, by organisers, when it is open; online by the attendee; no-shows
once the session is over; each person's record by address."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services import check_in as door
from business_corner.services.check_in import CheckInRules
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.registration import cancel_registration, register
from business_corner.services.search import matches, search_key
from business_corner.services.walk_ins import Newcomer, add_walk_in
from business_corner.vocabulary import Attendance, Level, Sector, SessionFormat, SessionStatus
from tests.support.applicants import applicant

RULES = CheckInRules()


@pytest.fixture
def tonight(marseille, make_session, now):
    """A session starting in half an hour (the door is open), with three seats taken and one
    person waiting."""
    event = make_session(marseille, capacity=3, starts_in=timedelta(minutes=30), minutes=90)
    ids = [
        register(db.session, event.id, applicant(f"{name}@x.fr", first_name=name), now=now)
        for name in ("ana", "ben", "chloe", "dan")
    ]
    return event, [outcome.registration_id for outcome in ids]


def registration(registration_id: int) -> Registration:
    db.session.expire_all()
    return db.session.get_one(Registration, registration_id)


def test_a_check_in_records_when_and_by_whom_once(organiser, tonight, now):
    event, (ana, *_) = tonight

    first = door.check_in(db.session, organiser, event.id, ana, now=now, rules=RULES)
    again = door.check_in(
        db.session, organiser, event.id, ana, now=now + timedelta(minutes=3), rules=RULES
    )

    assert first.changed and not again.changed
    checked = registration(ana)
    assert checked.checked_in_at == now and checked.checked_in_by_id == organiser.id
    assert checked.attendance is Attendance.PRESENT


def test_undo_before_the_end_makes_them_expected_again_and_after_it_a_no_show(
    organiser, tonight, now
):
    event, (ana, ben, *_) = tonight
    for person in (ana, ben):
        door.check_in(db.session, organiser, event.id, person, now=now, rules=RULES)

    door.undo_check_in(db.session, organiser, event.id, ana, now=now, rules=RULES)
    after_the_end = event.ends_at + timedelta(hours=1)
    door.undo_check_in(db.session, organiser, event.id, ben, now=after_the_end, rules=RULES)

    assert registration(ana).attendance is Attendance.EXPECTED
    assert registration(ben).attendance is Attendance.NO_SHOW
    assert registration(ben).no_show_at == after_the_end


def test_only_a_confirmed_place_is_checked_in(organiser, tonight, now):
    event, (*_, waiting) = tonight
    with pytest.raises(door.NotConfirmed):
        door.check_in(db.session, organiser, event.id, waiting, now=now, rules=RULES)
    assert registration(waiting).checked_in_at is None


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        (lambda e: e.starts_at - timedelta(minutes=121), False),  # before the door opens
        (lambda e: e.starts_at - timedelta(minutes=120), True),
        (lambda e: e.ends_at + timedelta(days=3) - timedelta(seconds=1), True),
        (lambda e: e.ends_at + timedelta(days=3), False),  # no longer editable
    ],
)
def test_organisers_check_in_from_the_door_opening_to_a_few_days_after(
    organiser, tonight, moment, allowed
):
    event, (ana, *_) = tonight
    when = moment(event)
    if allowed:
        assert door.check_in(db.session, organiser, event.id, ana, now=when, rules=RULES).changed
    else:
        with pytest.raises(DomainError):
            door.check_in(db.session, organiser, event.id, ana, now=when, rules=RULES)
        assert registration(ana).checked_in_at is None


def test_a_draft_has_no_check_in(organiser, marseille, make_session, now):
    draft = make_session(marseille, status=SessionStatus.DRAFT, starts_in=timedelta(minutes=5))
    assert door.door_refusal(draft, now, RULES) is not None


def test_another_chapters_organiser_cannot_check_anyone_in(
    los_angeles, make_organiser, tonight, now
):
    event, (ana, *_) = tonight
    with pytest.raises(NotFound):
        door.check_in(db.session, make_organiser(los_angeles), event.id, ana, now=now, rules=RULES)
    assert registration(ana).checked_in_at is None


def test_a_registration_of_another_session_is_not_found(
    organiser, tonight, marseille, make_session, now
):
    event, _ = tonight
    other = make_session(marseille, starts_in=timedelta(minutes=30))
    stranger = register(db.session, other.id, applicant("eve@x.fr"), now=now).registration_id
    with pytest.raises(NotFound):
        door.check_in(db.session, organiser, event.id, stranger, now=now, rules=RULES)
    assert registration(stranger).checked_in_at is None


@pytest.mark.parametrize("session_format", [SessionFormat.ONLINE, SessionFormat.HYBRID])
def test_online_attendees_say_i_am_here_from_shortly_before_the_start_to_the_end(
    marseille, make_session, now, session_format
):
    event = make_session(marseille, format=session_format, starts_in=timedelta(hours=1))
    ana = register(db.session, event.id, applicant(), now=now).registration_id

    with pytest.raises(DomainError):
        door.self_check_in(
            db.session, ana, now=event.starts_at - timedelta(minutes=16), rules=RULES
        )
    assert door.self_check_in(
        db.session, ana, now=event.starts_at - timedelta(minutes=15), rules=RULES
    )
    assert not door.self_check_in(db.session, ana, now=event.starts_at, rules=RULES)
    checked = registration(ana)
    assert checked.checked_in_at == event.starts_at - timedelta(minutes=15)
    assert checked.checked_in_by_id is None


def test_i_am_here_stops_at_the_end_and_is_not_for_the_venue(marseille, make_session, now):
    online = make_session(marseille, format=SessionFormat.ONLINE, starts_in=timedelta(hours=1))
    venue = make_session(marseille, starts_in=timedelta(hours=1))
    late = register(db.session, online.id, applicant(), now=now).registration_id
    at_the_venue = register(db.session, venue.id, applicant(), now=now).registration_id

    with pytest.raises(DomainError):
        door.self_check_in(db.session, late, now=online.ends_at, rules=RULES)
    with pytest.raises(DomainError):
        door.self_check_in(db.session, at_the_venue, now=venue.starts_at, rules=RULES)
    assert registration(late).checked_in_at is None
    assert registration(at_the_venue).checked_in_at is None


def test_the_waiting_list_cannot_say_i_am_here(marseille, make_session, now):
    event = make_session(
        marseille, format=SessionFormat.ONLINE, capacity=1, starts_in=timedelta(hours=1)
    )
    register(db.session, event.id, applicant("seated@x.fr"), now=now)
    waiting = register(db.session, event.id, applicant("waiting@x.fr"), now=now).registration_id
    with pytest.raises(DomainError):
        door.self_check_in(db.session, waiting, now=event.starts_at, rules=RULES)


def test_after_the_session_the_confirmed_not_checked_in_are_no_shows_once(organiser, tonight, now):
    event, (ana, ben, chloe, waiting) = tonight
    door.check_in(db.session, organiser, event.id, ana, now=now, rules=RULES)
    cancel_registration(db.session, chloe, now=now)  # cancelled in time: not a no-show
    over = event.ends_at + timedelta(minutes=1)

    assert door.record_no_shows(db.session, event.ends_at - timedelta(seconds=1), RULES) == 0
    assert door.record_no_shows(db.session, over, RULES) == 2  # ben, and dan moved up
    assert door.record_no_shows(db.session, over + timedelta(hours=1), RULES) == 0

    attendance = {r: registration(r).attendance for r in (ana, ben, chloe, waiting)}
    assert attendance == {
        ana: Attendance.PRESENT,
        ben: Attendance.NO_SHOW,
        chloe: Attendance.EXPECTED,
        waiting: Attendance.NO_SHOW,
    }
    assert registration(ben).no_show_at == over


def test_a_no_show_marked_present_afterwards_is_no_longer_a_no_show(organiser, tonight, now):
    event, (ana, ben, *_) = tonight
    door.check_in(db.session, organiser, event.id, ana, now=now, rules=RULES)
    over = event.ends_at + timedelta(hours=2)
    door.record_no_shows(db.session, over, RULES)

    door.check_in(db.session, organiser, event.id, ben, now=over, rules=RULES)

    assert registration(ben).attendance is Attendance.PRESENT
    assert registration(ben).no_show_at is None


def test_without_any_check_in_nobody_is_recorded_as_a_no_show(tonight):
    """A session whose organisers did not use check-in has no attendance to record."""
    event, ids = tonight
    assert door.record_no_shows(db.session, event.ends_at + timedelta(hours=1), RULES) == 0
    assert {registration(r).attendance for r in ids} == {Attendance.EXPECTED}


def test_no_shows_are_recorded_only_while_attendance_can_still_be_edited(organiser, tonight, now):
    event, (ana, ben, *_) = tonight
    door.check_in(db.session, organiser, event.id, ana, now=now, rules=RULES)
    too_late = event.ends_at + RULES.editable_for
    assert door.record_no_shows(db.session, too_late, RULES) == 0
    assert registration(ben).attendance is Attendance.EXPECTED


def test_opening_the_list_records_the_no_shows_of_that_session_only(
    organiser, tonight, marseille, make_session, now
):
    event, (ana, ben, *_) = tonight
    other = make_session(marseille, starts_in=timedelta(minutes=30), minutes=90)
    elsewhere = register(db.session, other.id, applicant("eve@x.fr"), now=now).registration_id
    someone = register(db.session, other.id, applicant("fay@x.fr"), now=now).registration_id
    door.check_in(db.session, organiser, event.id, ana, now=now, rules=RULES)
    door.check_in(db.session, organiser, other.id, someone, now=now, rules=RULES)
    over = event.ends_at + timedelta(minutes=5)

    assert door.record_no_shows_of(db.session, event, over, RULES) == 2
    assert door.record_no_shows_of(db.session, event, over, RULES) == 0
    assert registration(ben).attendance is Attendance.NO_SHOW
    assert registration(elsewhere).attendance is Attendance.EXPECTED


def test_the_record_counts_by_address_across_sessions_walk_ins_included(
    organiser, marseille, make_session, now
):
    sessions = [
        make_session(marseille, starts_in=timedelta(minutes=30 + i), minutes=60) for i in range(3)
    ]
    for event in sessions:
        register(db.session, event.id, applicant("ana@x.fr"), now=now)
        register(db.session, event.id, applicant("keen@x.fr"), now=now)
    ana = [r.id for r in db.session.scalars(db.select(Registration)) if r.email == "ana@x.fr"]
    keen = [r.id for r in db.session.scalars(db.select(Registration)) if r.email == "keen@x.fr"]
    for event, person in zip(sessions, keen, strict=True):
        door.check_in(db.session, organiser, event.id, person, now=now, rules=RULES)
    door.check_in(db.session, organiser, sessions[0].id, ana[0], now=now, rules=RULES)
    walk_in = make_session(marseille, starts_in=timedelta(minutes=30))
    add_walk_in(
        db.session,
        organiser,
        walk_in.id,
        Newcomer("Ana", Level.B1, Sector.DIGITAL, email="ANA@x.fr", consent=True),
        now=now,
    )
    door.record_no_shows(db.session, now + timedelta(hours=3), RULES)

    records = door.attendance_records(db.session, ["ana@x.fr", "keen@x.fr", "new@x.fr"])
    assert records == {
        "ana@x.fr": door.AttendanceRecord(attended=2, no_shows=2),
        "keen@x.fr": door.AttendanceRecord(attended=3, no_shows=0),
    }
    assert door.attendance_records(db.session, ["ana@x.fr"], except_event_id=sessions[0].id) == {
        "ana@x.fr": door.AttendanceRecord(attended=1, no_shows=2)
    }


def test_the_door_counts_expected_present_and_walk_ins(organiser, tonight, now):
    event, (ana, _ben, *_) = tonight
    door.check_in(db.session, organiser, event.id, ana, now=now, rules=RULES)
    add_walk_in(db.session, organiser, event.id, Newcomer("Zoé", Level.B2, Sector.HEALTH), now=now)
    assert door.door_counts(db.session, event.id) == door.DoorCounts(3, 1, 1)


def test_the_door_list_is_everyone_with_a_seat_by_last_name(marseille, make_session, now):
    event = make_session(marseille, capacity=3, starts_in=timedelta(minutes=30))
    people = (("Zoé", "Émery"), ("Ana", "Martin"), ("Ben", "Dupont"), ("Wait", "A"))
    for number, (first, last) in enumerate(people):
        register(
            db.session,
            event.id,
            applicant(f"p{number}@x.fr", first_name=first, last_name=last),
            now=now,
        )
    rows = door.door_list(db.session, event.id)
    assert [row.registration.last_name for row in rows] == ["Dupont", "Émery", "Martin"]
    assert rows[1].search_key == "zoe emery calanques sas"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("", True),
        ("ana", True),
        ("  ANA   mart ", True),
        ("calanq", True),
        ("Zoé", False),
        ("ana dupont", False),
        ("société", True),
    ],
)
def test_search_ignores_case_accents_and_spaces(query, found):
    assert matches(query, search_key("Ana", "Martin", "Calanques Societe")) is found
