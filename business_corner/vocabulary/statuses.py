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
