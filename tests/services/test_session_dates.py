"""When a session may be: today to five years ahead; the past only confirmed, a year back."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession
from business_corner.services.city_times import UnrepresentableTime, local_to_utc
from business_corner.services.sessions import (
    DayOutsideWindow,
    check_day,
    create_session,
    latest_day,
)
from tests.support.session_details import details_on

TODAY = date(2026, 12, 1)


def test_today_to_five_years_ahead_is_accepted():
    for day in (TODAY, TODAY + timedelta(days=1), date(2031, 12, 1)):
        check_day(day, TODAY, past_confirmed=False)


@pytest.mark.parametrize("day", [date(2031, 12, 2), date(9998, 12, 31), date(9999, 12, 31)])
def test_further_ahead_is_refused(day):
    with pytest.raises(DayOutsideWindow) as refused:
        check_day(day, TODAY, past_confirmed=True)
    assert not refused.value.needs_confirmation


def test_the_past_needs_confirmation_and_stops_a_year_back():
    with pytest.raises(DayOutsideWindow) as refused:
        check_day(TODAY - timedelta(days=1), TODAY, past_confirmed=False)
    assert refused.value.needs_confirmation
    check_day(TODAY - timedelta(days=1), TODAY, past_confirmed=True)
    check_day(date(2025, 12, 1), TODAY, past_confirmed=True)
    for day in (date(2025, 11, 29), date(1, 1, 1)):
        with pytest.raises(DayOutsideWindow):
            check_day(day, TODAY, past_confirmed=True)


def test_five_years_after_29_february():
    assert latest_day(date(2028, 2, 29)) == date(2033, 2, 28)


@pytest.mark.parametrize(
    "day, zone", [(date(9999, 12, 31), "Etc/GMT+12"), (date(1, 1, 1), "Etc/GMT-14")]
)
def test_instants_no_date_can_hold_are_a_clear_refusal(day, zone):
    with pytest.raises(UnrepresentableTime):
        local_to_utc(day, time(23, 0) if day.year == 9999 else time(0, 0), zone)


def test_the_service_applies_the_same_window(organiser, now):
    far = datetime(9999, 12, 31, 20, 0, tzinfo=UTC)
    with pytest.raises(DayOutsideWindow):
        create_session(db.session, organiser, details_on(far), now=now)
    yesterday = now - timedelta(days=1)
    with pytest.raises(DayOutsideWindow):
        create_session(db.session, organiser, details_on(yesterday), now=now)
    assert db.session.scalars(db.select(EventSession)).all() == []
    create_session(db.session, organiser, details_on(yesterday, past_confirmed=True), now=now)
    assert len(db.session.scalars(db.select(EventSession)).all()) == 1
