"""Whom an organiser's message to a session's attendees goes to."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from business_corner.vocabulary.statuses import RegistrationStatus


class Audience(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    ALL = "all"
    #: Confirmed attendees checked in (at the door, by a scanned ticket, online): offered
    #: once check-in has started at the session.
    CHECKED_IN = "checked_in"

    @property
    def label(self) -> str:
        return str(_AUDIENCE_LABELS[self])

    @property
    def statuses(self) -> tuple[RegistrationStatus, ...]:
        """The registrations it reaches (never cancelled ones: those people left)."""
        if self in (Audience.CONFIRMED, Audience.CHECKED_IN):
            return (RegistrationStatus.CONFIRMED,)
        if self is Audience.WAITLISTED:
            return (RegistrationStatus.WAITLISTED,)
        return (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


_AUDIENCE_LABELS = {
    Audience.CONFIRMED: _l("People with a confirmed place"),
    Audience.WAITLISTED: _l("People on the waiting list"),
    Audience.ALL: _l("Everyone registered (confirmed and waiting)"),
    Audience.CHECKED_IN: _l("People checked in (who came)"),
}
