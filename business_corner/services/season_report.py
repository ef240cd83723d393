"""The season report for the chamber: per chapter and period, figures computed from the
stored records, each by one function here, each defined on the page in words.

A session counts in a period when it **ended** within it (local days of the chapter,
both ends included), was published (not a draft, not cancelled) and is over: a "session
held". Which sessions are the organiser's is ``EventSession.hosted_by``, the same rule as
every session page: a joint session counts in each host chapter's report (and says so).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from business_corner.formatting import current_locale
from business_corner.models import (
    EventSession,
    Feedback,
    Organiser,
    Registration,
    SessionHost,
    WalkIn,
)
from business_corner.services.feedback_results import LevelMoves, mutual_pairs
from business_corner.services.spreadsheets import Sheet
from business_corner.vocabulary import Level, RegistrationStatus, Sector, SessionStatus

#: The chamber's season starts on 1 September.
SEASON_START_MONTH = 9


def default_period(today: date) -> tuple[date, date]:
    """The season that contains ``today``: 1 September to 31 August."""
    start_year = today.year if today.month >= SEASON_START_MONTH else today.year - 1
    return date(start_year, SEASON_START_MONTH, 1), date(start_year + 1, SEASON_START_MONTH - 1, 31)


@dataclass(frozen=True)
class SessionLine:
    event: EventSession
    registrations: int
    came: int
    no_shows: int
    walk_ins: int


@dataclass
class SeasonReport:
    starts_on: date
    ends_on: date
    sessions: list[SessionLine] = field(default_factory=list)
    distinct_attendees: int = 0
    returning_attendees: int = 0
    #: People who came at least twice: the level of the first session they came to against
    #: the latest they gave (their feedback's self-assessment, else their sign-up).
    progression: LevelMoves = field(default_factory=LevelMoves)
    sectors: Counter[Sector] = field(default_factory=Counter)
    mutual_contacts: int = 0
    #: Of the sessions held, those hosted with another chapter (they count in both reports).
    co_hosted: int = 0
    per_month: dict[date, int] = field(default_factory=dict)

    @property
    def sessions_held(self) -> int:
        return len(self.sessions)

    @property
    def registrations(self) -> int:
        return sum(line.registrations for line in self.sessions)

    @property
    def _taken(self) -> list[SessionLine]:
        """Sessions where attendance was taken (someone was checked in)."""
        return [line for line in self.sessions if line.came]

    @property
    def attendance_rate(self) -> float | None:
        expected = sum(line.registrations for line in self._taken)
        return 100 * sum(line.came for line in self._taken) / expected if expected else None

    @property
    def no_show_rate(self) -> float | None:
        expected = sum(line.registrations for line in self._taken)
        return 100 * sum(line.no_shows for line in self._taken) / expected if expected else None


def held_sessions(
    session: Session, organiser: Organiser, starts_on: date, ends_on: date, now: datetime
) -> list[EventSession]:
    """The organiser's sessions held in the period, in order."""
    zone = ZoneInfo(organiser.chapter.timezone)
    start = datetime.combine(starts_on, time(), tzinfo=zone)
    end = datetime.combine(ends_on + timedelta(days=1), time(), tzinfo=zone)
    candidates = session.scalars(
        select(EventSession)
        .where(
            EventSession.status == SessionStatus.PUBLISHED,
            EventSession.ends_at >= start,
            EventSession.ends_at < end,
            EventSession.ends_at <= now,
            EventSession.hosted_by(organiser.chapter_id),
        )
        .order_by(EventSession.starts_at, EventSession.id)
    ).all()
    return list(candidates)


def season_report(
    session: Session, organiser: Organiser, starts_on: date, ends_on: date, now: datetime
) -> SeasonReport:
    report = SeasonReport(starts_on, ends_on)
    events = held_sessions(session, organiser, starts_on, ends_on, now)
    ids = [event.id for event in events]
    if not ids:
        return report
    confirmed = session.scalars(
        select(Registration)
        .where(
            Registration.event_session_id.in_(ids),
            Registration.status == RegistrationStatus.CONFIRMED,
        )
        .order_by(Registration.id)
    ).all()
    walk_ins = dict(
        session.execute(
            select(WalkIn.event_session_id, func.count())
            .where(WalkIn.event_session_id.in_(ids))
            .group_by(WalkIn.event_session_id)
        ).all()
    )
    by_event: dict[int, list[Registration]] = defaultdict(list)
    for registration in confirmed:
        by_event[registration.event_session_id].append(registration)
    for event in events:
        people = by_event[event.id]
        report.sessions.append(
            SessionLine(
                event,
                registrations=len(people),
                came=sum(1 for r in people if r.checked_in_at is not None),
                no_shows=sum(1 for r in people if r.no_show_at is not None),
                walk_ins=int(walk_ins.get(event.id, 0)),
            )
        )
    zone = ZoneInfo(organiser.chapter.timezone)
    for line in report.sessions:
        month = line.event.ends_at.astimezone(zone).date().replace(day=1)
        report.per_month[month] = report.per_month.get(month, 0) + line.came + line.walk_ins
    _people(session, report, events, confirmed)
    report.mutual_contacts = mutual_pairs(session, ids)
    report.co_hosted = _joint_sessions(session, ids)
    return report


