"""Demo data: two chapters, an organiser each, and a few weeks of sessions to click through."""

from __future__ import annotations

import random
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import (
    Chapter,
    EventSession,
    Organiser,
    Registration,
    Series,
    SessionHost,
)
from business_corner.models.capacity import place_status
from business_corner.services.city_times import local_to_utc
from business_corner.services.recurrence import SeriesRule, series_days
from business_corner.services.registration import PRIVACY_NOTICE_VERSION
from business_corner.services.series import details_on
from business_corner.services.sessions import SessionDetails, add_draft
from business_corner.services.tandems.demo import load_demo_tandems
from business_corner.vocabulary import (
    Level,
    Recurrence,
    Role,
    Sector,
    SessionFormat,
    SessionStatus,
)


@dataclass(frozen=True)
class DemoLogin:
    chapter: str
    email: str
    password: str


@dataclass(frozen=True)
class _Plan:
    chapter: str
    days_ahead: int
    start: time
    minutes: int
    title_en: str
    title_fr: str
    description_en: str
    description_fr: str
    format: SessionFormat
    capacity: int
    levels: tuple[Level, ...]
    registrations: int
    status: SessionStatus = SessionStatus.PUBLISHED
    #: The other chapters hosting it with ``chapter`` (a joint session).
    co_hosts: tuple[str, ...] = ()


_ALL_LEVELS = tuple(Level)
_PLANS = [
    _Plan(
        "Marseille",
        6,
        time(18, 30),
        90,
        "Pitch your business in English",
        "Pitchez votre entreprise en anglais",
        "Two minutes to present your company, then questions from the table.",
        "Deux minutes pour présenter votre entreprise, puis les questions de la table.",
        SessionFormat.IN_PERSON,
        24,
        (Level.B1, Level.B2, Level.C1),
        9,
    ),
    _Plan(
        "Marseille",
        9,
        time(18, 0),
        60,
        "Marseille ↔ Los Angeles: trade-show English",
        "Marseille ↔ Los Angeles\u00a0: l’anglais des salons professionnels",
        "A joint online session with our Los Angeles partners: booth talk, follow-ups, small talk.",
        "Une session en ligne commune avec nos partenaires de Los Angeles\u00a0: parler sur un "
        "stand, relancer un contact, engager la conversation.",
        SessionFormat.ONLINE,
        40,
        _ALL_LEVELS,
        14,
        co_hosts=("Los Angeles",),
    ),
    _Plan(
        "Marseille",
        13,
        time(12, 15),
        75,
        "Negotiation basics over lunch",
        "Les bases de la négociation, le temps d’un déjeuner",
        "Practise proposing, conceding and closing, around the table and on screen.",
        "Entraînez-vous à proposer, concéder et conclure, autour de la table et à l’écran.",
        SessionFormat.HYBRID,
        12,
        (Level.B2, Level.C1, Level.C2),
        11,
    ),
    _Plan(
        "Marseille",
        20,
        time(18, 30),
        90,
        "Small talk for beginners",
        "Small talk pour débutants",
        "Gentle conversation tables for those who are starting again with English.",
        "Des tables de conversation bienveillantes pour reprendre l’anglais en douceur.",
        SessionFormat.IN_PERSON,
        10,
        (Level.A1, Level.A2, Level.B1),
        12,
    ),
    _Plan(
        "Los Angeles",
        8,
        time(17, 30),
        90,
        "French Tech meetup in Los Angeles",
        "Rencontre French Tech à Los Angeles",
        "French founders and Californian partners meet for an evening of introductions.",
        "Fondateurs français et partenaires californiens se rencontrent le temps d’une soirée.",
        SessionFormat.IN_PERSON,
        30,
        (Level.B2, Level.C1, Level.C2),
        6,
    ),
    _Plan(
        "Los Angeles",
        15,
        time(9, 0),
        60,
        "Exporting to California: your questions",
        "Exporter en Californie\u00a0: vos questions",
        "An hour online with Los Angeles advisers on setting up and selling in the US.",
        "Une heure en ligne avec des conseillers de Los Angeles pour s’implanter et vendre "
        "aux États-Unis.",
        SessionFormat.ONLINE,
        50,
        _ALL_LEVELS,
        3,
    ),
    _Plan(
        "Marseille",
        27,
        time(18, 30),
        90,
        "Writing business e-mails",
        "Rédiger ses e-mails professionnels",
        "Draft, being prepared.",
        "Brouillon en préparation.",
        SessionFormat.IN_PERSON,
        20,
        _ALL_LEVELS,
        0,
        SessionStatus.DRAFT,
    ),
]

