"""Calendar: a stable UID and SEQUENCE per session, reminders, private feed versions

Revision ID: 0002_calendar
Revises: 0001_initial
Create Date: 2026-11-26

"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002_calendar"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_uid", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column("calendar_sequence", sa.Integer(), nullable=False, server_default="0")
        )
    # Existing sessions get their UID now; it never changes afterwards.
    sessions = sa.table("event_session", sa.column("id", sa.Integer), sa.column("calendar_uid", sa.String))
    connection = op.get_bind()
    for (session_id,) in connection.execute(sa.select(sessions.c.id)).all():
        connection.execute(
            sessions.update()
            .where(sessions.c.id == session_id)
            .values(calendar_uid=f"{uuid.uuid4()}@business-corner")
        )
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.alter_column("calendar_uid", existing_type=sa.String(length=100), nullable=False)
        batch_op.alter_column("calendar_sequence", server_default=None)
        batch_op.create_unique_constraint(batch_op.f("uq_event_session_calendar_uid"), ["calendar_uid"])

    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_sent_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("calendar_feed_version", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.alter_column("calendar_feed_version", server_default=None)


def downgrade():
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.drop_column("calendar_feed_version")
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_column("reminder_sent_at")
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_event_session_calendar_uid"), type_="unique")
        batch_op.drop_column("calendar_sequence")
        batch_op.drop_column("calendar_uid")
