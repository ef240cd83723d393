"""The organiser's conversation tables: plan, walk-ins, re-plan on the day, print, export, mail."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta
from email import message_from_bytes, policy

import pytest
from openpyxl import load_workbook

from business_corner.extensions import db
from business_corner.models import TablePlan
from business_corner.services import walk_ins
from business_corner.services.errors import DomainError
from business_corner.services.registration import cancel_registration, register
from business_corner.services.tables import session_plans
from business_corner.services.tables.schedule import registration_key, seats_of, stored_plan
from business_corner.services.walk_ins import Newcomer
from business_corner.vocabulary import Level, Sector
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.tokens import make_manage_token

SECTORS = list(Sector)


@pytest.fixture
def full_room(marseille, make_session, now):
    """A session tomorrow with 14 confirmed attendees (2 hosts), several sectors and levels."""
    event = make_session(marseille, capacity=20, starts_in=timedelta(days=1))
    ids = []
    for index in range(14):
        ids.append(
            register(
                db.session,
                event.id,
                applicant(
                    f"p{index}@x.fr",
                    first_name=f"Person{index}",
                    locale=("fr", "en")[index % 2],
                    level=list(Level)[1 + index % 4],
                    sector=SECTORS[index % 5],
                    can_host=index < 2,
                ),
                now=now,
            ).registration_id
        )
    return event, ids


def settings_for(event, **changes):
    base = session_plans.default_settings(event)
    return session_plans.PlanSettings(**{**base.__dict__, **changes})


def test_a_plan_seats_every_confirmed_attendee_every_round(organiser, full_room, now):
    event, ids = full_room
    record = session_plans.make_plan(db.session, organiser, event.id, settings_for(event), now=now)
    plan = stored_plan(record)
    assert len(plan.rounds) == 3
    for round_ in plan.rounds:
        seated = [key for table in round_ for key in table]
        assert sorted(seated) == sorted(registration_key(i) for i in ids)
        sizes = [len(table) for table in round_]
        assert max(sizes) - min(sizes) <= 1 and max(sizes) <= 6
    assert seats_of(record, registration_key(ids[0]))[0].starts_at == event.starts_at + timedelta(
        minutes=10
    )


def test_walk_ins_and_cancellations_after_rounds_began_change_only_later_rounds(
    organiser, full_room, now
):
    event, ids = full_room
    record = session_plans.make_plan(db.session, organiser, event.id, settings_for(event), now=now)
    before = stored_plan(record)
    cancel_registration(db.session, ids[3], now=now)
    walk_in = walk_ins.add_walk_in(
        db.session,
        organiser,
        event.id,
        Newcomer("Zoé Walk-in", Level.B1, Sector.HEALTH, can_host=False),
        now=now,
    )
    during_first_round = record.first_round_at + timedelta(minutes=5)

    record = session_plans.make_plan(
        db.session, organiser, event.id, settings_for(event), now=during_first_round
    )

    after = stored_plan(record)
    assert [set(t) - {f"w{walk_in}"} for t in after.rounds[0]] == [set(t) for t in before.rounds[0]]
    assert f"w{walk_in}" in after.keys()  # noqa: SIM118 (a plan's keys(), not a dict's)
    assert all(registration_key(ids[3]) not in table for table in after.rounds[1])


def test_the_number_of_rounds_cannot_change_once_begun(organiser, full_room, now):
    event, _ = full_room
    record = session_plans.make_plan(db.session, organiser, event.id, settings_for(event), now=now)
    with pytest.raises(DomainError):
        session_plans.make_plan(
            db.session,
            organiser,
            event.id,
            settings_for(event, rounds=4),
            now=record.first_round_at + timedelta(minutes=1),
        )


def test_the_tables_page_plans_and_shows_the_quality(client, organiser, login, full_room):
    event, _ = full_room
    login(organiser)
    page = client.get(f"/organiser/sessions/{event.id}/tables").get_data(as_text=True)
    assert "14 personnes à placer" in page and "Établir le plan de tables" in page
    response = client.post(
        f"/organiser/sessions/{event.id}/tables",
        data={
            "layout": "seats",
            "count": "5",
            "rounds": "3",
            "round_minutes": "20",
            "first_round": event.starts_at.astimezone(event.zone).strftime("%H:%M"),
        },
    )
    assert response.status_code == 302
    page = client.get(
        f"/organiser/sessions/{event.id}/tables", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "Round 1" in page and "Table 3" in page and "How good is this plan?" in page
    assert "Repeated meetings" in page and "Person0" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"count": "0"}, "Entre 1 et 100."),
        ({"rounds": "x"}, "Indiquez un nombre entier."),
        ({"first_round": "99:99"}, "Indiquez une heure"),
        ({"layout": "chairs"}, "Choisissez comment dimensionner les tables."),
    ],
)
def test_bad_plan_settings_are_refused(client, organiser, login, full_room, data, message):
    event, _ = full_room
    login(organiser)
    form = {
        "layout": "seats",
        "count": "6",
        "rounds": "3",
        "round_minutes": "20",
        "first_round": "18:10",
        **data,
    }
    response = client.post(f"/organiser/sessions/{event.id}/tables", data=form)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalars(db.select(TablePlan)).all() == []


def test_a_walk_in_is_added_from_the_page(client, organiser, login, full_room):
    event, _ = full_room
    login(organiser)
    client.post(
        f"/organiser/sessions/{event.id}/walk-ins",
        data={"name": "Zoé", "level": "B2", "sector": "health", "can_host": "y"},
    )
    assert [g.name for g in session_plans.guests_of(db.session, event.id)][-1] == "Zoé"
    refused = client.post(
        f"/organiser/sessions/{event.id}/walk-ins", data={"name": "", "level": "Z9", "sector": "x"}
    )
    assert refused.status_code == 422


def test_print_cards_csv_and_schedules_by_mail(client, organiser, login, full_room, now):
    event, _ = full_room
    session_plans.make_plan(db.session, organiser, event.id, settings_for(event), now=now)
    login(organiser)

    cards = client.get(f"/organiser/sessions/{event.id}/tables/print?round=2").get_data(
        as_text=True
    )
    assert cards.count('class="table-card"') == 3  # 14 people at 6 seats: 3 tables, round 2 only
    assert "Tour 2" in cards and "Tour 1 ·" not in cards

    body = client.get(f"/organiser/sessions/{event.id}/tables.csv").data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Tour", "Début", "Table"] and len(rows) == 1 + 14 * 3
    workbook = client.get(f"/organiser/sessions/{event.id}/tables.xlsx")
    sheet = load_workbook(io.BytesIO(workbook.data)).active
    assert [cell.value for cell in sheet[1]][:3] == ["Tour", "Début", "Table"]
    assert sheet.max_row == 1 + 14 * 3
    assert sheet.cell(row=2, column=1).value == 1 and sheet.cell(row=2, column=3).value == 1
    assert isinstance(sheet.cell(row=2, column=2).value, time)

    client.post(f"/organiser/sessions/{event.id}/tables/send")
    schedules = outbox("table_schedule")
    assert len(schedules) == 14
    french = next(m for m in schedules if m.recipient == "p0@x.fr")
    english = next(m for m in schedules if m.recipient == "p1@x.fr")
    assert french.subject.startswith("Vos tables de conversation")
    assert english.subject.startswith("Your conversation tables")
    text = message_from_bytes(english.raw, policy=policy.default).get_body(("plain",)).get_content()
    assert "Round 1 · table" in text and "Round 3 · table" in text


def test_attendees_see_their_tables_on_their_page(client, organiser, full_room, now):
    event, ids = full_room
    session_plans.make_plan(db.session, organiser, event.id, settings_for(event), now=now)
    page = client.get(f"/manage/{make_manage_token(ids[0])}").get_data(as_text=True)
    assert "Vos tables de conversation" in page and page.count("Tour ") >= 3


def test_another_chapters_organiser_sees_no_tables(
    client, los_angeles, make_organiser, login, full_room
):
    event, _ = full_room
    login(make_organiser(los_angeles))
    assert client.get(f"/organiser/sessions/{event.id}/tables").status_code == 404
    assert (
        client.post(f"/organiser/sessions/{event.id}/walk-ins", data={"name": "x"}).status_code
        == 404
    )


def test_schedules_are_not_sent_from_a_plan_that_no_longer_matches_the_room(
    client, organiser, login, full_room, now
):
    event, _ = full_room
    session_plans.make_plan(db.session, organiser, event.id, settings_for(event), now=now)
    walk_ins.add_walk_in(
        db.session,
        organiser,
        event.id,
        Newcomer("Zoé", Level.B2, Sector.HEALTH, can_host=True),
        now=now,
    )
    login(organiser)

    page = client.post(f"/organiser/sessions/{event.id}/tables/send", follow_redirects=True)

    assert "Le plan n’est plus à jour : 1 personne présente n’a pas de place" in page.get_data(
        as_text=True
    )
    assert outbox("table_schedule") == []
    session_plans.make_plan(db.session, organiser, event.id, settings_for(event), now=now)
    client.post(f"/organiser/sessions/{event.id}/tables/send")
    assert len(outbox("table_schedule")) == 14
