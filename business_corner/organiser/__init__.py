"""Organisers: log in, publish and manage their chapter's sessions, follow registrations."""

from flask import Blueprint

from business_corner.security import never_cache

bp = Blueprint("organiser", __name__, url_prefix="/organiser", template_folder="templates")
never_cache(bp)
