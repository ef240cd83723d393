"""The season report: each figure from stored records, by a tested query; the page says
how each is defined; the .xlsx holds the same figures; only the organiser's chapter."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from business_corner.extensions import db
from business_corner.models import EventSession, Registration
from business_corner.services.feedback import Answers, FeedbackTiming, submit_feedback
from business_corner.services.season_report import default_period, season_report
from business_corner.services.tables.session_plans import PlanSettings, make_plan
from business_corner.vocabulary import Level, RegistrationStatus, Sector, SessionStatus, TableFit
from tests.support.after_session import past_session
from tests.support.language import visible_text

ANA = {"email": "ana@example.fr", "first_name": "Ana", "level": Level.B1}
BEN = {"email": "ben@example.com", "first_name": "Ben", "sector": Sector.HEALTH}
CLEO = {"email": "cleo@example.fr", "first_name": "Cléo"}
DAN = {"email": "dan@example.com", "first_name": "Dan"}
EVA = {"email": "eva@example.fr", "first_name": "Eva"}


def by_email(event: EventSession, email: str) -> Registration:
    return db.session.scalars(
        db.select(Registration).where(
            Registration.event_session_id == event.id, Registration.email == email
        )
    ).one()


def feedback(registration_id, now, level, contacts=()):
    submit_feedback(
        db.session,
        registration_id,
        Answers(4, level, TableFit.RIGHT, frozenset(contacts), True, ""),
        now=now,
        timing=FeedbackTiming(),
    )


@pytest.fixture
def season(make_session, marseille, los_angeles, organiser, now):
    """Marseille: two sessions held this season (one no-show, one on the waiting list), one
    cancelled, one coming, one last season; Los Angeles: one held. Ana and Ben came twice,
    Ana now says B2 (she signed up B1), and Ana and Ben chose each other."""
    first, _came, (cleo, _dan) = past_session(
        make_session,
        marseille,
        now,
        came=[ANA, BEN],
        missed=[CLEO, DAN],
        ended_ago=timedelta(days=20),
        capacity=3,
    )
    db.session.get_one(Registration, cleo).no_show_at = first.ends_at
    second, came, _missed = past_session(
        make_session, marseille, now, came=[ANA, BEN, EVA], title_en="Second"
    )
    make_plan(
        db.session, organiser, second.id, PlanSettings(1, None, 1, 20, second.starts_at), now=now
    )
    ana, ben = came[0], came[1]
    feedback(ana, now, Level.B2, [ben])
    feedback(ben, now, Level.B1, [ana])
    cancelled, _c, _m = past_session(make_session, marseille, now, came=[EVA])
    cancelled.status = SessionStatus.CANCELLED
    past_session(make_session, marseille, now, came=[EVA], ended_ago=timedelta(days=500))
    make_session(marseille, starts_in=timedelta(days=3))
    past_session(make_session, los_angeles, now, came=[{"email": "la@example.com"}])
    db.session.commit()
    return first, second


def test_every_figure(season, organiser, now):
    first, _second = season
    assert by_email(first, DAN["email"]).status is RegistrationStatus.WAITLISTED
    starts_on, ends_on = default_period(now.date())
    report = season_report(db.session, organiser, starts_on, ends_on, now)
    assert report.sessions_held == 2
    assert report.registrations == 6  # Ana, Ben, Cléo; Ana, Ben, Eva (Dan waited)
    assert report.attendance_rate == pytest.approx(100 * 5 / 6)
    assert report.no_show_rate == pytest.approx(100 * 1 / 6)
    assert report.distinct_attendees == 3
    assert report.returning_attendees == 2
    progression = report.progression
    assert (progression.people, progression.up, progression.same, progression.down) == (2, 1, 1, 0)
    assert progression.average_steps == pytest.approx(0.5)
    assert report.sectors == {Sector.DIGITAL: 2, Sector.HEALTH: 1}
    assert report.mutual_contacts == 1
    assert report.co_hosted == 0
    assert sum(report.per_month.values()) == 5


def test_a_joint_session_counts_in_each_host_chapters_report(
    make_session, marseille, los_angeles, organiser, make_organiser, now
):
    from business_corner.models import SessionHost

    joint, _came, _missed = past_session(
        make_session, los_angeles, now, came=[ANA, {"email": "la@example.com"}]
    )
    past_session(make_session, los_angeles, now, came=[BEN])  # Los Angeles' own
    db.session.add(SessionHost(session_id=joint.id, chapter_id=marseille.id))
    db.session.commit()
    starts_on, ends_on = default_period(now.date())

    ours = season_report(db.session, organiser, starts_on, ends_on, now)
    theirs = season_report(db.session, make_organiser(los_angeles), starts_on, ends_on, now)

    assert (ours.sessions_held, ours.co_hosted, ours.distinct_attendees) == (1, 1, 2)
    assert (theirs.sessions_held, theirs.co_hosted, theirs.distinct_attendees) == (2, 1, 3)


def test_an_empty_period(organiser, now):
    report = season_report(db.session, organiser, now.date(), now.date(), now)
    assert report.sessions_held == 0 and report.attendance_rate is None


def test_the_season_runs_from_september_to_august(now):
    from datetime import date

    assert default_period(date(2026, 12, 8)) == (date(2026, 9, 1), date(2027, 8, 31))
    assert default_period(date(2027, 3, 1)) == (date(2026, 9, 1), date(2027, 8, 31))
    assert default_period(date(2027, 9, 1)) == (date(2027, 9, 1), date(2028, 8, 31))


def test_the_page_defines_each_figure_and_draws_charts(client, login, organiser, season):
    login(organiser)
    response = client.get("/organiser/report")
    page = response.get_data(as_text=True)
    text = visible_text(page)
    assert response.status_code == 200
    assert page.count("<svg") == 3
    for definition in (
        "Sessions publiées de l’antenne",
        "Personnes enregistrées à l’arrivée ÷ places confirmées",
        "au moins deux sessions",
        "sessions communes",
    ):
        assert definition in text, definition
    assert "83,3 %" in text
    assert "la@example.com" not in page


def test_bad_dates_are_said_not_a_500(client, login, organiser, season):
    login(organiser)
    for query in ("from=2027-13-01", "from=2027-05-01&to=2027-01-01", "from=1900-01-01"):
        response = client.get(f"/organiser/report?{query}")
        assert response.status_code == 422, query
        assert 'role="alert"' in response.get_data(as_text=True)


def test_the_xlsx_holds_the_figures(client, login, organiser, season):
    login(organiser)
    response = client.get("/organiser/report.xlsx")
    assert response.headers["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Sessions tenues"] == 2
    assert rows["Taux de présence (%)"] == pytest.approx(83.3)
    assert rows["Contacts mutuels (paires)"] == 1


def test_another_chapter_sees_its_own_figures(
    client, login, make_organiser, los_angeles, season, now
):
    login(make_organiser(los_angeles))
    text = visible_text(client.get("/organiser/report").get_data(as_text=True))
    assert "Second" not in text


def test_the_number_of_queries_does_not_grow_with_the_sessions(
    make_session, marseille, organiser, now
):
    from tests.support.statements import recorded

    starts_on, ends_on = default_period(now.date())

    def queries() -> int:
        db.session.expire_all()
        db.session.get_one(type(organiser), organiser.id).chapter  # noqa: B018 - loaded first
        with recorded(db.engine) as seen:
            season_report(db.session, organiser, starts_on, ends_on, now)
        return len(seen)

    past_session(make_session, marseille, now, came=[ANA, BEN])
    few = queries()
    for n in range(9):
        past_session(
            make_session, marseille, now, came=[ANA, {"email": f"p{n}@example.fr"}], missed=[EVA]
        )
    assert queries() == few <= 6
