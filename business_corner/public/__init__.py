"""Public pages: upcoming sessions, a session's page, privacy, language choice."""

from flask import Blueprint

bp = Blueprint("public", __name__, template_folder="templates")
