"""How a session takes place."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class SessionFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return str(_LABELS[self])

    @property
    def has_venue(self) -> bool:
        return self is not SessionFormat.ONLINE

    @property
    def has_video_link(self) -> bool:
        return self is not SessionFormat.IN_PERSON


_LABELS = {
    SessionFormat.IN_PERSON: _l("In person"),
    SessionFormat.ONLINE: _l("Online"),
    SessionFormat.HYBRID: _l("In person and online"),
}
