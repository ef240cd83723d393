"""E-mail addresses: validated and normalised once, the same way everywhere."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from business_corner.services.errors import DomainError


class InvalidAddress(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("Please enter a valid e-mail address, such as name@company.com."))


def normalise_address(raw: str) -> str:
    """The canonical form of an address: Unicode-normalised and lower-cased.

    The local part is case-sensitive in theory only; lower-casing it means "Ana@x.fr" and
    "ana@x.fr" are one attendee. Deliverability (DNS) is not checked: sign-up must not
    depend on the network.
    """
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise InvalidAddress() from error
