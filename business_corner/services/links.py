"""The addresses services put in what leaves the site (mail, invites, feeds).

Services know which page they mean, not how the site routes it: the web side passes in an
object with these methods, built from the one configured site address (``PUBLIC_URL``).
"""

from __future__ import annotations

from typing import Protocol


class Links(Protocol):
    #: The site's address, which every link starts with (part of what caches key on).
    site: str

    def session_page(self, event_id: int) -> str:
        """The public page of a session."""
        ...

    def session_ics(self, event_id: int) -> str:
        """A session as a calendar file to import."""
        ...

    def manage(self, registration_id: int) -> str:
        """The attendee's own page for a registration (a signed link)."""
        ...

    def check_in(self, registration_id: int) -> str:
        """The address in the attendee's ticket (QR code): organisers of the session check
        them in there (a signed link, another purpose than ``manage``)."""
        ...
