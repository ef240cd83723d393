"""Two admins demote each other at the same moment: the chapter keeps one active admin.

Real threads, each with its own connection, on PostgreSQL (where the lock is a row lock;
SQLite serialises every write transaction anyway). The control run without the chapter's
lock must end with no admin at all: proof that the test can see the race it is about.
"""

from __future__ import annotations

import threading

import pytest

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import Organiser
from business_corner.services import team
from business_corner.services.errors import DomainError
from business_corner.vocabulary import Role
from tests.support.team_faults import pause_before_commit, without_the_chapter_lock

PAUSE_SECONDS = 0.5


def _demote_each_other(app, first_id: int, second_id: int) -> list[object]:
    """Both at once: ``first`` demotes ``second`` while ``second`` demotes ``first``."""
    start = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def demote(slot: int, actor_id: int, target_id: int) -> None:
        with app.app_context():
            actor = db.session.get(Organiser, actor_id)
            start.wait(timeout=10)
            try:
                outcomes[slot] = team.change_role(
                    db.session(), actor, target_id, Role.STAFF, utcnow()
                )
            except DomainError as error:
                outcomes[slot] = error
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=demote, args=(0, first_id, second_id)),
        threading.Thread(target=demote, args=(1, second_id, first_id)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _active_admins(chapter_id: int) -> int:
    db.session.expire_all()
    return len(
        db.session.scalars(
            db.select(Organiser).where(
                Organiser.chapter_id == chapter_id,
                Organiser.role == Role.ADMIN,
                Organiser.active.is_(True),
            )
        ).all()
    )


@pytest.fixture
def two_admins(app, database_url, marseille, make_organiser):
    if database_url.startswith("sqlite"):
        pytest.skip("the row lock is PostgreSQL's; SQLite serialises write transactions")
    first = make_organiser(marseille, email="first@cci.example", role=Role.ADMIN)
    second = make_organiser(marseille, email="second@cci.example", role=Role.ADMIN)
    return first.id, second.id


def test_two_admins_demoting_each_other_leave_one_admin(app, marseille, two_admins, monkeypatch):
    pause_before_commit(monkeypatch, PAUSE_SECONDS)
    outcomes = _demote_each_other(app, *two_admins)
    assert sorted(type(outcome).__name__ for outcome in outcomes) in (
        ["LastAdmin", "bool"],
        ["NotAnAdmin", "bool"],
    ), outcomes
    assert _active_admins(marseille.id) == 1


def test_control_without_the_lock_both_demotions_pass_and_no_admin_is_left(
    app, marseille, two_admins, monkeypatch
):
    pause_before_commit(monkeypatch, PAUSE_SECONDS)
    without_the_chapter_lock(monkeypatch)
    outcomes = _demote_each_other(app, *two_admins)
    assert outcomes == [True, True]
    assert _active_admins(marseille.id) == 0
