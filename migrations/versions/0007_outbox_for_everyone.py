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
        # The dashboard lists failed mail; the purge empties it with the sent.
        batch_op.create_index(batch_op.f("ix_outbox_message_failed_at"), ["failed_at"], unique=False)
        # Recipients without a registration carry their own name and language.
        batch_op.add_column(sa.Column("recipient_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("locale", sa.String(length=5), nullable=True))
    op.create_table(
        "mail_sender",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_mail_sender")),
    )


def downgrade():
    op.drop_table("mail_sender")
    # Messages to people without a registration cannot be kept by the older schema's
    # composition (it dropped them unsent); messages that failed for good are done with.
    op.execute("DELETE FROM outbox_message WHERE registration_id IS NULL AND sent_at IS NULL")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("locale")
        batch_op.drop_column("recipient_name")
        batch_op.drop_index(batch_op.f("ix_outbox_message_failed_at"))
        batch_op.drop_column("failed_at")
