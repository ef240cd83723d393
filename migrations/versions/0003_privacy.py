"""Privacy: when a registration's personal data was erased; outbox lookups by registration

Revision ID: 0003_privacy
Revises: 0002_calendar
Create Date: 2026-11-26

"""
import sqlalchemy as sa
from alembic import op

revision = "0003_privacy"
down_revision = "0002_calendar"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_message_registration_id"), ["registration_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_message_registration_id"))
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
