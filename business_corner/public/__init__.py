"""Public pages: upcoming sessions, a session's page, privacy, language choice."""

from flask import Blueprint

bp = Blueprint("public", __name__, template_folder="templates")

# Last, once ``bp`` exists: the routes module attaches its routes to it.
from business_corner.public import (  # noqa: E402, F401 - routes attach themselves to bp
    following,
    series,
    views,
)
