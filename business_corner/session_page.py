"""A session's public page with its registration form, fresh or with errors to fix.

Both the ``public`` blueprint (the page) and the ``registration`` blueprint (the form sent
back with what to fix) render it; it lives here so that neither imports the other's views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app, render_template

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import site_links
from business_corner.services import catalogue
from business_corner.services.calendar.web_calendars import add_event_links
from business_corner.services.catalogue import Listing

if TYPE_CHECKING:  # a runtime import would load the registration blueprint from here
    from business_corner.registration.forms import RegistrationForm


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
