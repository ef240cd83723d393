"""The tandem pages: joining, the personal link, the answers (GET asks, POST changes), and
who may open the organisers' pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import link_signer
from business_corner.models import Tandem, TandemMember, TandemRound
from business_corner.services.tandems import rounds
from business_corner.vocabulary import (
    MemberStatus,
    Notice,
    RoundStatus,
    TandemFrequency,
    TandemReport,
    TandemState,
)
from tests.support.tandems import CITIES, make_member, messages_to

JOIN = {
    "first_name": "Ana",
    "last_name": "Martin",
    "company": "Huilerie",
    "sector": "agrifood",
    "english_level": "B1",
    "french_level": "",
    "offers": ["agrifood"],
    "offers_text": "olive oil",
    "seeks": ["trade"],
    "seeks_text": "a US distributor",
    "frequency": "every_round",
    "mon_on": "y",
    "mon_from": "17:00",
    "mon_to": "19:00",
    "email": "Ana@Example.com",
    "city": "marseille",
    "consent": "y",
}


@pytest.fixture
def cities(marseille, los_angeles):
    return marseille, los_angeles


def token(member: TandemMember) -> str:
    return link_signer().make_tandem_token(member.id)


def test_joining_records_a_member_who_confirms_by_post(client, cities):
    page = client.get("/tandems/")
    assert page.status_code == 200 and b"Los Angeles" in page.data
    response = client.post("/tandems/", data=JOIN)
    assert (
        response.status_code == 302 and response.headers["Location"] == "/tandems/check-your-inbox"
    )
    assert b"ana@example.com" in client.get("/tandems/check-your-inbox").data
    member = db.session.scalars(select(TandemMember)).one()
    assert member.status is MemberStatus.PENDING and member.hours == "mon 17:00-19:00"
    assert [m.kind for m in messages_to("ana@example.com")] == [Notice.TANDEM_CONFIRM]
    # Opening the link changes nothing (mail scanners follow links); the button does.
    assert client.get(f"/tandems/me/{token(member)}/confirm").status_code == 200
    db.session.refresh(member)
    assert member.status is MemberStatus.PENDING
    assert client.post(f"/tandems/me/{token(member)}/confirm").status_code == 302
    db.session.refresh(member)
    assert member.status is MemberStatus.ACTIVE


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"email": "not an address"}, b"email-error"),
        ({"consent": ""}, b"consent-error"),
        ({"city": "paris"}, b"city-error"),
        ({"sector": "banking"}, b"sector-error"),
        ({"offers": ["fishing"]}, b"offers-error"),
        ({"mon_to": "17:15"}, b"must be"),
        ({"mon_on": ""}, b"Tick at least one day"),
        ({"mon_from": "25:00"}, b"error"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_changes_nothing(client, cities, change, error):
    response = client.post("/tandems/", data={**JOIN, **change})
    assert response.status_code == 422
    assert error in response.data or b"error-summary" in response.data
    assert db.session.scalars(select(TandemMember)).all() == []


def test_the_member_changes_hours_pauses_and_resumes(client, cities, now):
    member = make_member(cities[0], now=now)
    link = f"/tandems/me/{token(member)}"
    page = client.get(link)
    assert page.status_code == 200 and b'value="17:00"' in page.data
    form = {**JOIN, "fri_on": "y", "fri_from": "08:00", "fri_to": "10:00"}
    form.pop("email"), form.pop("city"), form.pop("consent")
    assert client.post(link, data=form).status_code == 302
    db.session.refresh(member)
    assert member.hours == "mon 17:00-19:00; fri 08:00-10:00" and member.first_name == "Ana"
    client.post(f"{link}/frequency/paused")
    db.session.refresh(member)
    assert member.frequency is TandemFrequency.PAUSED
    client.post(f"{link}/frequency/every_round")
    db.session.refresh(member)
    assert member.frequency is TandemFrequency.EVERY_ROUND
    assert client.post(f"{link}/frequency/never").status_code == 404


def test_bad_or_foreign_links_explain(client, cities, now):
    assert client.get("/tandems/me/not-a-token").status_code == 404
    manage = link_signer().make_manage_token(1)  # another purpose's link
    assert client.get(f"/tandems/me/{manage}").status_code == 404
    member = make_member(cities[0], now=now)
    member.status = MemberStatus.LEFT
    db.session.commit()
    assert client.get(f"/tandems/me/{token(member)}").status_code == 404


@pytest.fixture
def tandem(cities, organiser, now):
    ana = make_member(cities[0], now=now, hours="mon-sun 00:00-24:00")
    make_member(cities[1], now=now, hours="mon-sun 00:00-24:00")
    round_id = rounds.run_round(
        db.session, organiser, (now + timedelta(days=2)).date(), 7, cities=CITIES, now=now
    )
    rounds.publish(db.session, organiser, round_id, now=now)
    return ana, db.session.scalars(select(Tandem)).one()


def test_decline_and_another_time_ask_first(client, tandem):
    ana, found = tandem
    base = f"/tandems/me/{token(ana)}/tandems/{found.id}"
    for page in ("decline", "another-slot"):
        assert client.get(f"{base}/{page}").status_code == 200
    db.session.refresh(found)
    assert found.state is TandemState.SCHEDULED and found.calendar_sequence == 0
    client.post(f"{base}/another-slot")
    db.session.refresh(found)
    assert found.calendar_sequence == 1
    client.post(f"{base}/decline")
    db.session.refresh(found)
    assert found.state is TandemState.DECLINED
    other = make_member(ana.chapter, now=utcnow())
    assert client.get(f"/tandems/me/{token(other)}/tandems/{found.id}/decline").status_code == 404


def test_how_it_went_is_a_post_after_the_slot(client, tandem, monkeypatch):
    ana, found = tandem
    url = f"/tandems/me/{token(ana)}/tandems/{found.id}/outcome"
    assert b"not taken place yet" in client.get(url).data
    later = found.ends_at + timedelta(hours=1)
    monkeypatch.setattr("business_corner.tandem.member_views.utcnow", lambda: later)
    assert client.get(url).status_code == 200
    db.session.refresh(found)
    assert found.a_report is None
    assert client.post(url, data={"report": "held"}).status_code == 422
    assert client.post(url, data={"report": "held", "again": "yes"}).status_code == 302
    db.session.refresh(found)
    assert found.a_report is TandemReport.HELD and found.a_again is True


def test_leaving_erases_and_tells_the_partner(client, tandem):
    ana, found = tandem
    link = f"/tandems/me/{token(ana)}"
    assert client.get(f"{link}/leave").status_code == 200
    assert client.post(f"{link}/leave").status_code == 200
    db.session.refresh(ana)
    assert ana.status is MemberStatus.LEFT
    assert messages_to(found.member_b.email, Notice.TANDEM_CANCELLED)
    assert client.get(link).status_code == 404


ORGANISER_PAGES = [
    ("GET", "/organiser/tandems"),
    ("POST", "/organiser/tandems"),
    ("GET", "/organiser/tandems/rounds/{id}"),
    ("POST", "/organiser/tandems/rounds/{id}/swap"),
    ("POST", "/organiser/tandems/rounds/{id}/tandems/1/drop"),
    ("POST", "/organiser/tandems/rounds/{id}/publish"),
    ("POST", "/organiser/tandems/rounds/{id}/discard"),
]


@pytest.fixture
def proposal(cities, organiser, now):
    make_member(cities[0], now=now)
    make_member(cities[1], now=now, hours="mon-fri 08:00-10:00")
    return rounds.run_round(
        db.session, organiser, datetime(2027, 3, 8, tzinfo=UTC).date(), 5, cities=CITIES, now=now
    )


@pytest.mark.parametrize(("method", "url"), ORGANISER_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, proposal, method, url):
    response = client.open(url.format(id=proposal), method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/organiser/login?next=")


@pytest.mark.parametrize(("method", "url"), ORGANISER_PAGES)
def test_organisers_of_other_chapters_find_nothing(
    client, make_chapter, make_organiser, proposal, login, method, url
):
    login(make_organiser(make_chapter("Lyon", "Europe/Paris")))
    assert client.open(url.format(id=proposal), method=method).status_code == 404
    assert db.session.get(TandemRound, proposal).status is RoundStatus.PROPOSED


@pytest.mark.parametrize("chapter", ["marseille", "los-angeles"])
def test_organisers_of_either_city_run_review_and_publish(
    client, cities, make_organiser, login, proposal, chapter
):
    login(make_organiser(next(c for c in cities if c.slug == chapter), f"runner@{chapter}.test"))
    assert client.get("/organiser/tandems").status_code == 200
    page = client.get(f"/organiser/tandems/rounds/{proposal}")
    assert page.status_code == 200 and b"pair-card" in page.data
    assert client.post(f"/organiser/tandems/rounds/{proposal}/publish").status_code == 302
    found = db.session.get(TandemRound, proposal)
    db.session.refresh(found)
    assert found.status is RoundStatus.PUBLISHED
    assert found.organizer_chapter.slug == chapter
    assert client.get("/organiser/tandems/rounds/999").status_code == 404


def test_a_round_is_run_from_the_form(client, cities, organiser, login, now):
    login(organiser)
    assert (
        client.post("/organiser/tandems", data={"starts_on": "2027-03-08", "days": "0"}).status_code
        == 422
    )
    response = client.post("/organiser/tandems", data={"starts_on": "2027-03-08", "days": "14"})
    assert (
        response.status_code == 302 and "/organiser/tandems/rounds/" in response.headers["Location"]
    )
