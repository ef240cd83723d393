"""What an update mail says changed: each changed value as it was and as it is now.

The outbox row keeps the values from before the change (``services.sessions``); the new
values are the session's when the mail is written out, so a later change shows too.
Formatted in the reader's language: call it inside ``force_locale``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from business_corner.formatting import format_clock, format_day_and_clock
from business_corner.models import EventSession
from business_corner.services.notifications import Change
from business_corner.vocabulary import SessionFormat


@dataclass(frozen=True)
class ChangedValue:
    """One changed field; ``old`` is empty when it was not known or not to be shown."""

    change: Change
    old: str
    new: str


def changed_values(
    changes: Sequence[Change],
    before: Mapping[str, object],
    event: EventSession,
    *,
    link_shown: bool,
) -> list[ChangedValue]:
    """Old → new for each change. A meeting link is written only to those who may see it
    (``link_shown``): to the others, the mail only says it changed."""
    values = []
    for change in changes:
        was = before.get(change.value)
        if change is Change.TIME:
            new = _times(event.starts_at, event.ends_at, event.timezone)
            old = ""
            if isinstance(was, dict):
                old = _times(
                    datetime.fromisoformat(was["starts_at"]),
                    datetime.fromisoformat(was["ends_at"]),
                    was["timezone"],
                )
                if was["timezone"] != event.timezone:
                    old = f"{old} ({was['timezone']})"
                    new = f"{new} ({event.timezone})"
            values.append(ChangedValue(change, old, new))
        elif change is Change.PLACE:
            values.append(ChangedValue(change, _text(was), event.venue))
        elif change is Change.FORMAT:
            known = {f.value: f for f in SessionFormat}
            old = str(known[was].label) if isinstance(was, str) and was in known else ""
            values.append(ChangedValue(change, old, str(event.format.label)))
        elif link_shown:
            values.append(ChangedValue(change, _text(was), event.video_url))
        else:
            values.append(ChangedValue(change, "", ""))
    return values


def _times(starts_at: datetime, ends_at: datetime, timezone: str) -> str:
    zone = ZoneInfo(timezone)
    return (
        f"{format_day_and_clock(starts_at.astimezone(zone))}–"
        f"{format_clock(ends_at.astimezone(zone))}"
    )


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
