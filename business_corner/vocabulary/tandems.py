"""Tandems: how often a member wants one, the life of a member and of one conversation."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class TandemFrequency(StrEnum):
    EVERY_ROUND = "every_round"
    EVERY_OTHER_ROUND = "every_other_round"
    PAUSED = "paused"

    @property
    def label(self) -> str:
        return str(_FREQUENCY_LABELS[self])


class MemberStatus(StrEnum):
    #: Signed up; the address is not confirmed yet, so the member is never paired.
    PENDING = "pending"
    ACTIVE = "active"
    #: Left the programme: personal data erased, the row kept for the organisers' counts.
    LEFT = "left"

    @property
    def label(self) -> str:
        return str(_STATUS_LABELS[self])


class RoundStatus(StrEnum):
    #: Proposed by the planner, reviewed by an organiser; nobody has been told.
    PROPOSED = "proposed"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return str(_ROUND_LABELS[self])


class TandemState(StrEnum):
    PROPOSED = "proposed"
    #: Published: both members have the invitation.
    SCHEDULED = "scheduled"
    #: One of the two declined; both calendars got the CANCEL.
    DECLINED = "declined"
    #: An organiser dropped it after publishing.
    CANCELLED = "cancelled"
    #: After the slot, someone said it happened.
    HELD = "held"
    #: After the slot, it did not happen (a no-show is recorded on the side that missed it).
    MISSED = "missed"

    @property
    def label(self) -> str:
        return str(_STATE_LABELS[self])

    @property
    def is_live(self) -> bool:
        """Still in both calendars: the conversation is to come (or its outcome unknown)."""
        return self in {TandemState.PROPOSED, TandemState.SCHEDULED}


class TandemReport(StrEnum):
    """A member's answer to "did it happen?"."""

    HELD = "held"
    PARTNER_ABSENT = "partner_absent"
    I_WAS_ABSENT = "i_was_absent"

    @property
    def label(self) -> str:
        return str(_REPORT_LABELS[self])


_FREQUENCY_LABELS = {
    TandemFrequency.EVERY_ROUND: _l("Every round (about every two weeks)"),
    TandemFrequency.EVERY_OTHER_ROUND: _l("Every other round"),
    TandemFrequency.PAUSED: _l("Paused for now"),
}

_STATUS_LABELS = {
    MemberStatus.PENDING: _l("Address not confirmed yet"),
    MemberStatus.ACTIVE: _l("Active"),
    MemberStatus.LEFT: _l("Left"),
}

_ROUND_LABELS = {
    RoundStatus.PROPOSED: _l("Proposal, not sent"),
    RoundStatus.PUBLISHED: _l("Published"),
}

_STATE_LABELS = {
    TandemState.PROPOSED: _l("Proposed"),
    TandemState.SCHEDULED: _l("Scheduled"),
    TandemState.DECLINED: _l("Declined"),
    TandemState.CANCELLED: _l("Cancelled"),
    TandemState.HELD: _l("Held"),
    TandemState.MISSED: _l("Did not happen"),
}

_REPORT_LABELS = {
    TandemReport.HELD: _l("Yes, we talked"),
    TandemReport.PARTNER_ABSENT: _l("No, my partner did not come"),
    TandemReport.I_WAS_ABSENT: _l("No, I could not make it"),
}
