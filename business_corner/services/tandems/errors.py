"""What cannot be done with tandems, said in the reader's language."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from business_corner.services.errors import DomainError


class TandemError(DomainError):
    """A tandem rule refused the action."""


class UnreadableHours(TandemError):
    def __init__(self, part: str, problem: LazyString) -> None:
        super().__init__(
            _l(
                "Hours %(part)s cannot be read: %(problem)s. Write days then times, for "
                "example: mon-thu 17:00-19:30; fri 08:00-10:00.",
                part=repr(part),
                problem=problem,
            )
        )
        self.part = part


class NoUsableHour(TandemError):
    def __init__(self) -> None:
        super().__init__(_l("Give at least one range of 30 minutes or more."))


class EmptyPeriod(TandemError):
    def __init__(self) -> None:
        super().__init__(_l("A round lasts between 1 and 60 days."))
