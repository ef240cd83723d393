"""E-mail addresses: validated and normalised once, the same way everywhere."""

from __future__ import annotations

from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from business_corner.services.errors import DomainError


class InvalidAddress(DomainError):
    def __init__(self, message: LazyString | None = None) -> None:
        super().__init__(
            message or _l("Please enter a valid e-mail address, such as name@company.com.")
        )


# The form and then the service normalise the same address in one request; a few recent
# answers per worker spare the second validation (nothing here outlives the process).
@lru_cache(maxsize=64)
def normalise_address(raw: str) -> str:
    """The canonical, deliverable form of an address: ASCII and lower-case.

    The local part is case-sensitive in theory only; lower-casing it means "Ana@x.fr" and
    "ana@x.fr" are one attendee. An internationalised domain is kept in its ASCII (IDNA)
    form, which every mail server accepts. Accented characters before the @ need SMTPUTF8,
    which too many servers still refuse: such addresses are declined with a clear message
    rather than accepted and never delivered. Deliverability (DNS) is not checked: sign-up
    must not depend on the network.
    """
    text = raw.strip()
    try:
        ascii_email = validate_email(
            text, check_deliverability=False, allow_smtputf8=False
        ).ascii_email
    except EmailNotValidError as error:
        local = text.rpartition("@")[0]
        if local and not local.isascii():
            raise InvalidAddress(
                _l(
                    "We cannot send e-mail to an address with accents or other special "
                    "characters before the @. Please use another address."
                )
            ) from error
        raise InvalidAddress() from error
    # Without SMTPUTF8 every accepted address has an ASCII form; the check states it for mypy.
    if ascii_email is None:
        raise InvalidAddress()
    return ascii_email.lower()