_FIRST_NAMES = [
    "Camille",
    "Léa",
    "Hugo",
    "Inès",
    "Karim",
    "Sofia",
    "Théo",
    "Yasmine",
    "Lucas",
    "Chloé",
    "Mehdi",
    "Anaïs",
    "Julien",
    "Nour",
    "Emma",
    "Raphaël",
]
_LAST_NAMES = [
    "Martin",
    "Benali",
    "Rossi",
    "Nguyen",
    "Lefèvre",
    "Garcia",
    "Moreau",
    "Haddad",
    "Fabre",
    "Durand",
    "Costa",
    "Mercier",
    "Roux",
    "Blanc",
]
_FULL_NAMES = [(first, last) for first in _FIRST_NAMES for last in _LAST_NAMES]
_COMPANIES = [
    "Calanques Digital",
    "Provence Logistique",
    "Atelier Savonnier",
    "Massilia Invest",
    "Port Sud Énergie",
    "Cap Santé",
    "Studio Vieux-Port",
    "Mistral Conseil",
]


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(Chapter))


def _local(day: datetime, clock: time, zone: str) -> datetime:
    return local_to_utc(day.date(), clock, zone, fold=0)


def load_demo(session: Session, now: datetime, seed: int = 2026) -> list[DemoLogin]:
    """Create the demo chapters, organisers and sessions. Call on an empty database."""
    # Seeded on purpose (the same demo every time); nothing secret is drawn from it.
    rng = random.Random(seed)  # noqa: S311
    logins: list[DemoLogin] = []
    with write_transaction(session):
        chapters = {
            "Marseille": Chapter(
                name="Marseille",
                slug="marseille",
                timezone="Europe/Paris",
                contact_email="marseille@business-corner.example",
            ),
            "Los Angeles": Chapter(
                name="Los Angeles",
                slug="los-angeles",
                timezone="America/Los_Angeles",
                contact_email="los-angeles@business-corner.example",
            ),
        }
        session.add_all(chapters.values())
        organisers = []
        for chapter in chapters.values():
            password = secrets.token_urlsafe(12)
            organiser = Organiser(
                email=f"organiser@{chapter.slug}.business-corner.example",
                name=f"{chapter.name} organiser",
                chapter=chapter,
                role=Role.ADMIN,
            )
            organiser.set_password(password)
            session.add(organiser)
            organisers.append(organiser)
            logins.append(DemoLogin(chapter.name, organiser.email, password))
        for plan in _PLANS:
            chapter = chapters[plan.chapter]
            local_today = now.astimezone(ZoneInfo(chapter.timezone))
            day = local_today + timedelta(days=plan.days_ahead)
            starts_at = _local(day, plan.start, chapter.timezone)
            event = EventSession(
                chapter=chapter,
                title_en=plan.title_en,
                title_fr=plan.title_fr,
                description_en=plan.description_en,
                description_fr=plan.description_fr,
                format=plan.format,
                capacity=plan.capacity,
                levels=plan.levels,
                venue="" if plan.format is SessionFormat.ONLINE else _venue(plan.chapter),
                video_url=""
                if plan.format is SessionFormat.IN_PERSON
                else "https://meet.business-corner.example/" + secrets.token_hex(4),
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=plan.minutes),
                timezone=chapter.timezone,
                status=plan.status,
                published_at=now if plan.status is SessionStatus.PUBLISHED else None,
            )
            event.host_links.extend(SessionHost(chapter=chapters[name]) for name in plan.co_hosts)
            session.add(event)
            times = _signup_times(rng, plan.registrations, now)
            # Distinct names: two "Camille Durand" at one session would puzzle an organiser
            # reading the demo's attendee list or table plan.
            names = rng.sample(_FULL_NAMES, len(times))
            for index, (queued, name) in enumerate(zip(times, names, strict=True)):
                session.add(_attendee(rng, event, index, queued, name))
        session.flush()
        _demo_series(session, rng, chapters["Marseille"], organisers[0], now)
        load_demo_tandems(session, chapters, organisers[0], now)
    return logins


