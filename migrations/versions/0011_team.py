"""A chapter run by a team: roles, invitations, the audit trail, messages to attendees

Revision ID: 0011_team
Revises: 0013_tandems
Create Date: 2026-12-07

Organisers who existed before roles become chapter admins: they could do everything.
"""

from alembic import op
import sqlalchemy as sa


revision = "0011_team"
down_revision = "0013_tandems"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=32), nullable=False, server_default="admin")
        )
        batch_op.add_column(sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True))
    # The default only fills the rows that exist; new organisers get their role from the code.
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.alter_column("role", server_default=None)

    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("organiser_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["chapter_id"], ["chapter.id"], name=op.f("fk_invitation_chapter_id_chapter")
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["organiser.id"],
            name=op.f("fk_invitation_invited_by_id_organiser"),
        ),
        sa.ForeignKeyConstraint(
            ["organiser_id"], ["organiser.id"], name=op.f("fk_invitation_organiser_id_organiser")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_chapter_id"), ["chapter_id"], unique=False)

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        # Plain strings: features add actions without a migration.
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("subject_type", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["organiser.id"], name=op.f("fk_audit_entry_actor_id_organiser")
        ),
        sa.ForeignKeyConstraint(
            ["chapter_id"], ["chapter.id"], name=op.f("fk_audit_entry_chapter_id_chapter")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_entry_chapter_at", ["chapter_id", "at"], unique=False)

    op.create_table(
        "attendee_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_session_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=32), nullable=False),
        sa.Column("subject_fr", sa.String(length=200), nullable=False),
        sa.Column("subject_en", sa.String(length=200), nullable=False),
        sa.Column("body_fr", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("recipients_fr", sa.Integer(), nullable=False),
        sa.Column("recipients_en", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["organiser.id"], name=op.f("fk_attendee_message_author_id_organiser")
        ),
        sa.ForeignKeyConstraint(
            ["event_session_id"],
            ["event_session.id"],
            name=op.f("fk_attendee_message_event_session_id_event_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee_message")),
    )
    with op.batch_alter_table("attendee_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendee_message_event_session_id"), ["event_session_id"], unique=False
        )

    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attendee_message_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_outbox_message_attendee_message_id"),
            ["attendee_message_id"],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_message_attendee_message_id_attendee_message"),
            "attendee_message",
            ["attendee_message_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outbox_message_attendee_message_id_attendee_message"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_outbox_message_attendee_message_id"))
        batch_op.drop_column("attendee_message_id")

    with op.batch_alter_table("attendee_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendee_message_event_session_id"))
    op.drop_table("attendee_message")

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_chapter_at")
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_actor_id"))
    op.drop_table("audit_entry")

    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_chapter_id"))
    op.drop_table("invitation")

    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.drop_column("deactivated_at")
        batch_op.drop_column("role")
