"""The pages people see, and how a browser reaches each one in the state worth checking.

One list, ``TOUR``, drives the accessibility checks, the phone-width layout checks and
``make screenshots``. A new page (the table plan, for instance) is one more ``Stop``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from flask import Flask
from sqlalchemy import select

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import link_signer
from business_corner.models import (
    EventSession,
    Organiser,
    Registration,
    Series,
    SessionHost,
    Tandem,
)
from business_corner.services.catalogue import upcoming
from business_corner.services.check_in import CheckInRules, check_in
from business_corner.services.demo import load_demo
from business_corner.services.registration import Applicant, Details, register
from business_corner.services.walk_ins import Newcomer, add_walk_in
from business_corner.vocabulary import Level, Sector, SessionFormat, SessionStatus
from tests.support.tokens import make_manage_token, make_tandem_token

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: The chapter whose organiser the tour logs in as.
TOUR_CHAPTER = "Marseille"


@dataclass(frozen=True)
class Site:
    """A running site and the few things a tour needs to know about its data."""

    base: str
    #: A published session with seats left (its page, form, attendee list).
    event_id: int
    #: The personal link of someone registered to it.
    manage_token: str
    organiser_email: str
    organiser_password: str
    #: A session starting soon (the door is open): people expected, two checked in, a walk-in.
    door_event_id: int = 0
    #: The check-in address (QR code) of one of its attendees not checked in yet.
    door_ticket: str = ""
    #: The personal link of a demo tandem member (Marseille) who has had a tandem.
    tandem_token: str = ""
    #: The demo series (monthly, across a clock change).
    series_id: int = 0
    #: The demo's joint session (created by Marseille, co-hosted by Los Angeles).
    joint_event_id: int = 0
    #: The login of the co-hosting chapter's organiser (Los Angeles).
    co_host_email: str = ""
    co_host_password: str = ""

    def url(self, path: str) -> str:
        return self.base + path


def demo_site(app: Flask, base: str) -> Site:
    """Load the demo data into ``app``'s empty database; the tour follows its soonest
    Marseille session that has seats left, and one of the people registered to it."""
    with app.app_context():
        logins = load_demo(db.session, utcnow())
        listing = next(
            listing
            for listing in upcoming(db.session, utcnow())
            if listing.event.chapter.name == TOUR_CHAPTER and not listing.availability.is_full
        )
        registration_id = db.session.scalars(
            select(Registration.id)
            .where(Registration.event_session_id == listing.event.id)
            .order_by(Registration.id)
        ).first()
        assert registration_id is not None, "the demo session has registrations"
        login = next(login for login in logins if login.chapter == TOUR_CHAPTER)
        member_id = db.session.scalars(
            select(Tandem.member_a_id).order_by(Tandem.id).limit(1)
        ).one()
        door_event_id, door_ticket = _door_session(login.email)
        joint = db.session.scalars(
            select(SessionHost.session_id)
            .where(SessionHost.chapter_id != EventSession.chapter_id)
            .join(EventSession, EventSession.id == SessionHost.session_id)
        ).one()
        co_host = next(login for login in logins if login.chapter != TOUR_CHAPTER)
        return Site(
            base,
            listing.event.id,
            make_manage_token(registration_id),
            login.email,
            login.password,
            door_event_id,
            door_ticket,
            make_tandem_token(member_id),
            db.session.scalars(select(Series.id).order_by(Series.id)).first() or 0,
            joint,
            co_host.email,
            co_host.password,
        )


#: The people expected at the door session: first name, last name, company.
DOOR_PEOPLE = [
    ("Camille", "Arnaud", "Calanques Digital"),
    ("Hugo", "Bernard", "Port Logistique"),
    ("Léa", "Chevalier", "Provence Santé"),
    ("Mehdi", "Djebbar", "Fabrique du Panier"),
    ("Sarah", "Goldberg", "Pacific Trade Partners"),
    ("Inès", "Lambert", "Azur Énergies"),
    ("Thomas", "Moreau", "Vieux-Port Conseil"),
    ("Julie", "Roux", "Sainte-Victoire Tourisme"),
]


def _door_session(organiser_email: str) -> tuple[int, str]:
    """A Marseille session starting in 40 minutes with eight people expected, two of them
    checked in, and a walk-in: the check-in page as it looks at the door. Made after the
    tour has chosen its session, so the tour still follows a demo session."""
    now = utcnow()
    organiser = db.session.scalars(
        select(Organiser).where(Organiser.email == organiser_email)
    ).one()
    starts = (now + timedelta(minutes=40)).replace(second=0, microsecond=0)
    event = EventSession(
        chapter_id=organiser.chapter_id,
        title_en="Afterwork: networking in English",
        title_fr="Afterwork : réseauter en anglais",
        format=SessionFormat.IN_PERSON,
        venue="CCI Aix-Marseille-Provence, 9 La Canebière, Marseille",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=90),
        timezone="Europe/Paris",
        capacity=8,
        levels=tuple(Level),
        status=SessionStatus.PUBLISHED,
        published_at=now,
    )
    db.session.add(event)
    db.session.commit()
    ids = []
    for number, (first, last, company) in enumerate(DOOR_PEOPLE):
        applicant = Applicant(
            Details(first, last, company, list(Sector)[number % 5], Level.B1),
            f"door.{number}@example.com",
            "fr",
            consent=True,
        )
        ids.append(register(db.session, event.id, applicant, now=now).registration_id)
    rules = CheckInRules()
    for registration_id in (ids[1], ids[4]):
        check_in(db.session, organiser, event.id, registration_id, now=now, rules=rules)
    add_walk_in(
        db.session,
        organiser,
        event.id,
        Newcomer("Nadia Ferrand", Level.B2, Sector.CONSULTING, company="Ferrand & Associés"),
        now=now,
    )
    return event.id, link_signer().make_check_in_token(ids[0])


@dataclass(frozen=True)
class Stop:
    name: str
    visit: Callable[[Page, Site], object]
    #: Needs a logged-in organiser (the browser context is logged in once).
    organiser: bool = False
    #: Shown in docs/screenshots/ (privacy and login are plain text and a two-field form).
    screenshot: bool = True


_addresses = itertools.count(1)
ACCEPTED = re.compile(r"/sessions/\d+/registered(#\w*)?$")
SENT_BACK = re.compile(r"/sessions/\d+/register#register$")


def fill_registration(page: Page, email: str) -> None:
    """Fill in the registration form of the session page that is open."""
    page.fill("#first_name", "Camille")
    page.fill("#last_name", "Durand")
    page.fill("#email", email)
    page.fill("#company", "Calanques Digital")
    page.fill("#job_title", "Export manager")
    page.select_option("#sector", "tourism")
    page.check("#register input[name=level][value=B2]")
    page.check("#consent")


def submit_registration(page: Page, *, accepted: bool = True) -> None:
    """Send the form and wait for the answer: "check your inbox", or the form with errors."""
    page.click("#register button[type=submit]")
    # The form's action ends in #register; browsers keep that fragment through the redirect.
    page.wait_for_url(ACCEPTED if accepted else SENT_BACK)


def registration_with_errors(page: Page, site: Site) -> None:
    """The form sent with a mistyped address and without consent: the error summary shows."""
    page.goto(site.url(f"/sessions/{site.event_id}"))
    fill_registration(page, "camille.durand@")
    page.uncheck("#consent")
    submit_registration(page, accepted=False)


def confirmation(page: Page, site: Site) -> None:
    page.goto(site.url(f"/sessions/{site.event_id}"))
    fill_registration(page, f"tour.{next(_addresses)}@example.com")
    submit_registration(page)


def table_plan(page: Page, site: Site) -> None:
    """The tour's session with its conversation tables planned."""
    page.goto(site.url(f"/organiser/sessions/{site.event_id}/tables"))
    page.click("form[action$='/tables'] button[type=submit]")
    page.wait_for_selector(".table-grid")


