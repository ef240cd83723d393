"""Why a session was cancelled, in both languages, for the mail attendees receive

Revision ID: 0015_cancel_reasons
Revises: 0011_team
Create Date: 2026-12-08

"""

import sqlalchemy as sa
from alembic import op

revision = "0015_cancel_reasons"
down_revision = "0014_session_hosts"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        # Sessions cancelled before this gave no reason; rows inserted without the ORM
        # (race trials, scripts) get an empty one too.
        batch_op.add_column(
            sa.Column("cancel_reason_en", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("cancel_reason_fr", sa.Text(), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason_fr")
        batch_op.drop_column("cancel_reason_en")
