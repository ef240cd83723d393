"""What the audit trail records: one code per kind of organiser action, shown by label.

Other features add their own members here and call ``services.audit.record`` once, in the
transaction of the change they record.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class AuditAction(StrEnum):
    # Sessions.
    SESSION_CREATED = "session_created"
    SESSION_EDITED = "session_edited"
    CAPACITY_CHANGED = "capacity_changed"
    SESSION_PUBLISHED = "session_published"
    SESSION_CANCELLED = "session_cancelled"
    DRAFT_DELETED = "draft_deleted"
    # Series.
    SERIES_CREATED = "series_created"
    SERIES_PUBLISHED = "series_published"
    SERIES_EDITED_FROM = "series_edited_from"
    SERIES_RULE_CHANGED = "series_rule_changed"
    SERIES_DATE_ADDED = "series_date_added"
    HOSTS_CHANGED = "hosts_changed"
    # Attendees and tables.
    ATTENDEES_EXPORTED = "attendees_exported"
    CONFIRM_OR_RELEASE_SWITCHED = "confirm_or_release"
    CHECKED_IN = "checked_in"
    CHECK_IN_UNDONE = "check_in_undone"
    TABLES_PLANNED = "tables_planned"
    WALK_IN_ADDED = "walk_in_added"
    TABLES_EXPORTED = "tables_exported"
    CERTIFICATES_EXPORTED = "certificates_exported"
    TABLES_SENT = "tables_sent"
    MESSAGE_SENT = "message_sent"
    # Mail and the private feed.
    MAIL_RETRIED = "mail_retried"
    FEED_ROTATED = "feed_rotated"
    # The team.
    MEMBER_INVITED = "member_invited"
    INVITATION_RESENT = "invitation_resent"
    INVITATION_REVOKED = "invitation_revoked"
    MEMBER_JOINED = "member_joined"
    ROLE_CHANGED = "role_changed"
    MEMBER_DEACTIVATED = "member_deactivated"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 - an action code, not a secret
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a code, not a secret
    # Tandem rounds.
    TANDEM_ROUND_PROPOSED = "tandem_round_proposed"
    TANDEM_PAIRS_SWAPPED = "tandem_pairs_swapped"
    TANDEM_PAIR_DROPPED = "tandem_pair_dropped"
    TANDEM_ROUND_PUBLISHED = "tandem_round_published"
    TANDEM_ROUND_DISCARDED = "tandem_round_discarded"

    @property
    def label(self) -> str:
        return str(_ACTION_LABELS[self])


class AuditSubject(StrEnum):
    """What kind of record an entry is about; with its id, that identifies the record."""

    SESSION = "session"
    SERIES = "series"
    REGISTRATION = "registration"
    WALK_IN = "walk_in"
    MESSAGE = "message"
    OUTBOX_MESSAGE = "outbox_message"
    ORGANISER = "organiser"
    INVITATION = "invitation"
    TANDEM_ROUND = "tandem_round"
    TANDEM = "tandem"

    @property
    def label(self) -> str:
        return str(_SUBJECT_LABELS[self])


_ACTION_LABELS = {
    AuditAction.SESSION_CREATED: _l("Session created"),
    AuditAction.SESSION_EDITED: _l("Session edited"),
    AuditAction.CAPACITY_CHANGED: _l("Capacity changed"),
    AuditAction.SESSION_PUBLISHED: _l("Session published"),
    AuditAction.SESSION_CANCELLED: _l("Session cancelled"),
    AuditAction.DRAFT_DELETED: _l("Draft deleted"),
    AuditAction.SERIES_CREATED: _l("Series created"),
    AuditAction.SERIES_PUBLISHED: _l("Series published"),
    AuditAction.SERIES_EDITED_FROM: _l("Series edited from a date on"),
    AuditAction.SERIES_RULE_CHANGED: _l("Series dates changed"),
    AuditAction.SERIES_DATE_ADDED: _l("Date added to a series"),
    AuditAction.HOSTS_CHANGED: _l("Co-hosts changed"),
    AuditAction.ATTENDEES_EXPORTED: _l("Attendee list exported"),
    AuditAction.CONFIRM_OR_RELEASE_SWITCHED: _l("Confirm-or-release switched on or off"),
    AuditAction.CHECKED_IN: _l("Checked in at the door"),
    AuditAction.CHECK_IN_UNDONE: _l("Check-in undone"),
    AuditAction.TABLES_PLANNED: _l("Tables planned"),
    AuditAction.WALK_IN_ADDED: _l("Walk-in added"),
    AuditAction.TABLES_EXPORTED: _l("Table plan exported"),
    AuditAction.CERTIFICATES_EXPORTED: _l("Certificates of attendance downloaded"),
    AuditAction.TABLES_SENT: _l("Tables sent to attendees"),
    AuditAction.MESSAGE_SENT: _l("Message sent to attendees"),
    AuditAction.MAIL_RETRIED: _l("Failed mail retried"),
    AuditAction.FEED_ROTATED: _l("Private feed address replaced"),
    AuditAction.MEMBER_INVITED: _l("Colleague invited"),
    AuditAction.INVITATION_RESENT: _l("Invitation sent again"),
    AuditAction.INVITATION_REVOKED: _l("Invitation revoked"),
    AuditAction.MEMBER_JOINED: _l("Joined the team"),
    AuditAction.ROLE_CHANGED: _l("Role changed"),
    AuditAction.MEMBER_DEACTIVATED: _l("Member deactivated"),
    AuditAction.PASSWORD_CHANGED: _l("Password changed"),
    AuditAction.PASSWORD_RESET: _l("Password reset by e-mail"),
    AuditAction.TANDEM_ROUND_PROPOSED: _l("Tandem round proposed"),
    AuditAction.TANDEM_PAIRS_SWAPPED: _l("Tandem partners swapped"),
    AuditAction.TANDEM_PAIR_DROPPED: _l("Tandem pair dropped"),
    AuditAction.TANDEM_ROUND_PUBLISHED: _l("Tandem round published"),
    AuditAction.TANDEM_ROUND_DISCARDED: _l("Tandem proposal discarded"),
}

_SUBJECT_LABELS = {
    AuditSubject.SESSION: _l("Session"),
    AuditSubject.SERIES: _l("Series"),
    AuditSubject.REGISTRATION: _l("Registration"),
    AuditSubject.WALK_IN: _l("Walk-in"),
    AuditSubject.MESSAGE: _l("Message to attendees"),
    AuditSubject.OUTBOX_MESSAGE: _l("E-mail"),
    AuditSubject.ORGANISER: _l("Team member"),
    AuditSubject.INVITATION: _l("Invitation"),
    AuditSubject.TANDEM_ROUND: _l("Tandem round"),
    AuditSubject.TANDEM: _l("Tandem"),
}