def table_cards(page: Page, site: Site) -> None:
    """The printable table cards of the tour's session, planned first if need be."""
    table_plan(page, site)
    page.goto(site.url(f"/organiser/sessions/{site.event_id}/tables/print?round=1"))
    page.wait_for_selector(".card-choice")


def tandem_round(page: Page, site: Site) -> None:
    """A round proposed for the coming two weeks, with its pairs and why."""
    page.goto(site.url("/organiser/tandems"))
    page.click("form[action$='/organiser/tandems'] button[type=submit]")
    page.wait_for_selector(".pair-list")


def log_in(page: Page, site: Site) -> None:
    page.goto(site.url("/organiser/login"))
    page.fill("#email", site.organiser_email)
    page.fill("#password", site.organiser_password)
    # The navigation is awaited from before the click, with room for a loaded machine (the
    # password check is deliberately slow); a refusal is reported with what the page said.
    try:
        with page.expect_navigation(url="**/organiser/", timeout=30_000):
            page.click("main button[type=submit]")
    except Exception as error:
        said = page.inner_text("main") if page.query_selector("main") else page.content()
        raise AssertionError(f"login did not reach the dashboard; the page said: {said}") from error


def open_page(
    browser: Browser,
    site: Site,
    language: str,
    viewport: dict[str, int],
    *,
    organiser: bool = False,
) -> Page:
    """A page in its own browser context, in ``language`` as if chosen with the switcher,
    logged in as the organiser if asked."""
    context = browser.new_context(viewport=viewport, locale=language)
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": "lang", "value": language, "url": site.base}])
    page = context.new_page()
    if organiser:
        log_in(page, site)
    return page


