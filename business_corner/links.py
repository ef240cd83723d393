"""Absolute links for what leaves the site (e-mail, calendars), from one configured address.

They are built from ``PUBLIC_URL``, never from the request's Host header, which a client
controls: a forged Host must not end up in a manage link sent to someone's inbox. Every
process (web workers, the mail sender, commands) reads it from the same configuration; a
process without it says so (``PublicAddressMissing``) rather than guessing an address.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app

from business_corner.services.tokens import LinkSigner

#: Where ``make run`` records the address it serves on, for every process it starts.
PUBLIC_URL_FILE = "public-url"


class PublicAddressMissing(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "PUBLIC_URL is not configured: links in mail would point nowhere. Set it in the "
            f"environment or instance/config.py (make run writes instance/{PUBLIC_URL_FILE})."
        )


def link_signer(app: Flask | None = None) -> LinkSigner:
    config = (app or current_app).config
    return LinkSigner(str(config["SECRET_KEY"]), int(config["MANAGE_LINK_MAX_AGE_DAYS"]))


class SiteLinks:
    """The services' ``Links``: route names stay on this side of the line."""

    def __init__(self, app: Flask) -> None:
        address = app.config.get("PUBLIC_URL")
        if not address:
            raise PublicAddressMissing()
        base = urlsplit(str(address))
        self._adapter = app.url_map.bind(
            base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
        )
        self._signer = link_signer(app)
        self.site = str(address)

    def url(self, endpoint: str, **values: Any) -> str:
        return self._adapter.build(endpoint, values, force_external=True)

    def session_page(self, event_id: int) -> str:
        return self.url("public.session_page", event_id=event_id)

    def session_ics(self, event_id: int) -> str:
        return self.url("calendar.session_ics", event_id=event_id)

    def manage(self, registration_id: int) -> str:
        return self.url(
            "registration.manage", token=self._signer.make_manage_token(registration_id)
        )

    def still_coming(self, registration_id: int) -> str:
        return self.url(
            "registration.still_coming", token=self._signer.make_manage_token(registration_id)
        )

    def feedback(self, registration_id: int) -> str:
        """The feedback form, reached with the attendee's own (manage) token."""
        return self.url(
            "registration.feedback", token=self._signer.make_manage_token(registration_id)
        )

    def certificate_check(self, code: str) -> str:
        """The public page that tells a third party a certificate is genuine."""
        return self.url("public.verify_certificate", code=code)

    def check_in(self, registration_id: int) -> str:
        return self.url("organiser.scan", token=self._signer.make_check_in_token(registration_id))


def site_links(app: Flask | None = None) -> SiteLinks:
    """The app's links, made once (the routes and the address do not change while it runs)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]  # the proxy's target
    links = app.extensions.get("site_links")
    if links is None:
        links = app.extensions["site_links"] = SiteLinks(app)
    return links


def public_url(endpoint: str, **values: Any) -> str:
    return site_links().url(endpoint, **values)
