"""CEFR English levels, with their official names and an "I can…" line to self-assess."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Level(StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"

    @property
    def label(self) -> str:
        """The official CEFR name of the level (Breakthrough / Découverte …)."""
        return str(_NAMES[self])

    @property
    def can_do(self) -> str:
        """One line an attendee reads to recognise their own level."""
        return str(_CAN_DO[self])

    @property
    def rank(self) -> int:
        """0 for A1 up to 5 for C2: the distance between levels is counted in steps."""
        return _RANKS[self]


# Looked up while reading every session row and while planning tables: a dict, not a scan.
_RANKS = {level: rank for rank, level in enumerate(Level)}

_NAMES = {
    Level.A1: _l("Breakthrough"),
    Level.A2: _l("Waystage"),
    Level.B1: _l("Threshold"),
    Level.B2: _l("Vantage"),
    Level.C1: _l("Effective operational proficiency"),
    Level.C2: _l("Mastery"),
}

_CAN_DO = {
    Level.A1: _l("I understand and use very basic everyday phrases."),
    Level.A2: _l("I handle simple, routine exchanges about familiar topics."),
    Level.B1: _l("I can deal with most work situations if people speak clearly."),
    Level.B2: _l("I take part in meetings and discussions with some fluency."),
    Level.C1: _l("I express myself fluently in complex professional situations."),
    Level.C2: _l("I understand virtually everything and speak with precision."),
}