def _go(path: str) -> Callable[[Page, Site], object]:
    return lambda page, site: page.goto(
        site.url(
            path.format(
                event=site.event_id,
                token=site.manage_token,
                door=site.door_event_id,
                ticket=site.door_ticket,
                tandem=site.tandem_token,
                series=site.series_id,
                joint=site.joint_event_id,
            )
        )
    )


TOUR = [
    Stop("home", _go("/")),
    Stop("session", _go("/sessions/{event}")),
    Stop("registration-errors", registration_with_errors),
    Stop("confirmation", confirmation),
    Stop("manage", _go("/manage/{token}")),
    Stop("privacy", _go("/privacy"), screenshot=False),
    Stop("login", _go("/organiser/login"), screenshot=False),
    Stop("dashboard", _go("/organiser/"), organiser=True),
    Stop("session-form", _go("/organiser/sessions/new"), organiser=True),
    Stop("attendees", _go("/organiser/sessions/{event}/attendees"), organiser=True),
    Stop("joint-session-form", _go("/organiser/sessions/{joint}/edit"), organiser=True),
    Stop("table-plan", table_plan, organiser=True),
    Stop("table-cards", table_cards, organiser=True),
    Stop("cancel-session", _go("/organiser/sessions/{event}/cancel"), organiser=True),
    Stop("check-in", _go("/organiser/sessions/{door}/check-in"), organiser=True),
    Stop("ticket-scanned", _go("/organiser/check-in/{ticket}"), organiser=True),
    Stop("tandems", _go("/tandems/")),
    Stop("tandem-member", _go("/tandems/me/{tandem}")),
    Stop("tandems-organiser", _go("/organiser/tandems"), organiser=True),
    Stop("tandem-round", tandem_round, organiser=True),
    Stop("team", _go("/organiser/team"), organiser=True),
    Stop("audit-trail", _go("/organiser/audit"), organiser=True, screenshot=False),
    Stop("message-form", _go("/organiser/sessions/{event}/messages/new"), organiser=True),
    Stop("forgot-password", _go("/organiser/password/forgot"), screenshot=False),
    Stop("series", _go("/series/{series}")),
    Stop("series-organiser", _go("/organiser/series/{series}"), organiser=True),
    Stop("series-form", _go("/organiser/series/new"), organiser=True),
    Stop("follow", _go("/follow")),
    Stop("lost-link", _go("/my-links")),
    Stop(
        "verify-certificate",
        _go("/certificates/check?code=AAAA-BBBB-CCCC-DDDD"),
        screenshot=False,
    ),
    Stop("season-report", _go("/organiser/report"), organiser=True, screenshot=False),
]
