"""E-mail addresses: validated and normalised once, the same way everywhere."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from business_corner.services.errors import DomainError


class InvalidAddress(DomainError):
    def __init__(self, message: LazyString | None = None) -> None:
        super().__init__(
            message or _l("Please enter a valid e-mail address, such as name@company.com.")
        )


class Address(str):
    """An address already in its canonical form: only ``normalise_address`` makes one.

    The form normalises what was typed (to show a mistake beside the field) and hands the
    result on; the service, given an ``Address``, does not validate it a second time.
    """

    __slots__ = ()


def normalise_address(raw: str) -> Address:
    """The canonical, deliverable form of an address: ASCII and lower-case.

    The local part is case-sensitive in theory only; lower-casing it means "Ana@x.fr" and
    "ana@x.fr" are one attendee. An internationalised domain is kept in its ASCII (IDNA)
    form, which every mail server accepts. Accented characters before the @ need SMTPUTF8,
    which too many servers still refuse: such addresses are declined with a clear message
    rather than accepted and never delivered. Deliverability (DNS) is not checked: sign-up
    must not depend on the network.

    An ``Address`` comes back as it is: it was normalised when it was made.
    """
    if isinstance(raw, Address):
        return raw
    text = raw.strip()
    try:
        validated = validate_email(text, check_deliverability=False, allow_smtputf8=False)
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
    # Without SMTPUTF8 an address is refused unless it has an ASCII form.
    assert validated.ascii_email is not None  # noqa: S101 - states it for mypy
    return Address(validated.ascii_email.lower())
