"""Every schema change is a migration, and the migrations match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

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
        db.inspect(db.engine).get_table_names())
