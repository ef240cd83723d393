"""Organisers: log in, publish and manage their chapter's sessions, follow registrations,
write to attendees; admins also run the team and read the audit trail."""

from flask import Blueprint

from business_corner.security import never_cache

bp = Blueprint("organiser", __name__, url_prefix="/organiser", template_folder="templates")
never_cache(bp)

# Last, once ``bp`` exists: each routes module attaches its routes to it. A new routes
# module is listed here, or it has no routes.
from business_corner.organiser import (  # noqa: E402, F401 - routes attach themselves to bp
    account,
    attendee_messages,
    audit_trail,
    auth,
    certificates,
    check_in,
    feedback,
    season_report,
    series,
    tables,
    tandems,
    team,
    views,
)
