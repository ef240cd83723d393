"""Every schema change is a migration, and the migrations match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from business_corner.extensions import db


def test_the_migrated_schema_matches_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_go_down_and_up_again(app):
    downgrade(revision="base")
    assert "registration" not in db.inspect(db.engine).get_table_names()
    upgrade()
    assert {"chapter", "organiser", "event_session", "registration", "outbox_message"} <= set(
        db.inspect(db.engine).get_table_names()
    )


def test_sessions_created_before_calendars_get_a_uid(app):
    """0002 backfills calendar UIDs for sessions that existed before it."""
    downgrade(revision="0001_initial")
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO chapter (name, slug, timezone, contact_email, created_at) "
            "VALUES ('M', 'm', 'Europe/Paris', 'm@x.fr', '2026-01-01 00:00:00+00')"
        )
        for _ in range(2):
            connection.exec_driver_sql(
                "INSERT INTO event_session (chapter_id, title_en, title_fr, description_en, "
                "description_fr, format, venue, video_url, starts_at, ends_at, timezone, "
                "capacity, levels, status, created_at, updated_at) VALUES (1, 'a', 'b', '', '', "
                "'online', '', 'https://m.x', '2026-12-01 10:00:00+00', "
                "'2026-12-01 11:00:00+00', 'Europe/Paris', 3, 'B1', 'published', "
                "'2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')"
            )
    upgrade()
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT calendar_uid, calendar_sequence FROM event_session"
        ).all()
    assert len({uid for uid, _ in rows}) == 2
    assert all(uid.endswith("@business-corner") and sequence == 0 for uid, sequence in rows)


def test_existing_sessions_are_hosted_by_their_chapter(app):
    """0014 copies each session's chapter into the host table; going down drops the table."""
    downgrade(revision="0011_team")
    assert "session_host" not in db.inspect(db.engine).get_table_names()
    with db.engine.begin() as connection:
        for slug in ("m", "la"):
            connection.execute(
                text(
                    "INSERT INTO chapter (name, slug, timezone, contact_email, created_at) "
                    "VALUES (:slug, :slug, 'Europe/Paris', 'm@x.fr', '2026-01-01 00:00:00+00')"
                ),
                {"slug": slug},
            )
        for number, chapter_id in enumerate((1, 2, 2)):
            connection.execute(
                text(
                    "INSERT INTO event_session (chapter_id, title_en, title_fr, description_en, "
                    "description_fr, format, venue, video_url, starts_at, ends_at, timezone, "
                    "capacity, levels, status, created_at, updated_at, calendar_uid, "
                    "calendar_sequence, confirm_or_release) VALUES (:chapter, 'a', 'b', '', '', "
                    "'online', '', 'https://m.x', '2026-12-01 10:00:00+00', "
                    "'2026-12-01 11:00:00+00', 'Europe/Paris', 3, 'B1', 'published', "
                    "'2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00', :uid, 0, false)"
                ),
                {"chapter": chapter_id, "uid": f"uid-{number}"},
            )
    upgrade()
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT session_id, chapter_id FROM session_host ORDER BY session_id"
        ).all()
    assert [tuple(row) for row in rows] == [(1, 1), (2, 2), (3, 2)]
