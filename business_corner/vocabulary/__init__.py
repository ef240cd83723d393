"""Controlled vocabularies: stable codes in the database, translated labels on screen."""

from business_corner.vocabulary.audiences import Audience
from business_corner.vocabulary.audit import AuditAction, AuditSubject
from business_corner.vocabulary.feedback import TableFit
from business_corner.vocabulary.formats import SessionFormat
from business_corner.vocabulary.levels import Level
from business_corner.vocabulary.notices import Notice
from business_corner.vocabulary.recurrence import Recurrence
from business_corner.vocabulary.roles import Role
from business_corner.vocabulary.sectors import Sector
from business_corner.vocabulary.statuses import (
    Attendance,
    RegistrationStatus,
    SessionStatus,
    StillComing,
)
from business_corner.vocabulary.tandems import (
    MemberStatus,
    RoundStatus,
    TandemFrequency,
    TandemReport,
    TandemState,
)

__all__ = [
    "Attendance",
    "Audience",
    "AuditAction",
    "AuditSubject",
    "Level",
    "MemberStatus",
    "Notice",
    "Recurrence",
    "RegistrationStatus",
    "Role",
    "RoundStatus",
    "Sector",
    "SessionFormat",
    "SessionStatus",
    "StillComing",
    "TableFit",
    "TandemFrequency",
    "TandemReport",
    "TandemState",
]
