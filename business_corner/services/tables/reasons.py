"""Why a plan falls short of a rule, kept as data so that it can be stored and translated.

A reason is a code plus the numbers behind it (never a rendered sentence): stored plans stay
language-neutral, and each reader gets the sentence in their own language when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flask_babel import LazyString, lazy_ngettext
from flask_babel import lazy_gettext as _l

from business_corner.vocabulary import Sector


class ReasonCode(StrEnum):
    FEWER_TABLES = "fewer_tables"
    NOT_ENOUGH_HOSTS = "not_enough_hosts"
    REPEATS_UNAVOIDABLE = "repeats_unavoidable"
    LEVELS_TOO_VARIED = "levels_too_varied"
    SECTOR_CROWDED = "sector_crowded"


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    #: The numbers (and, for a sector, its stable code) that the sentence quotes.
    values: Mapping[str, int | str] = field(default_factory=dict)

    @property
    def message(self) -> LazyString:
        return _MESSAGES[self.code](self.values)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code.value, "values": dict(self.values)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        return cls(ReasonCode(data["code"]), dict(data.get("values", {})))


def _fewer_tables(values: Mapping[str, Any]) -> LazyString:
    # Only one table may be possible (two or three people): a count through lazy_ngettext.
    return lazy_ngettext(
        "%(asked)s tables were asked for, but with %(people)s people only %(num)s can "
        "seat at least two each.",
        "%(asked)s tables were asked for, but with %(people)s people only %(num)s can "
        "seat at least two each.",
        values["tables"],
        asked=values["asked"],
        people=values["people"],
    )


# The sentences quote a count only where it is never 1, or through lazy_ngettext: a table
# plan can have a single table, and "at 1 tables" reads badly in both languages.


def _not_enough_hosts(values: Mapping[str, Any]) -> LazyString:
    if values["hosts"] == 0:
        return _l("Nobody present can host a table, so no table has a host.")
    return lazy_ngettext(
        "Only %(num)s host for %(tables)s tables: some tables have no host in each round.",
        "Only %(num)s hosts for %(tables)s tables: some tables have no host in each round.",
        values["hosts"],
        **values,
    )


def _repeats_unavoidable(values: Mapping[str, Any]) -> LazyString:
    return lazy_ngettext(
        "With %(people)s people over %(rounds)s rounds at tables this size, some must meet "
        "again: at least %(num)s repeated meeting.",
        "With %(people)s people over %(rounds)s rounds at tables this size, some must meet "
        "again: at least %(num)s repeated meetings.",
        values["minimum"],
        **values,
    )


def _levels_too_varied(values: Mapping[str, Any]) -> LazyString:
    return _l(
        "English levels are too varied for the number of tables: some table spans at "
        "least %(steps)s CEFR steps.",
        **values,
    )


def _sector_crowded(values: Mapping[str, Any]) -> LazyString:
    sector = Sector(values["sector"])
    # The label stays lazy so that it is translated with the sentence, when shown.
    label = LazyString(lambda: sector.label)
    return lazy_ngettext(
        "%(count)s people from %(sector)s cannot all sit at different tables: at least %(num)s "
        "pair from the same sector shares a table.",
        "%(count)s people from %(sector)s cannot all sit at different tables: at least %(num)s "
        "pairs from the same sector share a table.",
        values["minimum"],
        **{**values, "sector": label},
    )


_MESSAGES: dict[ReasonCode, Callable[[Mapping[str, Any]], LazyString]] = {
    ReasonCode.FEWER_TABLES: _fewer_tables,
    ReasonCode.NOT_ENOUGH_HOSTS: _not_enough_hosts,
    ReasonCode.REPEATS_UNAVOIDABLE: _repeats_unavoidable,
    ReasonCode.LEVELS_TOO_VARIED: _levels_too_varied,
    ReasonCode.SECTOR_CROWDED: _sector_crowded,
}
