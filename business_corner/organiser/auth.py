"""Organiser login and logout (Flask-Login), with rate-limited attempts."""

from __future__ import annotations

from flask import Flask, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from business_corner.extensions import db, limiter, login_manager
from business_corner.models import Organiser
from business_corner.navigation import local_target
from business_corner.organiser import bp
from business_corner.organiser.forms import LoginForm, LogoutForm

# Checked when the address is unknown, so that a wrong address and a wrong password take
# the same time and an attacker cannot tell which addresses exist.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def init_login(app: Flask) -> None:
    login_manager.login_view = "organiser.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_organiser(organiser_id: str) -> Organiser | None:
    try:
        return db.session.get(Organiser, int(organiser_id))
    except (TypeError, ValueError):
        return None


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
def login():  # type: ignore[no-untyped-def]
    """Log in with e-mail and password."""
    target = local_target(request.args.get("next"), url_for("organiser.dashboard"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    if form.validate_on_submit():
        organiser = find_organiser(form.email.data, form.password.data)
        if organiser is not None:
            session.clear()  # a fresh browser session for the logged-in organiser
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
        logout_user()
        flash(_("You are logged out."), "success")
    return redirect(url_for("public.home"))
