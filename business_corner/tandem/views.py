"""The tandem page: what tandems are, and the form to join."""

from __future__ import annotations

import logging

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from wtforms import SelectChoice

from business_corner.clock import utcnow
from business_corner.extensions import db, limiter
from business_corner.formatting import current_locale
from business_corner.models import Chapter
from business_corner.security import address_rate_limit_key
from business_corner.services.errors import DomainError
from business_corner.services.tandems.membership import Application, sign_up
from business_corner.tandem import bp
from business_corner.tandem.forms import SignUpForm

log = logging.getLogger(__name__)
_JUST_JOINED = "tandem_just_joined"


def tandem_cities() -> tuple[str, str]:
    first, second = current_app.config["TANDEM_CHAPTERS"]
    return str(first), str(second)


def _city_choices() -> list[SelectChoice]:
    cities = tandem_cities()
    rows = db.session.execute(select(Chapter.slug, Chapter.name).where(Chapter.slug.in_(cities)))
    names = {slug: name for slug, name in rows}
    return [SelectChoice(slug, names[slug]) for slug in cities if slug in names]


def _per_address_limit() -> str:
    return str(current_app.config["REGISTRATION_RATE_LIMIT_PER_ADDRESS"])


def _per_network_limit() -> str:
    return str(current_app.config["REGISTRATION_RATE_LIMIT_PER_IP"])


def _address_key() -> str:
    return "tandem:" + address_rate_limit_key(
        request.form.get("email", ""), current_app.config["SECRET_KEY"]
    )


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(_per_network_limit, methods=["POST"])
@limiter.limit(_per_address_limit, key_func=_address_key, methods=["POST"])
def home() -> ResponseReturnValue:
    """What tandems are, and the form to join (both languages, by the switch)."""
    form = SignUpForm()
    form.city.choices = _city_choices()
    if form.is_submitted() and form.website.data:
        log.info("tandem form filled by a robot (honeypot), ignored")
        return redirect(url_for(".check_inbox"))
    if form.validate_on_submit():
        hours = form.hours()
        if hours is not None:
            try:
                sign_up(
                    db.session(),
                    Application(
                        details=form.details(hours),
                        email=form.email.data,
                        city=form.city.data,
                        locale=current_locale(),
                        consent=bool(form.consent.data),
                    ),
                    cities=tandem_cities(),
                    now=utcnow(),
                )
            except DomainError as error:
                flash(str(error.message), "error")
            else:
                session[_JUST_JOINED] = form.email.data
                return redirect(url_for(".check_inbox"))
    status = 422 if form.is_submitted() else 200
    return render_template("tandem/home.html", form=form), status


@bp.get("/check-your-inbox")
def check_inbox() -> str:
    """The confirmation link is in the e-mail: the address is confirmed before any pairing."""
    return render_template("tandem/inbox.html", email=session.pop(_JUST_JOINED, None))
