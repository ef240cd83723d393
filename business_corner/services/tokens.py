"""Signed, expiring links that let an attendee manage a registration without an account.

Each purpose has its own salt, so a token made for one use is refused for another. The
web side builds one ``LinkSigner`` from the app's secret key and passes it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer

from business_corner.services.errors import DomainError

MANAGE_REGISTRATION = "business-corner/manage-registration"
ORGANISER_FEED = "business-corner/organiser-feed"
#: A tandem member's personal link (confirm the address, change everything, leave).
TANDEM_MEMBER = "business-corner/tandem-member"
INVITATION = "business-corner/invitation"
PASSWORD_RESET = "business-corner/password-reset"  # noqa: S105 - a salt name, not a secret
#: A follower's links: confirm the address, and unsubscribe (one-click, RFC 8058).
FOLLOWER = "business-corner/follower"

#: An invitation's link works this long after its latest sending.
INVITATION_MAX_AGE = timedelta(days=7)
#: A password reset link works this long after it was made.
PASSWORD_RESET_MAX_AGE = timedelta(hours=1)


class TokenExpired(Exception):
    """Signed by us, for this purpose, but older than its purpose allows."""


class TokenInvalid(Exception):
    """Not signed by us, or for another purpose, or not the shape this purpose makes."""


#: The attendee's ticket: what their QR code holds. Only an organiser of the session can do
#: anything with it, and a manage token is refused in its place (and the other way round).
CHECK_IN = "business-corner/check-in"


class ExpiredLink(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l("This link has expired. The latest e-mail about your registration has a new one.")
        )


class InvalidLink(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("This link is not valid. Please use the link from your e-mail."))


@dataclass(frozen=True)
class LinkSigner:
    secret_key: str
    manage_max_age_days: int = 365

    def _timed(self, purpose: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret_key, salt=purpose)

    def make_manage_token(self, registration_id: int) -> str:
        return self._timed(MANAGE_REGISTRATION).dumps(registration_id)

    def read_manage_token(self, token: str) -> int:
        """The registration id in a manage token, or ``ExpiredLink`` / ``InvalidLink``."""
        return self._read_id(MANAGE_REGISTRATION, token)

    def make_check_in_token(self, registration_id: int) -> str:
        """The secret part of an attendee's check-in address (their QR code): one per
        registration, signed, so nobody can make up another attendee's."""
        return self._timed(CHECK_IN).dumps(registration_id)

    def read_check_in_token(self, token: str) -> int:
        """The registration id in a check-in token, or ``ExpiredLink`` / ``InvalidLink``."""
        return self._read_id(CHECK_IN, token)

    def make_tandem_token(self, member_id: int) -> str:
        return self._timed(TANDEM_MEMBER).dumps(member_id)

    def read_tandem_token(self, token: str) -> int:
        """The member id in a tandem member's link, or ``ExpiredLink`` / ``InvalidLink``.
        Every message to a member carries a fresh link, so it expires like a manage link."""
        return self._read_id(TANDEM_MEMBER, token)

    def make_follower_token(self, follower_id: int) -> str:
        return self._timed(FOLLOWER).dumps(follower_id)

    def read_follower_token(self, token: str) -> int:
        """The follower id in a follower's link, or ``ExpiredLink`` / ``InvalidLink``.
        Every announcement carries a fresh one, so it expires like a manage link."""
        return self._read_id(FOLLOWER, token)

    def _read_id(self, purpose: str, token: str) -> int:
        max_age = self.manage_max_age_days * 24 * 3600
        try:
            value = self._timed(purpose).loads(token, max_age=max_age)
        except SignatureExpired as error:
            raise ExpiredLink() from error
        except BadSignature as error:
            raise InvalidLink() from error
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidLink()
        return value

    def _read_timed(self, purpose: str, token: str, max_age: timedelta) -> Any:
        try:
            return self._timed(purpose).loads(token, max_age=int(max_age.total_seconds()))
        except SignatureExpired as error:
            raise TokenExpired() from error
        except BadSignature as error:
            raise TokenInvalid() from error

    def make_invitation_token(self, invitation_id: int, nonce: str) -> str:
        return self._timed(INVITATION).dumps([invitation_id, nonce])

    def read_invitation_token(self, token: str) -> tuple[int, str]:
        """(invitation id, nonce), or ``TokenExpired`` / ``TokenInvalid``."""
        return _id_and_text(self._read_timed(INVITATION, token, INVITATION_MAX_AGE))

    def make_password_reset_token(self, organiser_id: int, fingerprint: str) -> str:
        """``fingerprint`` changes with the password (see ``services.password_reset``), so
        the link works once: the new password makes it point nowhere."""
        return self._timed(PASSWORD_RESET).dumps([organiser_id, fingerprint])

    def read_password_reset_token(self, token: str) -> tuple[int, str]:
        """(organiser id, password fingerprint), or ``TokenExpired`` / ``TokenInvalid``."""
        return _id_and_text(self._read_timed(PASSWORD_RESET, token, PASSWORD_RESET_MAX_AGE))

    def make_feed_token(self, organiser_id: int, version: int) -> str:
        """The secret part of an organiser's private feed URL.

        It does not expire (calendars poll it for years); rotating raises ``version``, which
        makes every earlier token point nowhere.
        """
        return URLSafeSerializer(self.secret_key, salt=ORGANISER_FEED).dumps(
            [organiser_id, version]
        )

    def read_feed_token(self, token: str) -> tuple[int, int]:
        """(organiser id, feed version) from a feed token, or ``InvalidLink``."""
        try:
            value = URLSafeSerializer(self.secret_key, salt=ORGANISER_FEED).loads(token)
        except BadSignature as error:
            raise InvalidLink() from error
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(part, int) and not isinstance(part, bool) for part in value)
        ):
            raise InvalidLink()
        return value[0], value[1]


def _id_and_text(value: Any) -> tuple[int, str]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or isinstance(value[0], bool)
        or not isinstance(value[1], str)
    ):
        raise TokenInvalid()
    return value[0], value[1]
