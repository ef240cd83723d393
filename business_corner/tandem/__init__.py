"""Tandem members: join, confirm the address, then everything through the personal link."""

from flask import Blueprint

from business_corner.security import never_cache

bp = Blueprint("tandem", __name__, url_prefix="/tandems", template_folder="templates")
never_cache(bp)

# Last, once ``bp`` exists: the routes modules attach their routes to it.
from business_corner.tandem import member_views, views  # noqa: E402, F401 - routes attach themselves to bp
