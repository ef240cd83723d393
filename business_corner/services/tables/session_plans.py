"""A session's conversation tables: planning them from who is there, walk-ins, re-planning on
the day, and telling each attendee where they sit. The seating itself is the pure planner
of this package."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import EventSession, Organiser, Registration, TablePlan, WalkIn
from business_corner.services import audit
from business_corner.services.check_in import check_in_started
from business_corner.services.errors import DomainError
from business_corner.services.notifications import Notice, queue_notice
from business_corner.services.self_assessed import latest_self_assessed
from business_corner.services.sessions import get_own_session
from business_corner.services.spreadsheets import Sheet
from business_corner.services.tables import (
    Guest,
    Plan,
    PlanMetrics,
    PlanRequest,
    evaluate,
    plan_tables,
    replan,
)
from business_corner.services.tables.schedule import (
    registration_key,
    round_start,
    started_rounds,
    stored_plan,
    walk_in_key,
)
from business_corner.vocabulary import AuditAction, AuditSubject, RegistrationStatus

DEFAULT_ROUND_MINUTES = 20
#: Time for welcome and introductions before the first round.
WELCOME = timedelta(minutes=10)


@dataclass(frozen=True)
class PlanSettings:
    """What the organiser chooses: tables or seats per table (one of them), rounds, timing."""

    tables: int | None
    seats_per_table: int | None
    rounds: int
    round_minutes: int
    first_round_at: datetime
    #: Seat people by the level of their latest feedback rather than their sign-up level.
    self_assessed: bool = False


def default_settings(event: EventSession) -> PlanSettings:
    """Six seats a table, three rounds of twenty minutes after a ten-minute welcome."""
    return PlanSettings(None, 6, 3, DEFAULT_ROUND_MINUTES, event.starts_at + WELCOME)


def people_there(session: Session, event_id: int) -> list[Registration]:
    """The registered people to seat, in the order they registered: those checked in once
    check-in has started (the people really in the room), before that everyone with a seat."""
    condition = (
        Registration.checked_in_at.is_not(None)
        if check_in_started(session, event_id)
        else Registration.status == RegistrationStatus.CONFIRMED
    )
    return list(
        session.scalars(
            select(Registration)
            .where(Registration.event_session_id == event_id, condition)
            .order_by(Registration.id)
        )
    )


def guests_of(session: Session, event_id: int, self_assessed: bool = False) -> list[Guest]:
    """Everyone to seat: the registered people there (``people_there``) and the walk-ins.
    With ``self_assessed``, each registered person's level is the one they gave in their
    latest feedback to an earlier session, where they gave one."""
    registrations = people_there(session, event_id)
    levels = (
        latest_self_assessed(session, [r.email for r in registrations], event_id)
        if self_assessed
        else {}
    )
    walk_ins = session.scalars(
        select(WalkIn).where(WalkIn.event_session_id == event_id).order_by(WalkIn.id)
    ).all()
    return [
        Guest(
            registration_key(r.id), r.full_name, levels.get(r.email, r.level), r.sector, r.can_host
        )
        for r in registrations
    ] + [Guest(walk_in_key(w.id), w.name, w.level, w.sector, w.can_host) for w in walk_ins]


def plan_record(session: Session, event_id: int) -> TablePlan | None:
    return session.scalars(
        select(TablePlan).where(TablePlan.event_session_id == event_id)
    ).one_or_none()


def make_plan(
    session: Session, organiser: Organiser, event_id: int, settings: PlanSettings, *, now: datetime
) -> TablePlan:
    """Plan the tables; once rounds have begun, re-plan only what has not happened yet.

    Re-planning keeps every seat of the rounds under way, seats walk-ins, drops
    cancellations, and changes as few seats as the rules allow.
    """
    with write_transaction(session):
        event = get_own_session(session, organiser, event_id)
        guests = guests_of(session, event_id, settings.self_assessed)
        record = plan_record(session, event_id)
        begun = started_rounds(record, now) if record else 0
        if record is not None and begun:
            if settings.rounds != record.rounds:
                raise DomainError(
                    _l("The rounds have begun: the number of rounds can no longer change.")
                )
            tables = settings.tables or (
                math.ceil(len(guests) / settings.seats_per_table)
                if settings.seats_per_table
                else None
            )
            plan = replan(stored_plan(record), guests, begun, seed=record.seed, tables=tables)
        else:
            plan = plan_tables(
                PlanRequest(
                    guests,
                    rounds=settings.rounds,
                    tables=settings.tables,
                    seats_per_table=settings.seats_per_table,
                    seed=event.id,
                )
            )
            if record is None:
                record = TablePlan(event_session_id=event_id, seed=event.id, created_at=now)
                session.add(record)
            record.first_round_at = settings.first_round_at
            record.round_minutes = settings.round_minutes
            record.rounds = settings.rounds
        record.tables, record.seats_per_table = settings.tables, settings.seats_per_table
        record.self_assessed_levels = settings.self_assessed
        record.plan = json.dumps(plan.to_dict())
        record.updated_at = now
        session.flush()
        audit.record(
            session,
            organiser,
            AuditAction.TABLES_PLANNED,
            AuditSubject.SESSION,
            event_id,
            {"people": len(guests), "rounds": record.rounds, "rounds_kept": begun},
            now,
        )
        return record


@dataclass(frozen=True)
class SeatedTable:
    number: int
    guests: list[Guest]


@dataclass(frozen=True)
class PlannedRound:
    number: int
    starts_at: datetime
    ends_at: datetime
    begun: bool
    tables: list[SeatedTable]


@dataclass(frozen=True)
class PlanPicture:
    """A stored plan with the people present now: what the organiser's page shows."""

    record: TablePlan
    rounds: list[PlannedRound]
    metrics: PlanMetrics
    #: People present now with no seat (walk-ins or late confirmations): time to re-plan.
    unseated: list[Guest]
    notices: list[str]


