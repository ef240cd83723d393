"""Following a chapter or a series by e-mail: ask, confirm (double opt-in), unsubscribe.

Every answer to a request is the same whether or not the address was known or already
following. Confirming and unsubscribing are POSTs (mail scanners open links); the
unsubscribe POST is also the RFC 8058 one-click target, which mail programs send without
any form, so that one route carries no CSRF token: the signed token in its address is the
authority, and all it can do is stop mail to that follower."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import csrf, db, limiter
from business_corner.formatting import current_locale
from business_corner.links import link_signer
from business_corner.models import Chapter
from business_corner.public import bp
from business_corner.registration.forms import SERIES_FOLLOW_PREFIX, FollowForm
from business_corner.services import following
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.registration import PRIVACY_NOTICE_VERSION
from business_corner.services.series_dates import public_series
from business_corner.sign_up_limits import address_key, per_address_limit, per_network_limit

log = logging.getLogger(__name__)


def _chapters() -> list[Chapter]:
    return list(db.session.scalars(select(Chapter).order_by(Chapter.name)))


def follow_form() -> FollowForm:
    form = FollowForm()
    form.chapter.choices = [(chapter.slug, chapter.name) for chapter in _chapters()]
    return form


def _ask(scope: following.FollowScope, form: FollowForm) -> None:
    following.ask_to_follow(
        db.session(),
        scope,
        form.email.data,
        current_locale(),
        consent=bool(form.consent.data),
        consent_version=PRIVACY_NOTICE_VERSION,
        now=utcnow(),
    )
    flash(
        _(
            "Check your inbox: we have sent you a link to confirm. Nothing else is sent "
            "until you confirm."
        ),
        "success",
    )


@bp.route("/follow", methods=["GET", "POST"])
@limiter.limit(per_network_limit, methods=["POST"])
@limiter.limit(per_address_limit, key_func=address_key, methods=["POST"])
def follow_chapter() -> ResponseReturnValue:
    """Ask to hear of a chapter's new dates."""
    form = follow_form()
    if form.validate_on_submit():
        chapter = next((c for c in _chapters() if c.slug == form.chapter.data), None)
        if chapter is None:
            form.chapter.errors = [_("Choose a chapter.")]
        else:
            if not form.filled_by_a_robot:  # a robot filled the hidden field: say the same
                _ask(following.FollowScope(chapter_id=chapter.id), form)
            return redirect(url_for(".follow_chapter"))
    status = 422 if form.is_submitted() else 200
    return render_template("public/follow.html", form=form), status


@bp.post("/series/<int:series_id>/follow")
@limiter.limit(per_network_limit, methods=["POST"])
@limiter.limit(per_address_limit, key_func=address_key, methods=["POST"])
def follow_series(series_id: int) -> Response:
    """Ask to hear of a series' new dates."""
    try:
        series = public_series(db.session(), series_id)
    except NotFound:
        abort(404)
    form = FollowForm(prefix=SERIES_FOLLOW_PREFIX)
    if form.validate_on_submit():
        if not form.filled_by_a_robot:
            _ask(following.FollowScope(series_id=series.id), form)
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
    return redirect(url_for(".series_page", series_id=series_id, _anchor="follow"))


def _follower_id(token: str) -> int:
    try:
        return link_signer().read_follower_token(token)
    except DomainError as error:
        abort(Response(render_template("public/follow_done.html", message=error.message), 404))


@bp.route("/follow/<token>", methods=["GET", "POST"])
def confirm_follow(token: str) -> ResponseReturnValue:
    """The link in the confirmation request: a button, then the address is confirmed."""
    follower_id = _follower_id(token)
    if request.method == "POST":
        try:
            following.confirm(db.session(), follower_id, now=utcnow())
        except NotFound as error:
            return render_template("public/follow_done.html", message=error.message), 404
        return render_template(
            "public/follow_done.html",
            message=_("Thank you: you will get an e-mail when new dates are published."),
        )
    return render_template("public/follow_confirm.html", token=token)


@bp.get("/unsubscribe/<token>")
def unsubscribe_page(token: str) -> str:
    """The link in every announcement: a button to stop them."""
    _follower_id(token)
    return render_template("public/unsubscribe.html", token=token)


@bp.post("/unsubscribe/<token>")
@csrf.exempt
def unsubscribe(token: str) -> ResponseReturnValue:
    """Stop the announcements: from the page's button, or one click in a mail program
    (RFC 8058, no CSRF token by design: see the module's note)."""
    following.unsubscribe(db.session(), _follower_id(token))
    return render_template(
        "public/follow_done.html", message=_("Done: you will get no more of these e-mails.")
    )
