"""Indexes for the feeds' version check and the retention purge

Revision ID: 0005_indexes
Revises: 0004_render_at_delivery
Create Date: 2026-11-26

"""
from alembic import op

revision = "0005_indexes"
down_revision = "0004_render_at_delivery"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_session_ends_at"), ["ends_at"], unique=False)
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registration_erased_at"), ["erased_at"], unique=False)


def downgrade():
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registration_erased_at"))
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_session_ends_at"))
