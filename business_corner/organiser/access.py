"""Who is at the keyboard on organiser pages, and what they may open.

Staff and admins both work on sessions, attendees, tables and messages to attendees; the
team and the audit trail are for the chapter's admins (``admins_only``: 403 for staff).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort
from flask_login import current_user

from business_corner.extensions import db
from business_corner.models import EventSession, Organiser
from business_corner.services import sessions as session_admin
from business_corner.services.errors import NotFound

P = ParamSpec("P")
R = TypeVar("R")


def current_organiser() -> Organiser:
    """The logged-in organiser (every organiser page but the login page requires one)."""
    organiser: Organiser = current_user._get_current_object()  # flask_login is untyped
    return organiser


def own_session(event_id: int) -> EventSession:
    """The organiser's own session; another chapter's sessions do not exist for them (404)."""
    try:
        return session_admin.get_own_session(db.session(), current_organiser(), event_id)
    except NotFound:
        abort(404)


def admins_only(view: Callable[P, R]) -> Callable[P, R]:
    """A page of the team or the audit trail: the chapter's admins only (403 for staff)."""

    @wraps(view)
    def admin_view(*args: P.args, **kwargs: P.kwargs) -> R:
        if not current_organiser().is_admin:
            abort(403)
        return view(*args, **kwargs)

    return admin_view
