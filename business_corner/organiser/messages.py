"""What the organiser pages say after an action that counts people, with the right plural
in each language (French treats 0 and 1 as singular, English only 1)."""

from __future__ import annotations

from flask_babel import gettext, ngettext


def moved_up(count: int) -> str:
    return ngettext(
        "%(num)s person moved up from the waiting list and was told by e-mail.",
        "%(num)s people moved up from the waiting list and were told by e-mail.",
        count,
    )


def told_of_cancellation(count: int) -> str:
    return ngettext(
        "The session is cancelled. %(num)s person is being told by e-mail.",
        "The session is cancelled. %(num)s people are being told by e-mail.",
        count,
    )


def told_their_tables(count: int) -> str:
    return ngettext(
        "%(num)s attendee is being told their tables by e-mail.",
        "%(num)s attendees are being told their tables by e-mail.",
        count,
    )


def series_dates_changed(kept: int, moved: int, cancelled: int, added: int) -> str:
    """After a series' new rule: each number with its own plural, then who was told."""
    counts = ", ".join(
        [
            ngettext("%(num)s date kept", "%(num)s dates kept", kept),
            ngettext("%(num)s date moved", "%(num)s dates moved", moved),
            ngettext("%(num)s date cancelled", "%(num)s dates cancelled", cancelled),
            ngettext("%(num)s date added", "%(num)s dates added", added),
        ]
    )
    return gettext(
        "%(counts)s. Attendees of the dates moved or cancelled are told by e-mail.",
        counts=counts,
    )
