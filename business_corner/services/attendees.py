"""The attendee list of a session, on screen and as a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from business_corner.models import Registration
from business_corner.services.spreadsheets import Sheet
from business_corner.vocabulary import RegistrationStatus


@dataclass(frozen=True)
class AttendeeRow:
    registration: Registration
    #: 1-based place in the waiting list, for waitlisted attendees only.
    position: int | None


def attendee_rows(session: Session, event_id: int) -> list[AttendeeRow]:
    """Confirmed first, then the waiting list in order, then cancellations."""
    status_order = case(
        (Registration.status == RegistrationStatus.CONFIRMED, 0),
        (Registration.status == RegistrationStatus.WAITLISTED, 1),
        else_=2,
    )
    registrations = session.scalars(
        select(Registration)
        .where(Registration.event_session_id == event_id)
        .order_by(status_order, Registration.queued_at, Registration.id)
    ).all()
    rows, position = [], 0
    for registration in registrations:
        if registration.status is RegistrationStatus.WAITLISTED:
            position += 1
            rows.append(AttendeeRow(registration, position))
        else:
            rows.append(AttendeeRow(registration, None))
    return rows


def attendee_sheet(rows: Iterable[AttendeeRow], zone: str) -> Sheet:
    """The list as typed cells, headed in the current language (CSV and .xlsx alike)."""
    tz = ZoneInfo(zone)
    sheet = Sheet(
        title=_("Attendees"),
        header=[
            _("Last name"),
            _("First name"),
            _("E-mail"),
            _("Company"),
            _("Job title"),
            _("Sector"),
            _("NACE section"),
            _("English level"),
            _("Can host a table"),
            _("Status"),
            _("Waiting list position"),
            _("Language"),
            _("Registered on"),
        ],
    )
    for row in rows:
        registration = row.registration
        registered: datetime = registration.created_at.astimezone(tz)
        sheet.rows.append(
            [
                registration.last_name,
                registration.first_name,
                registration.email,
                registration.company,
                registration.job_title,
                str(registration.sector.label),
                registration.sector.nace_section,
                registration.level.value,
                _("yes") if registration.can_host else _("no"),
                str(registration.status.label),
                row.position,
                registration.locale,
                registered,
            ]
        )
    return sheet
