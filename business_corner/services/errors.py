from __future__ import annotations

from flask_babel import LazyString


class DomainError(Exception):
    """A rule refused the action. ``message`` is translated when the view shows it."""

    def __init__(self, message: LazyString) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The thing does not exist, or does not exist for this actor."""
