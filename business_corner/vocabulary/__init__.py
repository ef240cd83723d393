"""Controlled vocabularies: stable codes in the database, translated labels on screen."""

from business_corner.vocabulary.formats import SessionFormat
from business_corner.vocabulary.levels import Level
from business_corner.vocabulary.notices import Notice
from business_corner.vocabulary.sectors import Sector
from business_corner.vocabulary.statuses import (
    Attendance,
    RegistrationStatus,
    SessionStatus,
    StillComing,
)

__all__ = [
    "Attendance",
    "Level",
    "Notice",
    "RegistrationStatus",
    "Sector",
    "SessionFormat",
    "SessionStatus",
    "StillComing",
]
