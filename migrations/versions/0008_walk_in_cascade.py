"""Walk-ins and table plans go with their session (deleting a draft that had them failed)

Revision ID: 0008_walk_in_cascade
Revises: 0007_outbox_for_everyone
Create Date: 2026-12-01

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008_walk_in_cascade'
down_revision = "0007_outbox_for_everyone"
branch_labels = None
depends_on = None

#: (table, foreign key name) of the two tables that hang off a session.
_CHILDREN = (
    ('walk_in', 'fk_walk_in_event_session_id_event_session'),
    ('table_plan', 'fk_table_plan_event_session_id_event_session'),
)


def _recreate(ondelete):
    # Batch mode: SQLite cannot alter a constraint, so Alembic copies the table.
    for table, name in _CHILDREN:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(name, type_='foreignkey')
            batch_op.create_foreign_key(
                name, 'event_session', ['event_session_id'], ['id'], ondelete=ondelete
            )


def upgrade():
    _recreate('CASCADE')


def downgrade():
    _recreate(None)
