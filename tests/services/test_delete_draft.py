"""A draft goes with what hangs off it: walk-ins added and tables planned before publishing."""

from __future__ import annotations

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import EventSession, TablePlan, WalkIn
from business_corner.services import walk_ins
from business_corner.services.sessions import delete_draft
from business_corner.services.tables import session_plans as table_plans
from business_corner.services.walk_ins import Newcomer
from business_corner.vocabulary import Level, Sector, SessionStatus


def test_a_draft_with_a_walk_in_and_a_plan_is_deleted(organiser, marseille, make_session, now):
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    draft_id = draft.id
    for name in ("Walk-in one", "Walk-in two"):
        walk_ins.add_walk_in(
            db.session,
            organiser,
            draft.id,
            Newcomer(name, Level.B1, Sector.HEALTH, can_host=False),
            now=now,
        )
    table_plans.make_plan(
        db.session, organiser, draft.id, table_plans.default_settings(draft), now=now
    )
    other = make_session(marseille, status=SessionStatus.DRAFT)
    walk_ins.add_walk_in(
        db.session,
        organiser,
        other.id,
        Newcomer("Someone else's", Level.C1, Sector.OTHER, can_host=True),
        now=now,
    )
    db.session.commit()

    delete_draft(db.session, organiser, draft_id, now=utcnow())
    db.session.commit()

    assert db.session.get(EventSession, draft_id) is None
    assert [w.name for w in db.session.scalars(db.select(WalkIn))] == ["Someone else's"]
    assert db.session.scalars(db.select(TablePlan)).all() == []


def test_the_delete_button_works_with_a_walk_in(
    client, organiser, login, marseille, make_session, now
):
    login(organiser)
    draft_id = make_session(marseille, status=SessionStatus.DRAFT).id
    client.post(
        f"/organiser/sessions/{draft_id}/walk-ins",
        data={"name": "Zoé", "level": "B2", "sector": "health"},
    )
    assert db.session.scalars(db.select(WalkIn)).one().event_session_id == draft_id

    response = client.post(f"/organiser/sessions/{draft_id}/delete")
    assert response.status_code == 302
    assert db.session.get(EventSession, draft_id) is None
    assert db.session.scalars(db.select(WalkIn)).all() == []
