"""A session's (or a series') public page with its registration form, fresh or with
errors to fix.

Both the ``public`` blueprint (the page) and the ``registration`` blueprint (the form sent
back with what to fix) render it; it lives here so that neither imports the other's views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app, render_template
from flask_babel import gettext as _
from wtforms import SelectChoice

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.formatting import current_locale, format_day_and_clock
from business_corner.links import public_url, site_links
from business_corner.models import Series
from business_corner.services import catalogue, series_dates
from business_corner.services.calendar.web_calendars import add_event_links, subscribe_links
from business_corner.services.catalogue import Listing

if TYPE_CHECKING:  # a runtime import would load the registration blueprint from here
    from business_corner.registration.forms import (
        FollowForm,
        RegistrationForm,
        SeriesRegistrationForm,
    )


def render_session_page(
    listing: Listing, form: RegistrationForm, status: int = 200
) -> tuple[str, int]:
    """The session's page with its registration form (fresh, or with errors to fix)."""
    cities = catalogue.all_cities(db.session())
    return (
        render_template(
            "public/session.html",
            listing=listing,
            event=listing.event,
            form=form,
            cities=cities,
            calendar_links=add_event_links(listing.event, cities, site_links()),
            registration_open=listing.event.is_open_for_registration(utcnow()),
            retention_months=int(current_app.config["RETENTION_MONTHS"]),
        ),
        status,
    )


def render_series_page(
    series: Series, form: SeriesRegistrationForm, follow_form: FollowForm, status: int = 200
) -> tuple[str, int]:
    """A series' page: its coming dates with seats, its feed, and the multi-date form."""
    now = utcnow()
    dates = series_dates.coming_dates(db.session(), series.id, now)
    events = [listing.event for listing in dates]
    form.dates.choices = [
        SelectChoice(str(event.id), format_day_and_clock(event.starts_at.astimezone(event.zone)))
        for event in events
        if event.is_open_for_registration(now)
    ]
    language = current_locale()
    name = _("Business corner: %(series)s", series=series.title_in(language))
    feed_url = public_url("calendar.series_feed", language=language, series_id=series.id)
    return (
        render_template(
            "public/series.html",
            series=series,
            dates=dates,
            form=form,
            follow_form=follow_form,
            now=now,
            cities=catalogue.all_cities(db.session()),
            feed_url=feed_url,
            feed=subscribe_links(feed_url, name),
            retention_months=int(current_app.config["RETENTION_MONTHS"]),
        ),
        status,
    )
