"""Calendar files: a session's .ics, and the subscribable feeds (public and organisers')."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)

# Last, once ``bp`` exists: the routes module attaches its routes to it.
from business_corner.calendar import views  # noqa: E402, F401 - routes attach themselves to bp
