"""Public pages and feed versions remembered for a few seconds by each worker.

When a newsletter sends thousands of people to the same pages at once, rendering the same
page for each of them is most of the work. Each worker keeps what it rendered for
``PAGE_CACHE_SECONDS`` (5 by default): seat counts on listings may lag that long, never the
seat allocation itself, which is decided under the seat lock. A worker forgets a session's
pages as soon as it changes them itself. Personal pages (manage, organiser) are never cached.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import Flask, current_app

T = TypeVar("T")
_MAX_ENTRIES = 512


class ShortLivedCache:
    def __init__(self) -> None:
        self._entries: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()

    def get_or_make(self, key: Hashable, seconds: float, make: Callable[[], T]) -> T:
        if seconds <= 0:
            return make()
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and entry[0] > now:
            return entry[1]  # type: ignore[return-value]  # what make() gave for this key
        value = make()
        self._entries[key] = (now + seconds, value)
        self._entries.move_to_end(key)
        while len(self._entries) > _MAX_ENTRIES:
            self._entries.popitem(last=False)
        return value

    def forget(self, matches: Callable[[Hashable], bool]) -> None:
        for key in [key for key in self._entries if matches(key)]:
            del self._entries[key]


def init_app(app: Flask) -> None:
    app.extensions["short_lived_cache"] = ShortLivedCache()
    # Where a remembered page keeps the place of each visitor's CSRF token. Content cannot
    # produce it: it is drawn at random in each process and never leaves it (visitors get
    # their token in its place), and it holds a raw "<", which escaped text never contains.
    app.extensions["visitor_token_slot"] = f"<visitor-token {secrets.token_hex(16)}>"


def _token_slot() -> str:
    slot: str = current_app.extensions["visitor_token_slot"]
    return slot


def keep_token_slot(page: str, token: str | None) -> str:
    """``page`` as rendered for one visitor, with their token replaced by the slot."""
    return page.replace(token, _token_slot()) if token else page


def fill_token_slot(page: str, token: str | None) -> str:
    """A remembered page with this visitor's own token in the slot."""
    return page.replace(_token_slot(), token) if token else page


def cache() -> ShortLivedCache:
    short_lived: ShortLivedCache = current_app.extensions["short_lived_cache"]
    return short_lived


def page_seconds() -> float:
    return float(current_app.config["PAGE_CACHE_SECONDS"])


def forget_session_pages(event_id: int) -> None:
    """This worker changed a session: its next visitors see the change at once."""
    cache().forget(
        lambda key: (
            (isinstance(key, tuple) and key[:1] == ("home",))
            or (isinstance(key, tuple) and key[:2] == ("session", event_id))
        )
    )
