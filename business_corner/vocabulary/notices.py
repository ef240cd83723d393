"""What an outbox message is about: one code per kind of mail, shown to organisers by label."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Notice(StrEnum):
    # To an attendee, about their registration.
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    ALREADY_REGISTERED = "already_registered"
    REGISTRATION_CANCELLED = "registration_cancelled"
    SESSION_UPDATED = "session_updated"
    SESSION_CANCELLED = "session_cancelled"
    REMINDER = "reminder"
    TABLE_SCHEDULE = "table_schedule"
    #: An organiser's own message to a session's attendees (``AttendeeMessage``).
    ATTENDEE_MESSAGE = "attendee_message"
    # To a future or current organiser, about their account.
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a code, not a secret
    #: Confirm-or-release: "still coming?", and the seat given away for want of an answer.
    STILL_COMING = "still_coming"
    SEAT_RELEASED = "seat_released"
    # To any address, about nothing but the mail set-up (``flask send-test-mail``).
    MAIL_CHECK = "mail_check"
    # To a tandem member (no registration: the row carries address, name and language).
    TANDEM_CONFIRM = "tandem_confirm"
    TANDEM_LINK = "tandem_link"
    TANDEM_INVITE = "tandem_invite"
    TANDEM_CANCELLED = "tandem_cancelled"
    TANDEM_FOLLOW_UP = "tandem_follow_up"
    TANDEM_PAUSED = "tandem_paused"
    # To a follower of a chapter or a series (no registration: the row carries address and
    # language): confirm the address (double opt-in), then one mail per publication.
    FOLLOW_CONFIRM = "follow_confirm"
    NEW_DATES = "new_dates"
    #: "I lost my link": every coming registration of an address, with its personal link.
    MY_LINKS = "my_links"
    #: After the session: the feedback form (the day after, once), and the contact details
    #: of someone who chose the attendee as they chose them (only on that mutual choice).
    FEEDBACK_REQUEST = "feedback_request"
    CONTACT_EXCHANGE = "contact_exchange"

    @property
    def about_a_registration(self) -> bool:
        return self not in _NOT_ABOUT_A_REGISTRATION and not self.about_a_tandem

    @property
    def about_a_tandem(self) -> bool:
        return self.value.startswith("tandem_")

    @property
    def label(self) -> str:
        return str(_NOTICE_LABELS[self])


_NOT_ABOUT_A_REGISTRATION = frozenset(
    {
        Notice.INVITATION,
        Notice.PASSWORD_RESET,
        Notice.MAIL_CHECK,
        Notice.FOLLOW_CONFIRM,
        Notice.NEW_DATES,
        Notice.MY_LINKS,
    }
)

_NOTICE_LABELS = {
    Notice.CONFIRMED: _l("Place confirmed"),
    Notice.WAITLISTED: _l("On the waiting list"),
    Notice.PROMOTED: _l("Moved up from the waiting list"),
    Notice.ALREADY_REGISTERED: _l("Already registered"),
    Notice.REGISTRATION_CANCELLED: _l("Registration cancelled"),
    Notice.SESSION_UPDATED: _l("Session changed"),
    Notice.SESSION_CANCELLED: _l("Session cancelled"),
    Notice.REMINDER: _l("Reminder"),
    Notice.TABLE_SCHEDULE: _l("Conversation tables"),
    Notice.ATTENDEE_MESSAGE: _l("Message from the organisers"),
    Notice.INVITATION: _l("Invitation to the team"),
    Notice.PASSWORD_RESET: _l("Password reset"),
    Notice.STILL_COMING: _l("Still coming?"),
    Notice.SEAT_RELEASED: _l("Seat released"),
    Notice.MAIL_CHECK: _l("Mail set-up check"),
    Notice.TANDEM_CONFIRM: _l("Tandems: confirm the address"),
    Notice.TANDEM_LINK: _l("Tandems: personal link"),
    Notice.TANDEM_INVITE: _l("Tandem invitation"),
    Notice.TANDEM_CANCELLED: _l("Tandem cancelled"),
    Notice.TANDEM_FOLLOW_UP: _l("Tandem: did it happen?"),
    Notice.TANDEM_PAUSED: _l("Tandems paused after two missed conversations"),
    Notice.FOLLOW_CONFIRM: _l("Following: confirm the address"),
    Notice.NEW_DATES: _l("Following: new dates"),
    Notice.MY_LINKS: _l("Personal links sent again"),
    Notice.FEEDBACK_REQUEST: _l("How was the session?"),
    Notice.CONTACT_EXCHANGE: _l("Contact details exchanged"),
}
