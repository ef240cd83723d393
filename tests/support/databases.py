"""Test databases: a migrated SQLite file per test, and one PostgreSQL database per run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask_migrate import upgrade

from business_corner import create_app
from business_corner.config import sqlalchemy_url
from business_corner.extensions import db

#: The PostgreSQL server for the second run of every database test ("" runs SQLite only).
POSTGRES_BASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def migrate(url: str) -> None:
    """Bring a database to the latest schema through the Alembic migrations."""
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "migrations"})
    with app.app_context():
        upgrade()
        db.engine.dispose()


@contextmanager
def throwaway_postgres(base_url: str) -> Iterator[str]:
    """A fresh database next to ``base_url``, dropped afterwards (runs never collide)."""
    admin = sa.create_engine(sqlalchemy_url(base_url), isolation_level="AUTOCOMMIT")
    name = f"business_corner_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(sqlalchemy_url(base_url)).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def empty_all_tables(url: str) -> None:
    engine = sa.create_engine(sqlalchemy_url(url))
    tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    engine.dispose()
