"""Demo tandem members in both cities, and one past round with its outcomes."""

from __future__ import annotations

import json
import random
import unicodedata
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from business_corner.models import Chapter, Organiser, Tandem, TandemMember, TandemRound
from business_corner.services.tandems.hours import DEFAULT_HOURS, parse_hours
from business_corner.services.tandems.membership import TANDEM_PRIVACY_VERSION
from business_corner.services.tandems.planner import TandemRequest, pair_members
from business_corner.services.tandems.roster import as_planner_member
from business_corner.services.tandems.rounds import new_room
from business_corner.services.tandems.slots import Period
from business_corner.vocabulary import (
    Level,
    MemberStatus,
    RoundStatus,
    Sector,
    TandemFrequency,
    TandemReport,
    TandemState,
)

# (first, last, company, sector, English, French, offers, offers text, seeks, seeks text, hours)
_MARSEILLE = [
    (
        "Camille",
        "Roux",
        "Huilerie du Vieux-Port",
        Sector.AGRIFOOD,
        Level.B1,
        None,
        {Sector.AGRIFOOD},
        "olive oil and tapenades",
        {Sector.TRADE},
        "a US distributor",
    ),
    (
        "Karim",
        "Benali",
        "Provence Logistique",
        Sector.TRANSPORT,
        Level.B2,
        None,
        {Sector.TRANSPORT},
        "freight to and from Fos",
        {Sector.TRADE, Sector.INDUSTRY},
        "US importers",
    ),
    (
        "Léa",
        "Fabre",
        "Calanques Digital",
        Sector.DIGITAL,
        Level.C1,
        None,
        {Sector.DIGITAL},
        "web apps in French and English",
        {Sector.CULTURE},
        "a Hollywood studio",
    ),
    (
        "Inès",
        "Haddad",
        "Cap Santé",
        Sector.HEALTH,
        Level.A2,
        None,
        {Sector.HEALTH},
        "medical devices",
        {Sector.FINANCE},
        "investors in California",
    ),
    (
        "Hugo",
        "Mercier",
        "Mistral Conseil",
        Sector.CONSULTING,
        Level.B2,
        None,
        {Sector.CONSULTING},
        "setting up in France",
        {Sector.DIGITAL},
        "",
    ),
    (
        "Sofia",
        "Costa",
        "Atelier Savonnier",
        Sector.TRADE,
        Level.B1,
        None,
        {Sector.TRADE},
        "Marseille soap",
        {Sector.TRADE},
        "US concept stores",
    ),
    (
        "Théo",
        "Blanc",
        "Port Sud Énergie",
        Sector.ENERGY,
        Level.B2,
        None,
        {Sector.ENERGY},
        "solar for ports",
        {Sector.ENERGY, Sector.FINANCE},
        "",
    ),
    (
        "Yasmine",
        "Moreau",
        "Studio Vieux-Port",
        Sector.CULTURE,
        Level.B1,
        None,
        {Sector.CULTURE},
        "film locations in Provence",
        {Sector.CULTURE},
        "co-producers",
    ),
]
_LOS_ANGELES = [
    (
        "Megan",
        "Brooks",
        "Pacific Gourmet Imports",
        Sector.TRADE,
        Level.C2,
        Level.A2,
        {Sector.TRADE},
        "distribution to delis in California",
        {Sector.AGRIFOOD},
        "French producers",
    ),
    (
        "Daniel",
        "Kim",
        "Harbor Freight Partners",
        Sector.TRANSPORT,
        Level.C2,
        None,
        {Sector.TRANSPORT, Sector.TRADE},
        "customs and warehousing",
        {Sector.INDUSTRY},
        "",
    ),
    (
        "Rosa",
        "Alvarez",
        "Sunset Studios",
        Sector.CULTURE,
        Level.C2,
        Level.B1,
        {Sector.CULTURE},
        "post-production",
        {Sector.CULTURE, Sector.TOURISM},
        "locations in France",
    ),
    (
        "James",
        "Carter",
        "Angel Capital Circle",
        Sector.FINANCE,
        Level.C2,
        None,
        {Sector.FINANCE},
        "seed funding",
        {Sector.HEALTH, Sector.DIGITAL},
        "French start-ups",
    ),
    (
        "Priya",
        "Shah",
        "Venice Code Lab",
        Sector.DIGITAL,
        Level.C2,
        Level.A1,
        {Sector.DIGITAL},
        "mobile apps",
        {Sector.CONSULTING},
        "a partner in Europe",
    ),
    (
        "Tom",
        "Nguyen",
        "Golden State Solar",
        Sector.ENERGY,
        Level.C1,
        None,
        {Sector.ENERGY},
        "solar installers",
        {Sector.ENERGY},
        "",
    ),
]
_HOURS = ["", "mon-thu 17:00-19:30; fri 08:00-10:00", "weekdays 07:30-10:00", ""]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def load_demo_tandems(
    session: Session, chapters: dict[str, Chapter], organiser: Organiser, now: datetime
) -> None:
    """Members (confirmed) in both cities, and a round of two weeks ago with outcomes."""
    rng = random.Random(7)  # noqa: S311 - the same demo every time; nothing secret
    members: list[TandemMember] = []
    for city, people in (("Marseille", _MARSEILLE), ("Los Angeles", _LOS_ANGELES)):
        for index, person in enumerate(people):
            (
                first,
                last,
                company,
                sector,
                english,
                french,
                offers,
                offers_text,
                seeks,
                seeks_text,
            ) = person
            hours = _HOURS[index % len(_HOURS)]
            members.append(
                TandemMember(
                    chapter=chapters[city],
                    first_name=first,
                    last_name=last,
                    email=_ascii(f"{first}.{last}.tandem@example.com").lower(),
                    company=company,
                    sector=sector,
                    english_level=english,
                    french_level=french,
                    offers=frozenset(offers),
                    offers_text=offers_text,
                    seeks=frozenset(seeks),
                    seeks_text=seeks_text,
                    hours=(parse_hours(hours) if hours else DEFAULT_HOURS).text(),
                    frequency=TandemFrequency.EVERY_ROUND,
                    locale="fr" if city == "Marseille" else "en",
                    status=MemberStatus.ACTIVE,
                    consent_at=now - timedelta(days=40),
                    consent_version=TANDEM_PRIVACY_VERSION,
                    confirmed_at=now - timedelta(days=40),
                    created_at=now - timedelta(days=40),
                    updated_at=now - timedelta(days=40),
                )
            )
    session.add_all(members)
    session.flush()
    starts_on = (now - timedelta(days=21)).date()
    past = TandemRound(
        starts_on=starts_on,
        days=14,
        status=RoundStatus.PUBLISHED,
        created_by_id=organiser.id,
        organizer_chapter_id=organiser.chapter_id,
        created_at=now - timedelta(days=23),
        published_at=now - timedelta(days=23),
    )
    session.add(past)
    pairing = pair_members(
        TandemRequest(
            [as_planner_member(m) for m in members],
            ("marseille", "los-angeles"),
            Period(starts_on, 14),
        )
    )
    for pair in pairing.pairs[:4]:
        held = rng.random() < 0.8
        again = held and rng.random() < 0.7
        past.tandems.append(
            Tandem(
                member_a_id=int(pair.a),
                member_b_id=int(pair.b),
                starts_at=pair.starts_at,
                state=TandemState.HELD if held else TandemState.MISSED,
                why=json.dumps([why.to_dict() for why in pair.why]),
                room=new_room(),
                a_report=TandemReport.HELD if held else TandemReport.PARTNER_ABSENT,
                b_report=TandemReport.HELD if held else None,
                a_again=again if held else None,
                b_again=again if held else None,
                follow_up_sent_at=pair.starts_at + timedelta(hours=1),
                created_at=now - timedelta(days=23),
                updated_at=now - timedelta(days=5),
            )
        )
