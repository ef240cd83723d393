"""On the day: check-in, no-shows, confirm-or-release, and walk-ins who leave an address

Revision ID: 0012_check_in
Revises: 0009_organiser_logins
Create Date: 2026-12-02

"""

import sqlalchemy as sa
from alembic import op

revision = "0012_check_in"
down_revision = "0009_organiser_logins"
branch_labels = None
depends_on = None

#: Registration columns that are plain instants (all nullable: nothing happened yet).
_REGISTRATION_TIMES = (
    "checked_in_at",
    "no_show_at",
    "confirm_asked_at",
    "still_coming_at",
    "released_at",
)


def upgrade():
    with op.batch_alter_table("registration", schema=None) as batch_op:
        for name in _REGISTRATION_TIMES:
            batch_op.add_column(sa.Column(name, sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("checked_in_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_registration_checked_in_by_id_organiser"),
            "organiser",
            ["checked_in_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        # Attendance records are looked up by address across sessions.
        batch_op.create_index("ix_registration_email", ["email"], unique=False)
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        # Existing sessions keep working as before: the switch is off.
        batch_op.add_column(
            sa.Column(
                "confirm_or_release", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(sa.Column("confirm_asked_at", sa.DateTime(timezone=True)))
        batch_op.add_column(sa.Column("seats_released_at", sa.DateTime(timezone=True)))
    with op.batch_alter_table("walk_in", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("company", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("consent_version", sa.String(length=20), nullable=True))
        batch_op.create_index(batch_op.f("ix_walk_in_email"), ["email"], unique=False)


def downgrade():
    with op.batch_alter_table("walk_in", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_in_email"))
        batch_op.drop_column("consent_version")
        batch_op.drop_column("consent_at")
        batch_op.drop_column("email")
        batch_op.drop_column("company")
    with op.batch_alter_table("event_session", schema=None) as batch_op:
        batch_op.drop_column("seats_released_at")
        batch_op.drop_column("confirm_asked_at")
        batch_op.drop_column("confirm_or_release")
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_index("ix_registration_email")
        batch_op.drop_constraint(
            batch_op.f("fk_registration_checked_in_by_id_organiser"), type_="foreignkey"
        )
        batch_op.drop_column("checked_in_by_id")
        for name in reversed(_REGISTRATION_TIMES):
            batch_op.drop_column(name)
