"""Organiser login and logout (Flask-Login), with rate-limited attempts.

Each login is a record on the server (``OrganiserLogin``); the session cookie holds its
random token. A cookie is worth nothing once its login is ended (logout, end-all) or has
expired (``ORGANISER_LOGIN_IDLE_HOURS`` unused, ``ORGANISER_LOGIN_MAX_DAYS`` old), even if
someone copied it while it was live.
"""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Flask,
    after_this_request,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db, limiter, login_manager
from business_corner.models import Organiser
from business_corner.navigation import local_target
from business_corner.organiser import bp
from business_corner.organiser.forms import LoginForm, LogoutForm
from business_corner.services import organiser_logins
from business_corner.services.organiser_logins import Lifetimes

#: Browser-session key holding this browser's login token.
LOGIN_TOKEN = "organiser_login"  # noqa: S105 - the name of a session key, not a secret

# Checked when the address is unknown, so that a wrong address and a wrong password take
# the same time and an attacker cannot tell which addresses exist.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def init_login(app: Flask) -> None:
    login_manager.login_view = "organiser.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


def _lifetimes() -> Lifetimes:
    return Lifetimes(
        idle=timedelta(hours=float(current_app.config["ORGANISER_LOGIN_IDLE_HOURS"])),
        absolute=timedelta(days=float(current_app.config["ORGANISER_LOGIN_MAX_DAYS"])),
    )


@login_manager.user_loader
def load_organiser(organiser_id: str) -> Organiser | None:
    """The organiser, if this browser's login is still live on the server."""
    token = session.get(LOGIN_TOKEN)
    if not isinstance(token, str):
        return None
    try:
        wanted = int(organiser_id)
    except (TypeError, ValueError):
        return None
    now = utcnow()
    live = organiser_logins.live_login(db.session(), token, wanted, now, _lifetimes())
    if live is None:
        return None
    if live.stale:

        @after_this_request
        def mark_seen(response: Response) -> Response:
            # After the view, whose work is committed by then: this commit carries only the
            # timestamp (and waits for another request if anything else is pending).
            if not (db.session.new or db.session.dirty or db.session.deleted):
                organiser_logins.mark_seen(db.session(), live.login_id, now)
            return response

    return live.organiser


def find_organiser(email: str, password: str) -> Organiser | None:
    organiser = db.session.scalars(
        select(Organiser).where(Organiser.email == email.strip().lower())
    ).one_or_none()
    if organiser is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not organiser.check_password(password) or not organiser.active:
        return None
    return organiser


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> ResponseReturnValue:
    """Log in with e-mail and password."""
    target = local_target(request.args.get("next"), url_for("organiser.dashboard"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    if form.validate_on_submit():
        organiser = find_organiser(form.email.data, form.password.data)
        if organiser is not None:
            session.clear()  # a fresh browser session for the logged-in organiser
            session[LOGIN_TOKEN] = organiser_logins.start_login(db.session(), organiser, utcnow())
            login_user(organiser)
            return redirect(target)
        flash(_("Wrong e-mail address or password."), "error")
        return render_template("organiser/login.html", form=form), 401
    return render_template("organiser/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    """Log out (POST with CSRF token, so that no link can log anyone out)."""
    if LogoutForm().validate_on_submit():
        token = session.get(LOGIN_TOKEN)
        if isinstance(token, str):
            organiser_logins.end_login(db.session(), token, utcnow())
        logout_user()
        session.pop(LOGIN_TOKEN, None)
        flash(_("You are logged out."), "success")
    return redirect(url_for("public.home"))
