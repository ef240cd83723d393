"""Joint sessions: a session is hosted by several chapters

Revision ID: 0014_session_hosts
Revises: 0011_team
Create Date: 2026-12-08

Every session existing so far has one host, the chapter that created it: its row is
copied from ``event_session.chapter_id``, which stays as the creating chapter.
"""

from alembic import op
import sqlalchemy as sa


revision = "0014_session_hosts"
down_revision = "0011_team"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "session_host",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["chapter_id"], ["chapter.id"], name=op.f("fk_session_host_chapter_id_chapter")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["event_session.id"],
            name=op.f("fk_session_host_session_id_event_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "chapter_id", name=op.f("pk_session_host")),
    )
    with op.batch_alter_table("session_host", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_host_chapter_id"), ["chapter_id"], unique=False
        )
    op.execute(
        "INSERT INTO session_host (session_id, chapter_id) SELECT id, chapter_id FROM event_session"
    )


def downgrade():
    # Co-hosts are forgotten: each session goes back to the chapter that created it.
    with op.batch_alter_table("session_host", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_host_chapter_id"))
    op.drop_table("session_host")
