"""A form left open too long comes back filled in, not thrown away.

CSRF tokens expire (``WTF_CSRF_TIME_LIMIT``, an hour). For the forms where people type
(registration, their details, a session, a message, a cancellation's reason) an expired
token does not end on an error page that loses what was typed: the request goes on to the
view as a form shown again, with the typed values and a message asking to send it again.
Nothing is done with those values: ``BaseForm.is_submitted`` answers no for such a request,
so the view only renders. Any other failure of the token (missing, forged, another
session's) is refused as before, and so is an expired token anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, flash, g, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from business_corner.extensions import csrf

View = TypeVar("View", bound=Callable[..., object])

#: Flask-WTF's reason for a token that is genuine but too old.
_EXPIRED = "The CSRF token has expired."


def keeps_typed_values(view: View) -> View:
    """Mark a view whose form is shown again, filled in, when its token has expired. Put it
    right under the route decorator; the view must act only on ``validate_on_submit()``."""
    view.keeps_typed_values = True  # type: ignore[attr-defined]  # a marker read below
    return view


def form_expired() -> bool:
    """Whether this request is a form to show again because its token expired."""
    return bool(g.get("form_expired", False))


def init_app(app: Flask) -> None:
    # Our own hook takes the place of Flask-WTF's default one, so that it can let an
    # expired token through for the views above; it runs the same check otherwise.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False

    @app.before_request
    def check_csrf_token() -> None:
        if not current_app.config["WTF_CSRF_ENABLED"]:
            return
        try:
            csrf.protect(apply_exemptions=True)
        except CSRFError as error:
            view = current_app.view_functions.get(request.endpoint or "")
            if error.description != _EXPIRED or not getattr(view, "keeps_typed_values", False):
                raise
            g.form_expired = True
            flash(
                _(
                    "This form was open for a long time and has expired. What you typed is "
                    "kept below: check it and send it again."
                ),
                "error",
            )
