"""A series' public page: its dates with seats left or waiting list, its calendar feed and
the form to sign up for several dates at once."""

from __future__ import annotations

from flask import abort
from flask.typing import ResponseReturnValue

from business_corner.extensions import db
from business_corner.public import bp
from business_corner.registration.forms import (
    SERIES_FOLLOW_PREFIX,
    FollowForm,
    SeriesRegistrationForm,
)
from business_corner.services.errors import NotFound
from business_corner.services.series_dates import public_series
from business_corner.session_page import render_series_page


@bp.get("/series/<int:series_id>")
def series_page(series_id: int) -> ResponseReturnValue:
    """The series' coming dates and the multi-date registration form."""
    try:
        series = public_series(db.session(), series_id)
    except NotFound:
        abort(404)
    return render_series_page(
        series, SeriesRegistrationForm(), FollowForm(prefix=SERIES_FOLLOW_PREFIX)
    )