def _joint_sessions(session: Session, ids: Sequence[int]) -> int:
    """How many of the sessions have more than one host chapter (one query)."""
    joint = (
        select(SessionHost.session_id)
        .where(SessionHost.session_id.in_(ids))
        .group_by(SessionHost.session_id)
        .having(func.count() > 1)
        .subquery()
    )
    return int(session.scalar(select(func.count()).select_from(joint)) or 0)


def _people(
    session: Session,
    report: SeasonReport,
    events: Sequence[EventSession],
    confirmed: Sequence[Registration],
) -> None:
    """Who came, by address: distinct and returning attendees, sectors, progression."""
    order = {event.id: index for index, event in enumerate(events)}
    came = sorted(
        (r for r in confirmed if r.checked_in_at is not None and r.erased_at is None),
        key=lambda r: (order[r.event_session_id], r.id),
    )
    self_assessed: dict[int, Level] = dict(
        session.execute(
            select(Feedback.registration_id, Feedback.level).where(
                Feedback.registration_id.in_([r.id for r in came])
            )
        ).all()
    )
    visits: dict[str, list[Registration]] = defaultdict(list)
    for registration in came:
        visits[registration.email].append(registration)
    report.distinct_attendees = len(visits)
    for attended in visits.values():
        latest = attended[-1]
        report.sectors[latest.sector] += 1
        if len(attended) < 2:
            continue
        report.returning_attendees += 1
        report.progression.add(attended[0].level, self_assessed.get(latest.id, latest.level))


def _rate(value: float | None) -> float | str:
    return round(value, 1) if value is not None else ""


def report_sheet(report: SeasonReport, chapter_name: str) -> Sheet:
    """The figures, then one line per session, headed in the current language."""
    sheet = Sheet(
        title=_("Season report"),
        header=[_("Figure"), _("Value"), _("Chapter"), _("From"), _("To")],
    )
    progression = report.progression
    figures: list[tuple[str, float | int | str]] = [
        (_("Sessions held"), report.sessions_held),
        (_("Registrations (confirmed places)"), report.registrations),
        (_("Attendance rate (%)"), _rate(report.attendance_rate)),
        (_("No-show rate (%)"), _rate(report.no_show_rate)),
        (_("Different people who came"), report.distinct_attendees),
        (_("Returning attendees (came at least twice)"), report.returning_attendees),
        (_("Of them, level higher"), progression.up),
        (_("Of them, level the same"), progression.same),
        (_("Of them, level lower"), progression.down),
        (_("Average level change (steps)"), _rate(progression.average_steps)),
        (_("Sectors represented"), len(report.sectors)),
        (_("Co-hosted sessions"), report.co_hosted),
        (_("Mutual contacts made (pairs)"), report.mutual_contacts),
    ]
    for label, value in figures:
        sheet.rows.append([label, value, chapter_name, report.starts_on, report.ends_on])
    sheet.rows.append([])
    sheet.rows.append(
        [_("Session"), _("Date"), _("Registrations"), _("Came"), _("No-shows"), _("Walk-ins")]
    )
    for line in report.sessions:
        event = line.event
        sheet.rows.append(
            [
                event.title_in(current_locale()).text,
                event.starts_at.astimezone(event.zone).date(),
                line.registrations,
                line.came,
                line.no_shows,
                line.walk_ins,
            ]
        )
    sheet.rows.append([])
    sheet.rows.append([_("Sector"), _("Different people who came")])
    for sector, count in sorted(report.sectors.items(), key=lambda item: (-item[1], item[0])):
        sheet.rows.append([sector.label, count])
    return sheet
