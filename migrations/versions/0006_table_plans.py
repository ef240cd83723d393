"""Table plans and walk-ins

Revision ID: 0006_table_plans
Revises: 0005_indexes
Create Date: 2026-11-26

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_table_plans'
down_revision = '0005_indexes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('table_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_session_id', sa.Integer(), nullable=False),
    sa.Column('tables', sa.Integer(), nullable=True),
    sa.Column('seats_per_table', sa.Integer(), nullable=True),
    sa.Column('rounds', sa.Integer(), nullable=False),
    sa.Column('round_minutes', sa.Integer(), nullable=False),
    sa.Column('first_round_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('plan', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_session_id'], ['event_session.id'], name=op.f('fk_table_plan_event_session_id_event_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_table_plan')),
    sa.UniqueConstraint('event_session_id', name=op.f('uq_table_plan_event_session_id'))
    )
    op.create_table('walk_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_session_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.Enum('A1', 'A2', 'B1', 'B2', 'C1', 'C2', name='level', native_enum=False, length=32), nullable=False),
    sa.Column('sector', sa.Enum('digital', 'industry', 'trade', 'tourism', 'transport', 'finance', 'real_estate', 'construction', 'health', 'energy', 'culture', 'consulting', 'education', 'agrifood', 'public', 'other', name='sector', native_enum=False, length=32), nullable=False),
    sa.Column('can_host', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_session_id'], ['event_session.id'], name=op.f('fk_walk_in_event_session_id_event_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_walk_in'))
    )
    with op.batch_alter_table('walk_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_walk_in_event_session_id'), ['event_session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('walk_in', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_walk_in_event_session_id'))

    op.drop_table('walk_in')
    op.drop_table('table_plan')
