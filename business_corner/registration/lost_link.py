""" "I lost my link": an attendee enters an address and receives one e-mail listing their
coming registrations with their personal links."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from business_corner.clock import utcnow
from business_corner.extensions import db, limiter
from business_corner.formatting import current_locale
from business_corner.registration import bp
from business_corner.registration.forms import LostLinkForm
from business_corner.services.link_recovery import send_my_links
from business_corner.sign_up_limits import address_key, per_address_limit, per_network_limit


@bp.route("/my-links", methods=["GET", "POST"])
@limiter.limit(per_network_limit, methods=["POST"])
@limiter.limit(per_address_limit, key_func=address_key, methods=["POST"])
def lost_link() -> ResponseReturnValue:
    """The same answer whether or not the address is known (nobody learns who registered)."""
    form = LostLinkForm()
    if form.validate_on_submit():
        if not form.filled_by_a_robot:  # a robot filled the hidden field: the same answer
            send_my_links(db.session(), form.email.data, current_locale(), now=utcnow())
        flash(
            _(
                "If this address has coming registrations, we have sent it one e-mail with "
                "all their personal links. Check your inbox (and the spam folder)."
            ),
            "success",
        )
        return redirect(url_for(".lost_link"))
    status = 422 if form.is_submitted() else 200
    return render_template("registration/lost_link.html", form=form), status
