"""Organisers creating, editing, publishing and cancelling sessions; the attendee list."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from business_corner.extensions import db
from business_corner.models import EventSession
from business_corner.organiser.downloads import XLSX_MIMETYPE
from business_corner.services.registration import register
from business_corner.vocabulary import Level, SessionFormat, SessionStatus
from tests.support.applicants import applicant
from tests.support.records import outbox


def text(response) -> str:
    return response.get_data(as_text=True)


def session_form(on: date, **overrides: object) -> dict[str, object]:
    form: dict[str, object] = {
        "title_fr": "Atelier pitch",
        "title_en": "Pitch workshop",
        "description_fr": "Deux minutes pour convaincre.",
        "description_en": "",
        "format": "in_person",
        "venue": "9 La Canebière, Marseille",
        "video_url": "",
        "day": on.isoformat(),
        "starts": "18:30",
        "ends": "20:00",
        "timezone": "Europe/Paris",
        "capacity": "20",
        "levels": ["B1", "B2"],
    }
    form.update(overrides)
    return {key: value for key, value in form.items() if value is not None}


@pytest.fixture
def next_month(now) -> date:
    return (now + timedelta(days=30)).date()


@pytest.fixture
def logged_in(client, organiser, login):
    login(organiser)
    return organiser


def only_session() -> EventSession:
    return db.session.scalars(db.select(EventSession)).one()


def test_create_then_publish_a_session(client, logged_in, next_month):
    form_page = text(client.get("/organiser/sessions/new"))
    assert (
        'value="Europe/Paris" selected' in form_page or 'selected value="Europe/Paris"' in form_page
    )

    response = client.post("/organiser/sessions/new", data=session_form(next_month))
    assert response.status_code == 302
    event = only_session()
    assert event.status is SessionStatus.DRAFT
    assert event.levels == (Level.B1, Level.B2)
    assert event.starts_at.astimezone(event.zone).replace(tzinfo=None) == datetime.combine(
        next_month, datetime.strptime("18:30", "%H:%M").time()
    )

    client.post(f"/organiser/sessions/{event.id}/publish")
    db.session.refresh(event)
    assert event.status is SessionStatus.PUBLISHED
    assert "Atelier pitch" in text(client.get("/"))


def test_the_form_says_which_language_is_missing(client, logged_in, next_month):
    client.post("/organiser/sessions/new", data=session_form(next_month, title_fr=""))
    event = only_session()
    page = text(client.get(f"/organiser/sessions/{event.id}/edit"))
    assert "Le titre français manque" in page


def test_a_time_that_does_not_exist_is_refused(client, logged_in):
    response = client.post(
        "/organiser/sessions/new",
        data=session_form(date(2027, 3, 28), starts="02:30", ends="03:30"),
    )
    assert response.status_code == 422
    assert "Cette heure n’existe pas ce jour-là" in text(response)
    assert db.session.scalars(db.select(EventSession)).all() == []


def test_a_time_that_happens_twice_must_be_chosen(client, logged_in):
    form = session_form(date(2027, 10, 31), starts="02:15", ends="02:45")
    response = client.post("/organiser/sessions/new", data=form)
    assert response.status_code == 422
    page = text(response)
    assert "Cette heure existe deux fois ce jour-là" in page
    assert 'name="repeated_time"' in page
    assert db.session.scalars(db.select(EventSession)).all() == []

    client.post("/organiser/sessions/new", data={**form, "repeated_time": "second"})
    event = only_session()
    assert event.starts_at == datetime(2027, 10, 31, 1, 15, tzinfo=UTC)  # winter time, UTC+1
    edit_page = text(client.get(f"/organiser/sessions/{event.id}/edit"))
    assert re.search(r'<input checked[^>]*name="repeated_time"[^>]*value="second"', edit_page)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title_fr": "", "title_en": ""}, "Donnez un titre à la session"),
        ({"ends": "17:00"}, "La session doit se terminer après son début."),
        ({"venue": ""}, "Indiquez l’adresse du lieu."),
        ({"format": "online", "video_url": ""}, "Indiquez le lien de la réunion en ligne."),
        ({"format": "online", "video_url": "javascript:alert(1)"}, "Indiquez un lien complet"),
        ({"capacity": "0"}, "Entre 1 et 1000."),
        ({"levels": []}, "Choisissez au moins un niveau d’anglais."),
        ({"levels": ["Z9"]}, "Choisissez au moins un niveau d’anglais."),
        ({"timezone": "Europe/Atlantis"}, "Choisissez un fuseau horaire dans la liste."),
        ({"timezone": "GB-Eire"}, "Choisissez un fuseau horaire dans la liste."),
        ({"timezone": "Etc/GMT+12"}, "Choisissez un fuseau horaire dans la liste."),
        ({"format": "telepathy"}, "Choisissez un format."),
        ({"day": "31/31/2027"}, "Date\u00a0: "),
        ({"starts": "25:99"}, "Début\u00a0: "),
    ],
)
def test_bad_session_details_are_refused_with_a_reason(
    client, logged_in, next_month, change, message
):
    response = client.post("/organiser/sessions/new", data=session_form(next_month, **change))
    assert response.status_code == 422
    assert message in text(response)
    assert db.session.scalars(db.select(EventSession)).all() == []


def test_the_zone_list_offers_canonical_zones_the_chapters_first(client, logged_in, los_angeles):
    page = client.get("/organiser/sessions/new").get_data(as_text=True)
    offered = re.findall(r'<option[^>]*value="([^"]+)"', page)
    zones = [zone for zone in offered if "/" in zone or zone == "UTC"]
    assert zones[:2] == ["Europe/Paris", "America/Los_Angeles"]  # the organiser's chapter first
    assert {"Asia/Tokyo", "America/New_York", "UTC"} <= set(zones)
    assert not {"GB-Eire", "Navajo", "localtime", "Factory", "Etc/GMT+12", "US/Pacific"} & set(
        offered
    )
    assert 300 < len(zones) < 450


def test_a_session_saved_in_an_old_alias_zone_keeps_it_when_edited(
    client, logged_in, marseille, make_session
):
    event = make_session(marseille, status=SessionStatus.DRAFT)
    event.timezone = "Europe/Belfast"  # a link to Europe/London in the tz database
    db.session.commit()
    page = client.get(f"/organiser/sessions/{event.id}/edit").get_data(as_text=True)
    assert re.search(r'<option selected value="Europe/Belfast">', page)


def test_an_end_before_the_start_is_an_error_on_the_end_field(client, logged_in, next_month):
    response = client.post(
        "/organiser/sessions/new", data=session_form(next_month, starts="18:00", ends="17:00")
    )
    assert response.status_code == 422
    page = text(response)
    assert 'id="ends-error"' in page and 'href="#ends"' in page
    assert page.count("La session doit se terminer après son début.") == 2  # field and summary


def test_editing_keeps_the_typed_local_times(client, logged_in, next_month):
    client.post("/organiser/sessions/new", data=session_form(next_month))
    event = only_session()
    page = text(client.get(f"/organiser/sessions/{event.id}/edit"))
    assert 'value="18:30"' in page and 'value="20:00"' in page
    assert f'value="{next_month.isoformat()}"' in page

    client.post(
        f"/organiser/sessions/{event.id}/edit",
        data=session_form(next_month, starts="19:00", ends="21:00", capacity="30"),
    )
    db.session.refresh(event)
    assert event.capacity == 30
    assert event.starts_at.astimezone(event.zone).strftime("%H:%M") == "19:00"


def test_cancelling_a_session_asks_first_then_tells_everyone(
    client, logged_in, marseille, make_session, now
):
    event = make_session(marseille, capacity=1)
    register(db.session, event.id, applicant("a@x.fr"), now=now)
    register(db.session, event.id, applicant("b@x.fr", locale="en"), now=now)

    page = text(client.get(f"/organiser/sessions/{event.id}/cancel"))
    assert "1 confirmé, 1 en liste d’attente" in page
    assert only_session().status is SessionStatus.PUBLISHED

    client.post(f"/organiser/sessions/{event.id}/cancel")
    assert only_session().status is SessionStatus.CANCELLED
    assert sorted(m.recipient for m in outbox("session_cancelled")) == ["a@x.fr", "b@x.fr"]


def test_a_draft_can_be_deleted(client, logged_in, marseille, make_session):
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    assert client.post(f"/organiser/sessions/{draft.id}/delete").status_code == 302
    assert db.session.scalars(db.select(EventSession)).all() == []


def test_attendee_list_and_csv_export(client, logged_in, marseille, make_session, now):
    event = make_session(marseille, capacity=1)
    register(db.session, event.id, applicant("a@x.fr", first_name="=cmd|' /C calc'!A0"), now=now)
    register(db.session, event.id, applicant("b@x.fr", first_name="Zoë"), now=now)

    page = text(client.get(f"/organiser/sessions/{event.id}/attendees"))
    assert "a@x.fr" in page and "b@x.fr" in page and "n° 1" in page

    response = client.get(f"/organiser/sessions/{event.id}/attendees.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    body = response.data.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0][0] == "Nom" and len(rows) == 3
    assert rows[1][1].startswith("'=")
    assert rows[2][1] == "Zoë"


def test_attendee_list_as_an_excel_workbook(client, logged_in, marseille, make_session, now):
    event = make_session(marseille)
    register(db.session, event.id, applicant("a@x.fr", first_name="=cmd|' /C calc'!A0"), now=now)

    response = client.get(f"/organiser/sessions/{event.id}/attendees.xlsx")

    assert response.mimetype == XLSX_MIMETYPE
    assert response.headers["Cache-Control"] == "no-store"
    assert ".xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.cell(row=1, column=1).value == "Nom"  # the organiser's language
    assert sheet.cell(row=2, column=2).value == "=cmd|' /C calc'!A0"
    assert sheet.cell(row=2, column=2).data_type == "s"
    page = text(client.get(f"/organiser/sessions/{event.id}/attendees"))
    assert "Exporter la liste (Excel)" in page


def test_the_dashboard_counts_seats_levels_and_sectors(
    client, logged_in, marseille, los_angeles, make_session, now
):
    event = make_session(marseille, capacity=2, title_fr="Session de Marseille")
    make_session(los_angeles, title_fr="Session de Los Angeles")
    for email in ("a@x.fr", "b@x.fr", "c@x.fr"):
        register(db.session, event.id, applicant(email, level=Level.B2), now=now)

    page = text(client.get("/organiser/"))
    assert "Session de Marseille" in page and "Session de Los Angeles" not in page
    assert "2 / 2" in page
    # The charts of who is coming carry their numbers in words.
    assert "B2, Avancé (indépendant)\u00a0: 2 personnes" in page
    assert "Numérique &amp; informatique\u00a0: 2 personnes" in page
    assert "3 e-mails en attente d’envoi" in page


def test_online_session_keeps_its_link_private(client, logged_in, next_month):
    client.post(
        "/organiser/sessions/new",
        data=session_form(
            next_month, format="online", venue="", video_url="https://meet.example/room"
        ),
    )
    event = only_session()
    assert event.format is SessionFormat.ONLINE and event.video_url == "https://meet.example/room"
    client.post(f"/organiser/sessions/{event.id}/publish")
    assert "https://meet.example/room" not in text(client.get(f"/sessions/{event.id}"))


def test_the_dashboard_lists_what_comes_next_then_drafts_then_the_past(
    client, logged_in, marseille, make_session
):
    later = make_session(marseille, title_fr="Plus tard", starts_in=timedelta(days=20))
    sooner = make_session(marseille, title_fr="Bientôt", starts_in=timedelta(days=2))
    draft = make_session(marseille, title_fr="Idée en cours", status=SessionStatus.DRAFT)
    old = make_session(marseille, title_fr="Ancienne", starts_in=timedelta(days=-30))
    recent = make_session(marseille, title_fr="Récente", starts_in=timedelta(days=-3))

    page = text(client.get("/organiser/"))

    order = [
        page.index(title)
        for title in (
            "À venir",
            "Bientôt",
            "Plus tard",
            "Brouillons",
            "Idée en cours",
            "Sessions passées",
            "Récente",
            "Ancienne",
        )
    ]
    assert order == sorted(order)
    assert all(event.id for event in (later, sooner, draft, old, recent))


def test_a_dashboard_with_only_drafts_says_nothing_is_coming_up(
    client, logged_in, marseille, make_session
):
    make_session(marseille, status=SessionStatus.DRAFT)
    page = text(client.get("/organiser/"))
    assert "Aucune session à venir" in page and "Sessions passées" not in page


def test_capacity_below_the_confirmed_count_is_refused_on_the_field(
    client, logged_in, marseille, make_session, now
):
    # At noon in Marseille, so that the session never ends after midnight (the form's
    # times are one day's: an end past midnight would be a mistake of its own).
    starts = now.astimezone(ZoneInfo("Europe/Paris")).replace(hour=12, minute=0) + timedelta(days=7)
    event = make_session(marseille, capacity=5, starts_in=starts - now)
    for n in range(3):
        register(db.session, event.id, applicant(f"p{n}@x.fr"), now=now)
    form = session_form(event.starts_at.astimezone(event.zone).date(), capacity="2")
    form["starts"] = event.starts_at.astimezone(event.zone).strftime("%H:%M")
    form["ends"] = event.ends_at.astimezone(event.zone).strftime("%H:%M")

    response = client.post(f"/organiser/sessions/{event.id}/edit", data=form)

    assert response.status_code == 422
    page = text(response)
    assert "3 personnes ont déjà une place confirmée" in page
    assert 'id="capacity-error"' in page and 'href="#capacity"' in page  # field and summary
    db.session.refresh(event)
    assert event.capacity == 5
