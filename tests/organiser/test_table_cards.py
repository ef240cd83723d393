"""What a printed table card shows is the organiser's choice, and the privacy notice says
what it can be."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.services import walk_ins
from business_corner.services.registration import register
from business_corner.services.tables import session_plans
from business_corner.services.walk_ins import Newcomer
from business_corner.vocabulary import Level, Sector
from tests.support.applicants import applicant


@pytest.fixture
def planned(marseille, make_session, organiser, login, now):
    event = make_session(marseille, capacity=20, starts_in=timedelta(days=1))
    for index in range(5):
        register(
            db.session,
            event.id,
            applicant(f"p{index}@x.fr", first_name=f"Person{index}", level=Level.B2),
            now=now,
        )
    walk_ins.add_walk_in(
        db.session,
        organiser,
        event.id,
        Newcomer("Zoé Lefèvre", Level.C1, Sector.HEALTH, company="Clinique du Parc"),
        now=now,
    )
    session_plans.make_plan(
        db.session, organiser, event.id, session_plans.default_settings(event), now=now
    )
    login(organiser)
    return event


def _guest_lines(page: str) -> list[str]:
    lines = re.findall(r"<li><span class=\"guest-name\">(.*?)</li>", page)
    return [re.sub(r"<[^>]+>", "", line).strip() for line in lines]


def test_by_default_cards_show_first_names_and_companies(client, planned):
    page = client.get(f"/organiser/sessions/{planned.id}/tables/print?round=1").get_data(
        as_text=True
    )
    lines = _guest_lines(page)
    assert "Person0 Calanques SAS" in lines
    assert "Zoé Clinique du Parc" in lines
    assert "Martin" not in page and "Lefèvre" not in page and "B2" not in page


def test_the_organiser_chooses_full_names_level_and_sector(client, planned):
    page = client.get(
        f"/organiser/sessions/{planned.id}/tables/print"
        "?round=1&chosen=1&name=full&show=level&show=sector"
    ).get_data(as_text=True)
    lines = _guest_lines(page)
    assert "Person0 Martin B2 · Numérique &amp; informatique" in lines or any(
        line.startswith("Person0 Martin B2 · ") for line in lines
    ), lines
    assert "Calanques SAS" not in page
    assert any(line.startswith("Zoé Lefèvre C1 · ") for line in lines), lines


def test_nothing_but_first_names_when_nothing_is_ticked(client, planned):
    page = client.get(f"/organiser/sessions/{planned.id}/tables/print?chosen=1").get_data(
        as_text=True
    )
    assert "Person0" in _guest_lines(page)


def test_the_privacy_notice_says_what_a_card_can_show(client):
    client.set_cookie("lang", "en")
    page = client.get("/privacy").get_data(as_text=True)
    assert "at most your first name and company" not in page
    assert "your first name or your full name" in page
    assert "your company, English level and sector" in page
