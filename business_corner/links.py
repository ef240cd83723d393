"""Absolute links for messages that leave the site (e-mail, calendars).

They are built from ``PUBLIC_URL``, never from the request's Host header, which a client
controls: a forged Host must not end up in a manage link sent to someone's inbox.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values: Any) -> str:
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)