def picture(session: Session, event: EventSession, now: datetime) -> PlanPicture | None:
    record = plan_record(session, event.id)
    if record is None:
        return None
    plan: Plan = stored_plan(record)
    guests = guests_of(session, event.id, record.self_assessed_levels)
    by_key = {guest.key: guest for guest in guests}
    rounds = []
    for index, tables in enumerate(plan.rounds):
        starts = round_start(record, index)
        rounds.append(
            PlannedRound(
                index + 1,
                starts,
                starts + timedelta(minutes=record.round_minutes),
                starts <= now,
                [
                    SeatedTable(number + 1, [by_key[key] for key in table if key in by_key])
                    for number, table in enumerate(tables)
                ],
            )
        )
    seated = plan.keys()
    return PlanPicture(
        record,
        rounds,
        evaluate(plan, guests),
        [guest for guest in guests if guest.key not in seated],
        [str(notice.message) for notice in plan.notices],
    )


def plan_sheet(view: PlanPicture, zone: str) -> Sheet:
    """The plan as typed cells, headed in the current language (CSV and .xlsx alike)."""
    tz = ZoneInfo(zone)
    sheet = Sheet(
        title=_("Tables"),
        header=[
            _("Round"),
            _("Starts at"),
            _("Table"),
            _("Name"),
            _("English level"),
            _("Sector"),
            _("Host"),
        ],
    )
    for planned in view.rounds:
        starts = planned.starts_at.astimezone(tz).time().replace(second=0, microsecond=0)
        for table in planned.tables:
            for guest in table.guests:
                sheet.rows.append(
                    [
                        planned.number,
                        starts,
                        table.number,
                        guest.name,
                        guest.level.value,
                        guest.sector.label,
                        _("yes") if guest.host else "",
                    ]
                )
    return sheet


class PlanOutOfDate(DomainError):
    """People are there whom the plan does not seat (a walk-in, a late confirmation): the
    schedules would not match the room."""

    def __init__(self, unseated: int) -> None:
        super().__init__(
            lazy_ngettext(
                "The plan is out of date: %(num)s person who is there has no seat. Plan the "
                "tables again first (the button above), then send everyone their tables.",
                "The plan is out of date: %(num)s people who are there have no seat. Plan the "
                "tables again first (the button above), then send everyone their tables.",
                unseated,
            )
        )


def send_schedules(
    session: Session, organiser: Organiser, event_id: int, *, now: datetime
) -> list[int]:
    """Mail each seated attendee where they sit, in their own language."""
    with write_transaction(session):
        get_own_session(session, organiser, event_id)
        record = plan_record(session, event_id)
        if record is None:
            raise DomainError(_l("Plan the tables first."))
        seated = stored_plan(record).keys()
        unseated = [
            guest
            for guest in guests_of(session, event_id, record.self_assessed_levels)
            if guest.key not in seated
        ]
        if unseated:
            raise PlanOutOfDate(len(unseated))
        messages = [
            queue_notice(session, registration, Notice.TABLE_SCHEDULE, now)
            for registration in people_there(session, event_id)
            if registration_key(registration.id) in seated
        ]
        session.flush()
        audit.record(
            session,
            organiser,
            AuditAction.TABLES_SENT,
            AuditSubject.SESSION,
            event_id,
            {"recipients": len(messages)},
            now,
        )
        return [message.id for message in messages]
