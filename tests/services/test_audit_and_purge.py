"""The retention period applies to the audit trail and to invitations nobody accepted."""

from __future__ import annotations

from datetime import timedelta

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import AuditEntry, Invitation
from business_corner.services import audit, team
from business_corner.services.privacy import purge
from business_corner.vocabulary import AuditAction, AuditSubject, Role


def test_purge_deletes_old_entries_and_old_unaccepted_invitations(organiser):
    now = utcnow()
    old = now - timedelta(days=400)
    for moment in (old, now - timedelta(days=10)):
        audit.record(
            db.session, organiser, AuditAction.FEED_ROTATED, AuditSubject.ORGANISER, 1, {}, moment
        )
    db.session.commit()
    team.invite(db.session, organiser, "late@cci.example", Role.STAFF, "fr", old)
    team.invite(db.session, organiser, "recent@cci.example", Role.STAFF, "fr", now)

    report = purge(db.session, now, retention_months=12)

    assert (report.audit_entries, report.invitations) == (2, 1)  # the old invite's entry too
    assert all(e.at > old for e in db.session.scalars(db.select(AuditEntry)))
    assert db.session.scalars(db.select(Invitation.email)).all() == ["recent@cci.example"]


def test_entries_come_newest_first_one_page_at_a_time_and_filtered(
    organiser, make_organiser, marseille
):
    other = make_organiser(marseille, email="other@cci.example", role=Role.STAFF)
    now = utcnow()
    for minutes, actor, action in (
        (5, organiser, AuditAction.FEED_ROTATED),
        (4, other, AuditAction.FEED_ROTATED),
        (3, organiser, AuditAction.SESSION_CREATED),
        (2, organiser, AuditAction.FEED_ROTATED),
        (1, other, AuditAction.SESSION_CREATED),
    ):
        audit.record(
            db.session,
            actor,
            action,
            AuditSubject.SESSION,
            minutes,
            {},
            now - timedelta(minutes=minutes),
        )
    db.session.commit()
    first = audit.entries(db.session, marseille.id, audit.AuditFilter(), page_size=2)
    assert [e.subject_id for e in first.entries] == [1, 2]
    second = audit.entries(
        db.session, marseille.id, audit.AuditFilter(), before_id=first.next_before_id, page_size=2
    )
    assert [e.subject_id for e in second.entries] == [3, 4]
    rotated_by_me = audit.entries(
        db.session,
        marseille.id,
        audit.AuditFilter(action=AuditAction.FEED_ROTATED, actor_id=organiser.id),
    )
    assert [e.subject_id for e in rotated_by_me.entries] == [2, 5]
    recent = audit.entries(
        db.session, marseille.id, audit.AuditFilter(since=now - timedelta(minutes=3, seconds=30))
    )
    assert [e.subject_id for e in recent.entries] == [1, 2, 3]
    assert audit.entries(db.session, marseille.id + 1, audit.AuditFilter()).entries == []
