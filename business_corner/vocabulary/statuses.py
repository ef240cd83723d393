"""Life cycles of sessions and registrations."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class SessionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return str(_SESSION_LABELS[self])


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return str(_REGISTRATION_LABELS[self])


class Attendance(StrEnum):
    """Whether someone with a seat came: not known yet, present, or a no-show."""

    EXPECTED = "expected"
    PRESENT = "present"
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        return str(_ATTENDANCE_LABELS[self])


class StillComing(StrEnum):
    """Confirm-or-release, as organisers see it for one attendee."""

    NOT_ASKED = "not_asked"
    WAITING = "waiting"
    CONFIRMED = "confirmed"
    RELEASED = "released"

    @property
    def label(self) -> str:
        return str(_STILL_COMING_LABELS[self])


_SESSION_LABELS = {
    SessionStatus.DRAFT: _l("Draft"),
    SessionStatus.PUBLISHED: _l("Published"),
    SessionStatus.CANCELLED: _l("Cancelled"),
}

_REGISTRATION_LABELS = {
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.WAITLISTED: _l("Waiting list"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}

_ATTENDANCE_LABELS = {
    Attendance.EXPECTED: _l("Not checked in"),
    Attendance.PRESENT: _l("Checked in"),
    Attendance.NO_SHOW: _l("No-show"),
}

_STILL_COMING_LABELS = {
    StillComing.NOT_ASKED: _l("Not asked yet"),
    StillComing.WAITING: _l("No answer yet"),
    StillComing.CONFIRMED: _l("Confirmed they are coming"),
    StillComing.RELEASED: _l("Seat released"),
}
