"""Where a redirect may go: only to a path on this site (no open redirects)."""

from __future__ import annotations

from urllib.parse import urlsplit


def local_target(candidate: str | None, default: str) -> str:
    """``candidate`` if it is a path on this site, else ``default``."""
    if not candidate or not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return default
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc or any(ord(char) < 32 for char in candidate):
        return default
    return candidate
