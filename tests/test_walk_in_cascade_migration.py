"""0008: the foreign keys of walk-ins and table plans cascade, and going down removes that."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade

from business_corner.extensions import db


def _ondelete() -> dict[str, str | None]:
    inspector = db.inspect(db.engine)
    return {
        table: inspector.get_foreign_keys(table)[0]["options"].get("ondelete")
        for table in ("walk_in", "table_plan")
    }


def test_the_cascade_goes_down_and_up(app):
    assert _ondelete() == {"walk_in": "CASCADE", "table_plan": "CASCADE"}
    downgrade(revision="0006_table_plans")
    assert _ondelete() == {"walk_in": None, "table_plan": None}
    upgrade()
    assert _ondelete() == {"walk_in": "CASCADE", "table_plan": "CASCADE"}
