"""Typed SQLAlchemy 2.0 models, one file per aggregate."""

from business_corner.models.attendee_message import AttendeeMessage
from business_corner.models.audit_entry import AuditEntry
from business_corner.models.chapter import Chapter
from business_corner.models.event_session import EventSession, LocalizedText
from business_corner.models.feedback import ContactChoice, Feedback
from business_corner.models.follower import Follower
from business_corner.models.invitation import Invitation
from business_corner.models.mail_sender import MailSender
from business_corner.models.organiser import Organiser
from business_corner.models.organiser_login import OrganiserLogin
from business_corner.models.outbox import OutboxMessage
from business_corner.models.registration import Registration
from business_corner.models.series import Series
from business_corner.models.session_host import SessionHost
from business_corner.models.table_plan import TablePlan, WalkIn
from business_corner.models.tandem import Tandem, TandemRound
from business_corner.models.tandem_member import TandemMember, TandemVeto

__all__ = [
    "AttendeeMessage",
    "AuditEntry",
    "Chapter",
    "ContactChoice",
    "EventSession",
    "Feedback",
    "Follower",
    "Invitation",
    "LocalizedText",
    "MailSender",
    "Organiser",
    "OrganiserLogin",
    "OutboxMessage",
    "Registration",
    "Series",
    "SessionHost",
    "TablePlan",
    "Tandem",
    "TandemMember",
    "TandemRound",
    "TandemVeto",
    "WalkIn",
]
