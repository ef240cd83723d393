"""The audit trail page (chapter admins only): who did what and when, filterable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext

from business_corner.extensions import db
from business_corner.formatting import current_locale
from business_corner.models import (
    AttendeeMessage,
    AuditEntry,
    Chapter,
    EventSession,
    Invitation,
    Organiser,
)
from business_corner.organiser import bp
from business_corner.organiser.access import admins_only, current_organiser
from business_corner.organiser.team_forms import AuditFilterForm
from business_corner.services import audit
from business_corner.services import team as team_service
from business_corner.vocabulary import AuditAction, AuditSubject, Role


@dataclass(frozen=True)
class Subject:
    """What an entry is about, as the page shows it: words, and where to see it now."""

    text: str
    endpoint: str | None = None
    values: dict[str, int] | None = None


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    subject: Subject
    summary: str


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


@bp.get("/audit")
@admins_only
def audit_trail() -> tuple[str, int]:
    """Every change made by the chapter's team, newest first, filtered by action, member
    and the chapter's local days."""
    organiser = current_organiser()
    chapter = organiser.chapter
    zone = ZoneInfo(chapter.timezone)
    members = list(team_service.members(db.session(), chapter.id))
    form = AuditFilterForm(formdata=request.args, members=members)
    valid = form.validate()
    wanted = audit.AuditFilter()
    if valid:
        wanted = audit.AuditFilter(
            action=form.chosen_action(),
            actor_id=form.chosen_member(),
            since=_local_midnight(form.since.data, zone) if form.since.data else None,
            until=_local_midnight(form.until.data + timedelta(days=1), zone)
            if form.until.data
            else None,
        )
    before = request.args.get("before", type=int)
    page = audit.entries(
        db.session(), chapter.id, wanted, before_id=before if before and before < 2**31 else None
    )
    return render_template(
        "organiser/audit.html",
        form=form,
        rows=_rows(page.entries),
        next_before=page.next_before_id,
        zone=zone,
        filters={key: value for key, value in request.args.items() if key != "before"},
    ), (200 if valid else 422)


def _rows(entries: Sequence[AuditEntry]) -> list[AuditRow]:
    """The entries with their subjects, read in one query per kind of subject."""
    ids: dict[AuditSubject, set[int]] = {}
    for entry in entries:
        if entry.subject_id is not None:
            ids.setdefault(entry.subject_type, set()).add(entry.subject_id)
    sessions = _by_id(EventSession, ids.get(AuditSubject.SESSION))
    organisers = _by_id(Organiser, ids.get(AuditSubject.ORGANISER))
    invitations = _by_id(Invitation, ids.get(AuditSubject.INVITATION))
    messages = _by_id(AttendeeMessage, ids.get(AuditSubject.MESSAGE))
    chapter_names: dict[str, str] = {}
    if any(entry.action is AuditAction.HOSTS_CHANGED for entry in entries):
        chapter_names = {
            slug: name for slug, name in db.session.execute(db.select(Chapter.slug, Chapter.name))
        }
    rows = []
    for entry in entries:
        details = audit.details_of(entry)
        subject = _subject(entry, details, sessions, organisers, invitations, messages)
        summary = (
            _hosts_summary(details, chapter_names)
            if entry.action is AuditAction.HOSTS_CHANGED
            else _summary(entry.action, details)
        )
        rows.append(AuditRow(entry, subject, summary))
    return rows


def _hosts_summary(details: dict[str, audit.DetailValue], names: dict[str, str]) -> str:
    """Which chapters gained or lost a joint session, by name (the entry keeps slugs)."""

    def chapters(key: str) -> str:
        slugs = [slug for slug in str(details.get(key) or "").split(",") if slug]
        return ", ".join(names.get(slug, slug) for slug in slugs) or "—"

    return _(
        "Added: %(added)s · removed: %(removed)s",
        added=chapters("added"),
        removed=chapters("removed"),
    )


def _by_id(
    model: type[EventSession | Organiser | Invitation | AttendeeMessage], ids: set[int] | None
) -> dict[int, object]:
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(db.select(model).where(model.id.in_(ids)))}


