"""Calendar files: a session's .ics, and the subscribable feeds (public and organisers')."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)

# Last, once ``bp`` exists: the routes module attaches its routes to it.
from business_corner.calendar import views  # noqa: F401
