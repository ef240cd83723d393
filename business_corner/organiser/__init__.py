"""Organisers: log in, publish and manage their chapter's sessions, follow registrations."""

from flask import Blueprint

bp = Blueprint("organiser", __name__, url_prefix="/organiser", template_folder="templates")
