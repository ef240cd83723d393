"""Attendees signing up and managing their place through the link in their e-mail."""

from flask import Blueprint

from business_corner.security import never_cache

bp = Blueprint("registration", __name__, template_folder="templates")
never_cache(bp)

# Last, once ``bp`` exists: the routes module attaches its routes to it.
from business_corner.registration import (  # noqa: E402, F401 - routes attach themselves to bp
    lost_link,
    series,
    views,
)
