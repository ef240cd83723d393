"""Error pages in the reader's language; no stack trace ever reaches a browser."""

from __future__ import annotations

import contextlib
import logging
import time
import uuid

from flask import Flask, g, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DisconnectionError, OperationalError
from werkzeug.exceptions import HTTPException

from business_corner.extensions import db, limiter

log = logging.getLogger(__name__)


def _page(status: int, title: str, message: str, error_id: str | None = None) -> tuple[str, int]:
    return (
        render_template(
            "error.html", status=status, title=title, message=message, error_id=error_id
        ),
        status,
    )


def _seconds_until_limit_resets() -> int:
    """When the limit that refused this request lets the visitor in again (asked of the
    counters' storage only now, on a refusal, not on every request)."""
    try:
        limit = limiter.current_limit
        if limit is not None:
            return max(1, int(limit.reset_at - time.time()))
    except Exception:
        log.warning("could not read when the rate limit resets")
    return 60


def _come_back_in(seconds: int) -> str:
    """When to try again, as the Retry-After header says it, rounded up to a unit people
    read: seconds under a minute, minutes under two hours, hours beyond."""
    if seconds < 60:
        return ngettext(
            "You have made too many attempts. Please try again in %(num)d second.",
            "You have made too many attempts. Please try again in %(num)d seconds.",
            seconds,
        )
    minutes = -(-seconds // 60)
    if minutes < 120:
        return ngettext(
            "You have made too many attempts. Please try again in %(num)d minute.",
            "You have made too many attempts. Please try again in %(num)d minutes.",
            minutes,
        )
    hours = -(-seconds // 3600)
    return ngettext(
        "You have made too many attempts. Please try again in %(num)d hour.",
        "You have made too many attempts. Please try again in %(num)d hours.",
        hours,
    )


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError) -> ResponseReturnValue:
        return _page(
            400,
            _("The form has expired"),
            _(
                "For your security, forms expire after a while. Go back, reload the page and "
                "send it again."
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        titles = {
            400: (_("Bad request"), _("The request could not be understood.")),
            403: (_("Access denied"), _("You are not allowed to see this page.")),
            404: (_("Page not found"), _("This page does not exist or no longer exists.")),
            405: (_("Not allowed"), _("This page cannot be used this way.")),
            413: (_("Too large"), _("What you sent is too large.")),
        }
        retry_after = _seconds_until_limit_resets() if error.code == 429 else 0
        if error.code == 429:
            titles[429] = (_("Too many attempts"), _come_back_in(retry_after))
        title, message = titles.get(
            error.code or 500, (_("Something went wrong"), _("Please try again."))
        )
        response = error.get_response()
        body, status = _page(error.code or 500, title, message)
        response.set_data(body)
        response.status_code = status
        response.content_type = "text/html; charset=utf-8"
        if error.code == 429:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(OperationalError)
    @app.errorhandler(DisconnectionError)
    def database_unavailable(error: Exception) -> ResponseReturnValue:
        # The connection may be gone already; the page must answer whatever the rollback does.
        with contextlib.suppress(Exception):
            db.session.rollback()
        # Render without asking the database who is logged in.
        g._login_user = AnonymousUserMixin()
        error_id = uuid.uuid4().hex[:12]
        log.error("database unavailable (%s), reference %s", type(error).__name__, error_id)
        body, status = _page(
            503,
            _("Service briefly unavailable"),
            _(
                "We cannot reach our database for a moment. Nothing you sent has been half saved; "
                "please try again in a few minutes. If it lasts, give us this reference."
            ),
            error_id,
        )
        return body, status, {"Retry-After": "60"}

    @app.errorhandler(500)
    def internal_error(error: Exception) -> ResponseReturnValue:
        try:
            db.session.rollback()  # leave nothing half-written behind
        except Exception:
            log.warning("rollback after an error failed too")
        error_id = uuid.uuid4().hex[:12]
        original = getattr(error, "original_exception", None) or error
        log.error("unhandled error %s", error_id, exc_info=original)
        return _page(
            500,
            _("Something went wrong"),
            _(
                "Nothing you sent has been half saved. Please try again in a moment; if it "
                "happens again, give us this reference."
            ),
            error_id,
        )
