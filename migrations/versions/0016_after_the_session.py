"""After the session: certificate codes, the feedback form, contacts chosen at the tables,
and tables planned by self-assessed levels

Revision ID: 0016_after_the_session
Revises: 0011_team
Create Date: 2026-12-08

"""

import sqlalchemy as sa
from alembic import op

revision = "0016_after_the_session"
down_revision = "0015_cancel_reasons"
branch_labels = None
depends_on = None

_LEVEL = sa.Enum("A1", "A2", "B1", "B2", "C1", "C2", name="level", native_enum=False, length=32)
_TABLE_FIT = sa.Enum(
    "too_easy", "right", "too_hard", name="tablefit", native_enum=False, length=32
)


def upgrade():
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.add_column(sa.Column("certificate_code", sa.String(length=24), nullable=True))
        batch_op.add_column(
            sa.Column("feedback_asked_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_registration_certificate_code"), ["certificate_code"]
        )
    with op.batch_alter_table("table_plan", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "self_assessed_levels", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("event_session_id", sa.Integer(), nullable=False),
        sa.Column("usefulness", sa.Integer(), nullable=False),
        sa.Column("level", _LEVEL, nullable=False),
        sa.Column("table_fit", _TABLE_FIT, nullable=False),
        sa.Column("share_contacts", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "usefulness BETWEEN 1 AND 5", name=op.f("ck_feedback_usefulness_1_to_5")
        ),
        sa.ForeignKeyConstraint(
            ["event_session_id"],
            ["event_session.id"],
            name=op.f("fk_feedback_event_session_id_event_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registration.id"],
            name=op.f("fk_feedback_registration_id_registration"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("registration_id", name=op.f("uq_feedback_registration_id")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feedback_event_session_id"), ["event_session_id"], unique=False
        )
    op.create_table(
        "contact_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chooser_id", sa.Integer(), nullable=False),
        sa.Column("chosen_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disclosed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chooser_id"],
            ["registration.id"],
            name=op.f("fk_contact_choice_chooser_id_registration"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["chosen_id"],
            ["registration.id"],
            name=op.f("fk_contact_choice_chosen_id_registration"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_choice")),
        sa.UniqueConstraint(
            "chooser_id", "chosen_id", name=op.f("uq_contact_choice_chooser_id_chosen_id")
        ),
    )
    with op.batch_alter_table("contact_choice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_choice_chosen_id"), ["chosen_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("contact_choice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_choice_chosen_id"))
    op.drop_table("contact_choice")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_event_session_id"))
    op.drop_table("feedback")
    with op.batch_alter_table("table_plan", schema=None) as batch_op:
        batch_op.drop_column("self_assessed_levels")
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_registration_certificate_code"), type_="unique"
        )
        batch_op.drop_column("feedback_asked_at")
        batch_op.drop_column("certificate_code")
