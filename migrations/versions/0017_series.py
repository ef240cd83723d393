"""Series: a programme's rule, and each of its dates a session linked to it

Revision ID: 0017_series
Revises: 0016_after_the_session
Create Date: 2026-12-08

"""
from alembic import op
import sqlalchemy as sa


revision = "0017_series"
down_revision = "0016_after_the_session"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("title_fr", sa.String(length=200), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("starts_local", sa.Time(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column(
            "recurrence",
            sa.Enum(
                "weekly", "monthly_weekday", "dates",
                name="recurrence", native_enum=False, length=32,
            ),
            nullable=False,
        ),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("nth", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("listed_days", sa.Text(), nullable=False),
        sa.Column("skipped_days", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["chapter_id"], ["chapter.id"], name=op.f("fk_series_chapter_id_chapter")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    )
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_series_chapter_id"), ["chapter_id"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        # Not through a batch: on SQLite it would copy event_session into a new table and
        # drop the old one, and with foreign keys on (the app's connections) dropping it
        # deletes every row that cascades from a session (session_host, tables, messages,
        # feedback). A column with its reference can be added in place instead.
        op.execute(
            "ALTER TABLE event_session ADD COLUMN series_id INTEGER "
            "CONSTRAINT fk_event_session_series_id_series REFERENCES series (id)"
        )
        op.create_index("ix_event_session_series_id", "event_session", ["series_id"])
        return
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_event_session_series_id"), ["series_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_event_session_series_id_series"), "series", ["series_id"], ["id"]
        )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        # In place too (SQLite 3.35+), for the same reason as above.
        op.drop_index("ix_event_session_series_id", table_name="event_session")
        op.execute("ALTER TABLE event_session DROP COLUMN series_id")
    else:
        with op.batch_alter_table("event_session", schema=None) as batch_op:
            batch_op.drop_constraint(
                batch_op.f("fk_event_session_series_id_series"), type_="foreignkey"
            )
            batch_op.drop_index(batch_op.f("ix_event_session_series_id"))
            batch_op.drop_column("series_id")
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_chapter_id"))
    op.drop_table("series")
