"""What an attendee says after a session about their table's level."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class TableFit(StrEnum):
    TOO_EASY = "too_easy"
    RIGHT = "right"
    TOO_HARD = "too_hard"

    @property
    def label(self) -> str:
        return str(_TABLE_FIT_LABELS[self])


_TABLE_FIT_LABELS = {
    TableFit.TOO_EASY: _l("Too easy for me"),
    TableFit.RIGHT: _l("About right"),
    TableFit.TOO_HARD: _l("Too hard for me"),
}
