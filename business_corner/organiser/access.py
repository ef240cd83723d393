"""Who is at the keyboard on organiser pages, and the sessions they may open."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from business_corner.extensions import db
from business_corner.models import EventSession, Organiser
from business_corner.services import sessions as session_admin
from business_corner.services.errors import NotFound


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
