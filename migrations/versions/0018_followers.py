"""Followers: addresses told of new dates of a chapter or a series (double opt-in)

Revision ID: 0018_followers
Revises: 0017_series
Create Date: 2026-12-08

"""
from alembic import op
import sqlalchemy as sa


revision = "0018_followers"
down_revision = "0017_series"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "follower",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=True),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("consent_version", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chapter_id"], ["chapter.id"],
            name=op.f("fk_follower_chapter_id_chapter"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series.id"],
            name=op.f("fk_follower_series_id_series"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follower")),
    )
    with op.batch_alter_table("follower", schema=None) as batch_op:
        batch_op.create_index("ix_follower_email", ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_follower_chapter_id"), ["chapter_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follower_series_id"), ["series_id"], unique=False)


def downgrade():
    with op.batch_alter_table("follower", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follower_series_id"))
        batch_op.drop_index(batch_op.f("ix_follower_chapter_id"))
        batch_op.drop_index("ix_follower_email")
    op.drop_table("follower")
