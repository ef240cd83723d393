"""Controlled vocabularies: stable codes in the database, translated labels on screen."""

from business_corner.vocabulary.formats import SessionFormat
from business_corner.vocabulary.levels import Level
from business_corner.vocabulary.notices import Notice
from business_corner.vocabulary.sectors import Sector
from business_corner.vocabulary.statuses import RegistrationStatus, SessionStatus
from business_corner.vocabulary.tandems import (
    MemberStatus,
    RoundStatus,
    TandemFrequency,
    TandemReport,
    TandemState,
)

__all__ = [
    "Level",
    "MemberStatus",
    "Notice",
    "RegistrationStatus",
    "RoundStatus",
    "Sector",
    "SessionFormat",
    "SessionStatus",
    "TandemFrequency",
    "TandemReport",
    "TandemState",
]
