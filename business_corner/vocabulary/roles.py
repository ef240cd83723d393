"""What an organiser may do in their chapter."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Role(StrEnum):
    #: Everything staff do, plus the team (invitations, roles, deactivation) and the audit trail.
    ADMIN = "admin"
    #: Sessions, attendees, tables and messages to attendees; not the team.
    STAFF = "staff"

    @property
    def label(self) -> str:
        return str(_ROLE_LABELS[self])

    @property
    def manages_team(self) -> bool:
        return self is Role.ADMIN


_ROLE_LABELS = {
    Role.ADMIN: _l("Chapter admin"),
    Role.STAFF: _l("Staff"),
}
