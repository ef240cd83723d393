"""One outbox for every kind of message: failed state, recipient, language, sender heartbeat

Revision ID: 0007_outbox_for_everyone
Revises: 0006_table_plans
Create Date: 2026-11-27

"""
import sqlalchemy as sa
from alembic import op

revision = "0007_outbox_for_everyone"
down_revision = "0006_table_plans"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("failed_at")
