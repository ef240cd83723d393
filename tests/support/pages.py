"""Comparing pages: two answers that must be the same, but for their CSRF tokens."""

from __future__ import annotations

import re

_TOKEN = re.compile(r'((?:csrf[^>]*?)(?:value|content)=")[^"]*"')


def without_tokens(response) -> str:
    """The page with every CSRF token blanked (a token carries the time it was signed)."""
    return _TOKEN.sub(r'\1"', response.get_data(as_text=True))