#: The demo series: every first Thursday at 18:30 in Marseille. Eight months always span a
#: clock change (the end of March or of October), so its page shows Los Angeles' time move.
DEMO_SERIES_DATES = 8


def _demo_series(
    session: Session, rng: random.Random, chapter: Chapter, organiser: Organiser, now: datetime
) -> None:
    """A published monthly series with registrations on its first dates."""
    zone = ZoneInfo(chapter.timezone)
    first_day = now.astimezone(zone).date() + timedelta(days=7)
    rule = SeriesRule(
        Recurrence.MONTHLY_WEEKDAY,
        first_day=first_day,
        weekday=3,
        nth=1,
        count=DEMO_SERIES_DATES,
    )
    starts = datetime.combine(first_day, time(18, 30), zone).astimezone(UTC)
    template = SessionDetails(
        title_en="First Thursday: Business corner Marseille",
        title_fr="Premier jeudi : Business corner Marseille",
        description_en="Every first Thursday of the month: an hour of business English.",
        description_fr="Chaque premier jeudi du mois : une heure d'anglais des affaires.",
        format=SessionFormat.IN_PERSON,
        venue=_venue(chapter.name),
        video_url="",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=90),
        timezone=chapter.timezone,
        capacity=16,
        levels=(Level.B1, Level.B2, Level.C1),
    )
    series = Series(
        chapter_id=chapter.id,
        title_en=template.title_en,
        title_fr=template.title_fr,
        timezone=chapter.timezone,
        starts_local=time(18, 30),
        duration_minutes=90,
        recurrence=rule.recurrence,
        first_day=first_day,
        weekday=3,
        nth=1,
        count=DEMO_SERIES_DATES,
        created_at=now,
    )
    session.add(series)
    session.flush()
    for position, day in enumerate(series_days(rule)):
        event = add_draft(
            session,
            organiser,
            details_on(template, day, time(18, 30)),
            now=now,
            series_id=series.id,
        )
        event.status, event.published_at = SessionStatus.PUBLISHED, now
        # Registrations on the first three dates, fewer as the season goes on.
        count = max(0, 12 - 5 * position)
        names = rng.sample(_FULL_NAMES, count)
        for index, (queued, name) in enumerate(
            zip(_signup_times(rng, count, now), names, strict=True)
        ):
            session.add(_attendee(rng, event, index, queued, name))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _venue(chapter: str) -> str:
    if chapter == "Marseille":
        return "Palais de la Bourse, 9 La Canebière, 13001 Marseille"
    return "1601 Vine Street, Los Angeles, CA 90028"


#: People sign up in the days after each newsletter, so the dashboard's chart has a shape.
_NEWSLETTER_DAYS_AGO = (20, 13, 5)


def _signup_times(rng: random.Random, count: int, now: datetime) -> list[datetime]:
    """When the demo attendees signed up, oldest first, never in the future."""
    latest = now - timedelta(minutes=5)
    times = (
        now
        - timedelta(days=rng.choice(_NEWSLETTER_DAYS_AGO))
        + timedelta(hours=rng.expovariate(1 / 30))
        for _ in range(count)
    )
    return sorted(min(moment, latest) for moment in times)


def _attendee(
    rng: random.Random, event: EventSession, index: int, queued: datetime, name: tuple[str, str]
) -> Registration:
    first, last = name
    return Registration(
        event_session=event,
        first_name=first,
        last_name=last,
        email=_ascii(f"{first}.{last}.{index}@example.com").lower(),
        company=rng.choice(_COMPANIES),
        job_title=rng.choice(["", "Founder", "Sales manager", "Gérante", "Export manager"]),
        sector=rng.choice(list(Sector)),
        level=rng.choice(event.levels),
        can_host=rng.random() < 0.15,
        locale=rng.choice(["fr", "fr", "en"]),
        # Past the capacity, people wait (the beginners' session is full): the
        # people before this one all have a seat, so ``index`` seats are gone.
        status=place_status(index, event.capacity),
        consent_at=queued,
        consent_version=PRIVACY_NOTICE_VERSION,
        queued_at=queued,
        created_at=queued,
        updated_at=queued,
    )
