from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import abort, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.wrappers import Response

from business_corner.calendar import bp
from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.i18n import SUPPORTED_LOCALES
from business_corner.links import link_signer, site_links
from business_corner.models import Chapter, Organiser
from business_corner.page_cache import cache, page_seconds
from business_corner.services import catalogue
from business_corner.services.calendar.feeds import FeedScope, FeedVersion, build_feed, feed_version
from business_corner.services.calendar.invites import session_download
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.series_dates import public_series

CALENDAR_TYPE = "text/calendar; charset=utf-8"
#: The public feed's default zone hint: most readers are in Aix-Marseille-Provence.
PUBLIC_FEED_ZONE = "Europe/Paris"


@bp.get("/sessions/<int:event_id>/calendar.ics")
def session_ics(event_id: int) -> Response:
    """One session to add to a calendar by hand (METHOD:PUBLISH)."""
    listing = catalogue.public_listing(db.session(), event_id)
    if listing is None:
        abort(404)
    body = session_download(
        listing.event, catalogue.all_cities(db.session()), utcnow(), site_links()
    )
    return Response(
        body,
        content_type=CALENDAR_TYPE,
        headers={"Content-Disposition": f'attachment; filename="business-corner-{event_id}.ics"'},
    )


def _language(language: str) -> str:
    if language not in SUPPORTED_LOCALES:
        abort(404)
    return language


def _serve(
    scope: FeedScope, name: Callable[[], str], zone: str, *, private: bool = False
) -> Response:
    """The feed, or 304 when the caller's copy is current: checked before building (even its
    translated name is only looked up to build it)."""
    now = utcnow()
    links = site_links()
    # Calendars poll hourly; the version may be a few seconds old, and then "unchanged"
    # costs no query at all.
    version = cache().get_or_make(
        ("feed version", scope),
        page_seconds(),
        lambda: feed_version(db.session(), scope, now, links),
    )
    if _is_fresh(version):
        response = Response(status=304)
    else:
        body = cache().get_or_make(
            ("feed", scope, version.etag),
            page_seconds(),
            lambda: build_feed(db.session(), scope, now, name=name(), zone=zone, links=links),
        )
        response = Response(body, content_type=CALENDAR_TYPE)
    response.set_etag(version.etag)
    if version.last_modified is not None:
        response.last_modified = version.last_modified
    # Private feeds carry seat counts: no shared cache may keep them.
    response.headers["Cache-Control"] = (
        "private, max-age=0, must-revalidate" if private else "public, max-age=300, must-revalidate"
    )
    if private:
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _is_fresh(version: FeedVersion) -> bool:
    if request.if_none_match:
        return version.etag in request.if_none_match
    since: datetime | None = request.if_modified_since
    return bool(
        since and version.last_modified and version.last_modified.replace(microsecond=0) <= since
    )


@bp.get("/calendar/<language>/sessions.ics")
def public_feed(language: str) -> Response:
    """Every chapter's published sessions, upcoming and of the last 30 days."""
    language = _language(language)
    return _serve(
        FeedScope(language), _name(language, _l("Business corner: all sessions")), PUBLIC_FEED_ZONE
    )


@bp.get("/calendar/<language>/chapters/<slug>.ics")
def chapter_feed(language: str, slug: str) -> Response:
    """One chapter's published sessions."""
    language = _language(language)
    chapter = db.session.scalars(select(Chapter).where(Chapter.slug == slug)).one_or_none()
    if chapter is None:
        abort(404)
    name = _name(language, _l("Business corner: %(chapter)s", chapter=chapter.name))
    return _serve(FeedScope(language, chapter_id=chapter.id), name, chapter.timezone)


@bp.get("/calendar/<language>/series/<int:series_id>.ics")
def series_feed(language: str, series_id: int) -> Response:
    """One series' published dates, in the same form as the chapter feeds."""
    language = _language(language)
    try:
        series = public_series(db.session(), series_id)
    except NotFound:
        abort(404)
    name = _name(language, _l("Business corner: %(series)s", series=series.title_in(language)))
    return _serve(FeedScope(language, series_id=series.id), name, series.timezone)


@bp.get("/calendar/<language>/private/<token>.ics")
def organiser_feed(language: str, token: str) -> Response:
    """An organiser's feed: their chapter's sessions with drafts and seat counts."""
    language = _language(language)
    try:
        organiser_id, version = link_signer().read_feed_token(token)
    except DomainError:
        abort(404)
    organiser = db.session.get(Organiser, organiser_id)
    if organiser is None or not organiser.active or organiser.calendar_feed_version != version:
        abort(404)
    chapter = organiser.chapter
    name = _name(language, _l("Business corner: %(chapter)s (organisers)", chapter=chapter.name))
    return _serve(
        FeedScope(language, chapter_id=chapter.id, private=True),
        name,
        chapter.timezone,
        private=True,
    )


def _name(language: str, text: object) -> Callable[[], str]:
    """The feed's name in its own language, looked up only if the feed is built."""

    def translated() -> str:
        with force_locale(language):
            return str(text)

    return translated