def _title_of(event: EventSession) -> str:
    return event.title_in(current_locale()).text


def _subject(
    entry: AuditEntry,
    details: dict[str, audit.DetailValue],
    sessions: dict[int, object],
    organisers: dict[int, object],
    invitations: dict[int, object],
    messages: dict[int, object],
) -> Subject:
    number = entry.subject_id
    kind = entry.subject_type
    if kind is AuditSubject.SESSION:
        event = sessions.get(number or 0)
        if isinstance(event, EventSession):
            return Subject(_title_of(event), "organiser.attendees", {"event_id": event.id})
        return Subject(_("Session no. %(id)s (deleted)", id=number))
    if kind is AuditSubject.ORGANISER:
        member = organisers.get(number or 0)
        return Subject(member.display_name if isinstance(member, Organiser) else str(number))
    if kind is AuditSubject.INVITATION:
        invitation = invitations.get(number or 0)
        return Subject(invitation.email if isinstance(invitation, Invitation) else str(number))
    if kind is AuditSubject.MESSAGE:
        message = messages.get(number or 0)
        if isinstance(message, AttendeeMessage):
            return Subject(
                _("Message no. %(id)s", id=message.id),
                "organiser.attendee_message",
                {"event_id": message.event_session_id, "message_id": message.id},
            )
    event_id = details.get("session")
    if kind is AuditSubject.WALK_IN and isinstance(event_id, int):
        return Subject(
            _("Walk-in no. %(id)s", id=number), "organiser.tables", {"event_id": event_id}
        )
    return Subject(f"{kind.label} no. {number}" if number is not None else kind.label)


def _number(details: dict[str, audit.DetailValue], key: str) -> int:
    value = details.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _role_label(value: audit.DetailValue) -> str:
    try:
        return Role(str(value)).label
    except ValueError:
        return str(value)


def _summary(action: AuditAction, details: dict[str, audit.DetailValue]) -> str:
    """The entry's details in a few words, in the reader's language."""
    if action is AuditAction.CAPACITY_CHANGED:
        return _(
            "From %(before)s to %(after)s seats",
            before=_number(details, "from"),
            after=_number(details, "to"),
        )
    if action is AuditAction.ROLE_CHANGED:
        return _(
            "From %(before)s to %(after)s",
            before=_role_label(details.get("from")),
            after=_role_label(details.get("to")),
        )
    if action in (AuditAction.MEMBER_INVITED, AuditAction.MEMBER_JOINED):
        return _("As %(role)s", role=_role_label(details.get("role")))
    if action in (AuditAction.SESSION_CANCELLED, AuditAction.SESSION_EDITED):
        told = _number(details, "told")
        return ngettext("%(num)s person told by e-mail", "%(num)s people told by e-mail", told)
    if action in (AuditAction.MESSAGE_SENT, AuditAction.TABLES_SENT):
        count = _number(details, "recipients")
        return ngettext("%(num)s recipient", "%(num)s recipients", count)
    if action in (AuditAction.ATTENDEES_EXPORTED, AuditAction.TABLES_EXPORTED):
        return _("Format: %(format)s", format=str(details.get("format", "")).upper())
    if action is AuditAction.TABLES_PLANNED:
        people = _number(details, "people")
        return ngettext("%(num)s person seated", "%(num)s people seated", people)
    if action is AuditAction.MEMBER_DEACTIVATED:
        ended = _number(details, "logins_ended")
        return ngettext("%(num)s login ended", "%(num)s logins ended", ended)
    if action in (
        AuditAction.SERIES_CREATED,
        AuditAction.SERIES_PUBLISHED,
        AuditAction.SERIES_EDITED_FROM,
    ):
        return ngettext("%(num)d date", "%(num)d dates", _number(details, "dates"))
    if action is AuditAction.PASSWORD_CHANGED:
        ended = _number(details, "other_logins_ended")
        return ngettext("%(num)s other login ended", "%(num)s other logins ended", ended)
    return ""
