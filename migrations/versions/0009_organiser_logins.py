"""Organiser logins kept on the server, so that logging out really ends them

Revision ID: 0009_organiser_logins
Revises: 0008_walk_in_cascade
Create Date: 2026-12-01

"""

from alembic import op
import sqlalchemy as sa


revision = "0009_organiser_logins"
down_revision = "0008_walk_in_cascade"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "organiser_login",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organiser_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organiser_id"],
            ["organiser.id"],
            name=op.f("fk_organiser_login_organiser_id_organiser"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organiser_login")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_organiser_login_token_hash")),
    )
    with op.batch_alter_table("organiser_login", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organiser_login_organiser_id"), ["organiser_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("organiser_login", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organiser_login_organiser_id"))
    op.drop_table("organiser_login")
