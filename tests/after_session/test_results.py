"""What organisers see of a session's feedback, drawn as SVG; and tables planned by the
level people gave themselves afterwards."""

from __future__ import annotations

from datetime import timedelta
from xml.etree.ElementTree import fromstring

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services.feedback import Answers, FeedbackTiming, submit_feedback
from business_corner.services.feedback_results import session_feedback
from business_corner.services.registration import register
from business_corner.services.tables.session_plans import (
    PlanSettings,
    default_settings,
    guests_of,
    make_plan,
    picture,
)
from business_corner.vocabulary import Level, TableFit
from tests.support.after_session import past_session
from tests.support.applicants import applicant
from tests.support.language import visible_text

TIMING = FeedbackTiming()
PEOPLE = [{"email": f"p{n}@example.fr", "first_name": f"P{n}", "level": Level.B1} for n in range(4)]


def answer(registration_id, now, usefulness, level, fit=TableFit.RIGHT, contacts=(), comment=""):
    submit_feedback(
        db.session,
        registration_id,
        Answers(usefulness, level, fit, frozenset(contacts), True, comment),
        now=now,
        timing=TIMING,
    )


@pytest.fixture
def answered(make_session, marseille, organiser, now):
    event, came, _missed = past_session(
        make_session, marseille, now, came=PEOPLE, missed=[{"email": "no@example.fr"}]
    )
    make_plan(
        db.session, organiser, event.id, PlanSettings(1, None, 1, 20, event.starts_at), now=now
    )
    answer(came[0], now, 5, Level.B2, contacts=[came[1]], comment="Super <b>soirée</b>")
    answer(came[1], now, 4, Level.B1, contacts=[came[0]])
    answer(came[2], now, 2, Level.A2, TableFit.TOO_HARD)
    return event, came


def test_the_figures_of_a_session(answered):
    event, _came = answered
    results = session_feedback(db.session, event.id)
    assert (results.came, results.answered) == (4, 3)
    assert results.response_rate == pytest.approx(75)
    assert results.average_usefulness == pytest.approx(11 / 3)
    assert results.usefulness == {5: 1, 4: 1, 2: 1}
    moved = results.levels_moved
    assert (moved.up, moved.same, moved.down) == (1, 1, 1)
    assert results.table_fit[TableFit.TOO_HARD] == 1
    assert results.mutual_contacts == 1
    assert [c.text for c in results.comments] == ["Super <b>soirée</b>"]


def test_the_organisers_page_draws_the_answers(client, login, organiser, answered):
    event, _came = answered
    login(organiser)
    page = client.get(f"/organiser/sessions/{event.id}/feedback").get_data(as_text=True)
    assert page.count("<svg") == 3
    assert "Super &lt;b&gt;soirée&lt;/b&gt;" in page
    text = visible_text(page)
    assert "3 sur les 4 personnes venues (75 %)" in text
    assert "3,7 sur 5" in text
    start = page.index('<svg class="chart chart-usefulness"')
    svg = fromstring(page[start : page.index("</svg>", start) + 6])  # noqa: S314 - our own SVG
    description = svg.find("{http://www.w3.org/2000/svg}desc") or svg.find("desc")
    assert "Note 5 : 1 réponse" in description.text
    # Nothing here tells who chose whom.
    assert "P0" not in text and "p1@example.fr" not in text


def test_another_chapters_organiser_sees_nothing(
    client, login, make_organiser, los_angeles, answered
):
    event, _came = answered
    login(make_organiser(los_angeles))
    assert client.get(f"/organiser/sessions/{event.id}/feedback").status_code == 404


def test_the_planner_can_seat_people_by_their_self_assessed_level(
    answered, make_session, marseille, organiser, now
):
    following = make_session(marseille, starts_in=timedelta(days=10))
    for n in range(4):
        register(db.session, following.id, applicant(f"p{n}@example.fr"), now=now)
    assert {g.level for g in guests_of(db.session, following.id)} == {Level.B1}
    assessed = [g.level for g in guests_of(db.session, following.id, self_assessed=True)]
    # p0 said B2, p1 B1, p2 A2; p3 did not answer and keeps the B1 of sign-up.
    assert assessed == [Level.B2, Level.B1, Level.A2, Level.B1]

    settings = default_settings(following)
    make_plan(
        db.session,
        organiser,
        following.id,
        PlanSettings(
            settings.tables,
            settings.seats_per_table,
            settings.rounds,
            settings.round_minutes,
            settings.first_round_at,
            self_assessed=True,
        ),
        now=now,
    )
    shown = picture(db.session, following, now)
    assert shown.record.self_assessed_levels
    levels = {g.level for r in shown.rounds for t in r.tables for g in t.guests}
    assert Level.B2 in levels and Level.A2 in levels
    # The sign-up level itself is left as the attendee gave it.
    assert {r.level for r in db.session.scalars(db.select(Registration))} == {Level.B1}


def test_the_tables_form_offers_the_choice(client, login, organiser, make_session, marseille):
    event = make_session(marseille)
    login(organiser)
    page = client.get(f"/organiser/sessions/{event.id}/tables").get_data(as_text=True)
    assert 'name="self_assessed"' in page
