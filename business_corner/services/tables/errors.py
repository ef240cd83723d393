"""What an organiser can ask for that cannot be planned, said in their language."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from business_corner.services.errors import DomainError


class TablePlanError(DomainError):
    """The table plan cannot be made as asked; each kind says why in ``explanation``."""

    explanation: LazyString = _l("This table plan cannot be made.")

    def __init__(self, explanation: LazyString | None = None) -> None:
        super().__init__(explanation or self.explanation)


class NoGuests(TablePlanError):
    explanation = _l("There is nobody to seat yet.")


class TooFewGuests(TablePlanError):
    explanation = _l("A conversation table needs at least two people.")


class NoRounds(TablePlanError):
    explanation = _l("A table plan needs at least one round.")


class NoTables(TablePlanError):
    explanation = _l("A table plan needs at least one table.")


class TooFewSeats(TablePlanError):
    explanation = _l("A table needs at least two seats.")


class TablesOrSeats(TablePlanError):
    """Both counts were given: which one wins would be a guess."""

    explanation = _l("Give either the number of tables or the seats per table, not both.")


class StartedRoundsOutOfRange(TablePlanError):
    def __init__(self, rounds: int) -> None:
        super().__init__(
            _l(
                "The number of rounds already started must be between 0 and %(rounds)s.",
                rounds=rounds,
            )
        )
