"""Response headers that keep pages from being framed, sniffed or leaking where they came from."""

from __future__ import annotations

import hashlib
import hmac

from flask import Blueprint, Flask, Response, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def init_app(app: Flask) -> None:
    @app.after_request
    def set_security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        if response.mimetype == "text/html" and "Cache-Control" not in response.headers:
            # Pages carry forms with CSRF tokens and, for many, personal data: no browser
            # history cache or shared proxy may keep them.
            response.headers["Cache-Control"] = "no-store"
        return response


def never_cache(blueprint: Blueprint) -> None:
    """Every response of ``blueprint`` carries personal data: no cache may keep it."""

    @blueprint.after_request
    def _no_store(response: Response) -> Response:
        response.headers["Cache-Control"] = "no-store"
        return response


def address_rate_limit_key(address: str, secret: str | bytes) -> str:
    """The rate-limit key for an e-mail address: one per inbox, and worthless without the
    site's secret.

    ``jane+1@x`` and ``jane+2@x`` reach the same inbox, so they share one key. The key is an
    HMAC, not a plain hash: it ends up in Redis and in logs, and a plain hash of an address
    is found again by hashing a list of addresses.
    """
    text = address.strip().lower()[:254]
    local, at, domain = text.rpartition("@")
    if at and "+" in local[1:]:
        text = local[: local.index("+", 1)] + "@" + domain
    key = secret.encode() if isinstance(secret, str) else secret
    return "address:" + hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:32]
