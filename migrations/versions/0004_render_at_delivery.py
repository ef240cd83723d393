"""Outbox messages may wait to be written until they are sent

Revision ID: 0004_render_at_delivery
Revises: 0003_privacy
Create Date: 2026-11-26

"""
import sqlalchemy as sa
from alembic import op

revision = "0004_render_at_delivery"
down_revision = "0003_privacy"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column("raw", existing_type=sa.LargeBinary(), nullable=True)
        batch_op.add_column(sa.Column("details", sa.Text(), nullable=True))


def downgrade():
    # Messages not yet written get an empty body rather than blocking the downgrade.
    op.execute("UPDATE outbox_message SET raw = '' WHERE raw IS NULL")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("details")
        batch_op.alter_column("raw", existing_type=sa.LargeBinary(), nullable=False)
