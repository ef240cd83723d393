from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db, limiter
from business_corner.formatting import current_locale
from business_corner.i18n import LOCALE_COOKIE, SUPPORTED_LOCALES
from business_corner.links import public_url
from business_corner.models import Chapter
from business_corner.navigation import local_target
from business_corner.page_cache import cache, fill_token_slot, keep_token_slot, page_seconds
from business_corner.public import bp
from business_corner.registration.forms import RegistrationForm
from business_corner.services import catalogue
from business_corner.services.calendar.web_calendars import subscribe_links
from business_corner.services.certificates import display_code, verify
from business_corner.services.registration import PRIVACY_NOTICE_VERSION
from business_corner.session_page import render_session_page


def _page_key(*parts: object) -> tuple[object, ...] | None:
    """How a public page is remembered, or None when this response must be made afresh
    (a flash message waits to be shown once)."""
    if session.get("_flashes"):
        return None
    return (*parts, current_locale(), current_user.is_authenticated, request.full_path)


@bp.get("/")
def home() -> str:
    """Upcoming published sessions, soonest first, and the feeds to subscribe to."""
    key = _page_key("home")
    if key is None:
        return _render_home()
    return cache().get_or_make(key, page_seconds(), _render_home)


def _render_home() -> str:
    language = current_locale()
    all_sessions = _("Business corner: all sessions")
    feeds = [
        (
            all_sessions,
            subscribe_links(public_url("calendar.public_feed", language=language), all_sessions),
        )
    ]
    for chapter in db.session.scalars(select(Chapter).order_by(Chapter.name)):
        name = _("Business corner: %(chapter)s", chapter=chapter.name)
        feeds.append(
            (
                name,
                subscribe_links(
                    public_url("calendar.chapter_feed", language=language, slug=chapter.slug), name
                ),
            )
        )
    return render_template(
        "public/home.html",
        listings=catalogue.upcoming(db.session(), utcnow()),
        cities=catalogue.all_cities(db.session()),
        feeds=feeds,
    )


@bp.get("/sessions/<int:event_id>")
def session_page(event_id: int) -> ResponseReturnValue:
    """One session: when, where, who it is for, and the registration form."""
    # The visitor's token (the form, built only when the page is rendered, gets the same).
    token = generate_csrf() if current_app.config.get("WTF_CSRF_ENABLED", True) else None
    key = _page_key("session", event_id)

    def render() -> tuple[str, int]:
        listing = catalogue.public_listing(db.session(), event_id)
        if listing is None:
            abort(404)
        page, status = render_session_page(listing, RegistrationForm())
        # The page is the same for everyone but for the form's token: keep a slot for it.
        return keep_token_slot(page, token), status

    if key is None:
        page, status = render()
    else:
        page, status = cache().get_or_make(key, page_seconds(), render)
    return fill_token_slot(page, token), status


@bp.get("/privacy")
def privacy() -> str:
    """How attendees' data is used, kept and deleted."""
    return render_template(
        "public/privacy.html",
        version=PRIVACY_NOTICE_VERSION,
        retention_months=int(current_app.config["RETENTION_MONTHS"]),
    )


@bp.get("/language/<code>")
def switch_language(code: str) -> Response:
    """Remember the reader's language and go back to the page they were on."""
    response = redirect(local_target(request.args.get("next"), url_for("public.home")))
    if code in SUPPORTED_LOCALES:
        response.set_cookie(
            LOCALE_COOKIE,
            code,
            max_age=int(timedelta(days=365).total_seconds()),
            samesite="Lax",
            httponly=True,
            secure=bool(current_app.config["SESSION_COOKIE_SECURE"]),
        )
    return response


@bp.get("/certificates/check")
@limiter.limit("30 per minute")
def verify_certificate() -> ResponseReturnValue:
    """Is this certificate genuine? The code alone answers, with the name and the session
    and nothing else about the person."""
    typed = request.args.get("code", "").strip()[:64]
    verified = verify(db.session(), typed) if typed else None
    return render_template(
        "public/verify_certificate.html",
        typed=typed,
        verified=verified,
        shown_code=display_code(typed.upper().replace("-", "").replace(" ", "")) if typed else "",
    ), (404 if typed and verified is None else 200)
