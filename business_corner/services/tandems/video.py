"""Where a tandem's conversation happens: the configured base address and the room name."""

from __future__ import annotations

from business_corner.models import Tandem


def video_url(base: str, tandem: Tandem) -> str:
    """``TANDEM_VIDEO_BASE_URL`` followed by the tandem's unguessable room name."""
    return f"{base}{tandem.room}"
