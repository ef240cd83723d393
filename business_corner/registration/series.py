"""Signing up for several dates of a series at once, and adding or cancelling other dates
of the series from one date's manage page."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db, limiter
from business_corner.form_expiry import keeps_typed_values
from business_corner.formatting import current_locale
from business_corner.registration import bp
from business_corner.registration.forms import (
    SERIES_FOLLOW_PREFIX,
    ConfirmDateForm,
    FollowForm,
    SeriesRegistrationForm,
)
from business_corner.registration.views import registration_for
from business_corner.services import series_dates
from business_corner.services.errors import DomainError, NotFound
from business_corner.session_page import render_series_page
from business_corner.sign_up_limits import address_key, per_address_limit, per_network_limit

log = logging.getLogger(__name__)


def _follow_form() -> FollowForm:
    # Built empty: what was posted belongs to the sign-up form, not to this one.
    return FollowForm(prefix=SERIES_FOLLOW_PREFIX, formdata=None)


@bp.post("/series/<int:series_id>/register")
@keeps_typed_values
@limiter.limit(per_network_limit, methods=["POST"])
@limiter.limit(per_address_limit, key_func=address_key, methods=["POST"])
def register_for_series(series_id: int) -> ResponseReturnValue:
    """One registration per chosen date; the answer is the same whether or not the address
    was known."""
    try:
        series = series_dates.public_series(db.session(), series_id)
    except NotFound:
        abort(404)
    form = SeriesRegistrationForm()
    if form.filled_by_a_robot:
        log.info("series registration form filled by a robot (honeypot), ignored")
        return redirect(url_for("public.series_page", series_id=series_id))
    now = utcnow()
    if not form.validate_on_submit():
        return render_series_page(series, form, _follow_form(), status=422)
    chosen = form.chosen(series_dates.open_dates(db.session(), series_id, now))
    try:
        outcomes = series_dates.register_for_dates(
            db.session(), series_id, chosen, form.applicant(current_locale()), now=now
        )
    except DomainError as error:
        form.dates.errors = [str(error.message)]
        return render_series_page(series, form, _follow_form(), status=409)
    flash(
        ngettext(
            "Thank you! Check your inbox: we have sent %(num)d e-mail for your date, with its "
            "calendar invite or your place on the waiting list, and your personal link.",
            "Thank you! Check your inbox: we have sent one e-mail per date (%(num)d), each "
            "with its calendar invite or your place on the waiting list, and your personal "
            "link.",
            len(outcomes),
        ),
        "success",
    )
    return redirect(url_for("public.series_page", series_id=series_id))


def _other_date_action(token: str, event_id: int, join: bool) -> Response:
    registration = registration_for(token)
    if ConfirmDateForm().validate_on_submit():
        action = series_dates.join_other_date if join else series_dates.leave_other_date
        try:
            action(db.session(), registration.id, event_id, now=utcnow())
        except NotFound:
            abort(404)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(
                _("Done: check your inbox for the confirmation of that date.")
                if join
                else _("Your registration for that date is cancelled."),
                "success",
            )
    return redirect(url_for(".manage", token=token, _anchor="series-dates"))


@bp.post("/manage/<token>/dates/<int:event_id>/join")
def join_other_date(token: str, event_id: int) -> Response:
    """Add another date of the same series, with the same details."""
    return _other_date_action(token, event_id, join=True)


@bp.post("/manage/<token>/dates/<int:event_id>/cancel")
def leave_other_date(token: str, event_id: int) -> Response:
    """Cancel the attendee's place at another date of the same series."""
    return _other_date_action(token, event_id, join=False)
