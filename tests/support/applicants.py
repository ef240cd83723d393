"""What an attendee gives: to a service (an Applicant) or from a browser (the form's fields)."""

from __future__ import annotations

from business_corner.services.registration import Applicant, Details
from business_corner.vocabulary import Level, Sector


def applicant(
    email: str = "ana@example.com",
    *,
    first_name: str = "Ana",
    last_name: str = "Martin",
    locale: str = "fr",
    level: Level = Level.B1,
    sector: Sector = Sector.DIGITAL,
    can_host: bool = False,
    consent: bool = True,
) -> Applicant:
    return Applicant(
        details=Details(
            first_name=first_name,
            last_name=last_name,
            company="Calanques SAS",
            sector=sector,
            level=level,
            job_title="Founder",
            can_host=can_host,
        ),
        email=email,
        locale=locale,
        consent=consent,
    )


def registration_form(**overrides: str) -> dict[str, str]:
    """What a browser posts from the registration form."""
    form = {
        "first_name": "Ana",
        "last_name": "Martin",
        "email": "ana@example.com",
        "company": "Calanques SAS",
        "job_title": "Founder",
        "sector": "digital",
        "level": "B1",
        "consent": "y",
    }
    form.update(overrides)
    return {key: value for key, value in form.items() if value is not None}
