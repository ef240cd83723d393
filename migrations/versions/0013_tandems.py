"""Tandems: members, their vetoes, pairing rounds and each tandem with its outcome

Revision ID: 0013_tandems
Revises: 0012_check_in
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_tandems'
down_revision = '0012_check_in'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tandem_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chapter_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.Enum('digital', 'industry', 'trade', 'tourism', 'transport', 'finance', 'real_estate', 'construction', 'health', 'energy', 'culture', 'consulting', 'education', 'agrifood', 'public', 'other', name='sector', native_enum=False, length=32), nullable=False),
    sa.Column('english_level', sa.Enum('A1', 'A2', 'B1', 'B2', 'C1', 'C2', name='level', native_enum=False, length=32), nullable=False),
    sa.Column('french_level', sa.Enum('A1', 'A2', 'B1', 'B2', 'C1', 'C2', name='level', native_enum=False, length=32), nullable=True),
    sa.Column('offers', sa.String(length=300), nullable=False),
    sa.Column('offers_text', sa.String(length=200), nullable=False),
    sa.Column('seeks', sa.String(length=300), nullable=False),
    sa.Column('seeks_text', sa.String(length=200), nullable=False),
    sa.Column('hours', sa.String(length=300), nullable=False),
    sa.Column('frequency', sa.Enum('every_round', 'every_other_round', 'paused', name='tandemfrequency', native_enum=False, length=32), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('status', sa.Enum('pending', 'active', 'left', name='memberstatus', native_enum=False, length=32), nullable=False),
    sa.Column('consent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('consent_version', sa.String(length=20), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('no_shows_in_a_row', sa.Integer(), nullable=False),
    sa.Column('paused_for_no_shows_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('left_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['chapter_id'], ['chapter.id'], name=op.f('fk_tandem_member_chapter_id_chapter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tandem_member')),
    sa.UniqueConstraint('email', name=op.f('uq_tandem_member_email'))
    )
    with op.batch_alter_table('tandem_member', schema=None) as batch_op:
        batch_op.create_index('ix_tandem_member_status_chapter', ['status', 'chapter_id'], unique=False)

    op.create_table('tandem_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'published', name='roundstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('organizer_chapter_id', sa.Integer(), nullable=True),
    sa.Column('unpaired', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['organiser.id'], name=op.f('fk_tandem_round_created_by_id_organiser'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organizer_chapter_id'], ['chapter.id'], name=op.f('fk_tandem_round_organizer_chapter_id_chapter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tandem_round'))
    )
    op.create_table('tandem_veto',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['tandem_member.id'], name=op.f('fk_tandem_veto_member_id_tandem_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['tandem_member.id'], name=op.f('fk_tandem_veto_other_id_tandem_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tandem_veto')),
    sa.UniqueConstraint('member_id', 'other_id', name=op.f('uq_tandem_veto_member_id_other_id'))
    )
    with op.batch_alter_table('tandem_veto', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tandem_veto_other_id'), ['other_id'], unique=False)

    op.create_table('tandem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('member_a_id', sa.Integer(), nullable=False),
    sa.Column('member_b_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('proposed', 'scheduled', 'declined', 'cancelled', 'held', 'missed', name='tandemstate', native_enum=False, length=32), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.Column('calendar_uid', sa.String(length=100), nullable=False),
    sa.Column('calendar_sequence', sa.Integer(), nullable=False),
    sa.Column('room', sa.String(length=64), nullable=False),
    sa.Column('a_report', sa.Enum('held', 'partner_absent', 'i_was_absent', name='tandemreport', native_enum=False, length=32), nullable=True),
    sa.Column('b_report', sa.Enum('held', 'partner_absent', 'i_was_absent', name='tandemreport', native_enum=False, length=32), nullable=True),
    sa.Column('a_again', sa.Boolean(), nullable=True),
    sa.Column('b_again', sa.Boolean(), nullable=True),
    sa.Column('declined_by_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['declined_by_id'], ['tandem_member.id'], name=op.f('fk_tandem_declined_by_id_tandem_member')),
    sa.ForeignKeyConstraint(['member_a_id'], ['tandem_member.id'], name=op.f('fk_tandem_member_a_id_tandem_member')),
    sa.ForeignKeyConstraint(['member_b_id'], ['tandem_member.id'], name=op.f('fk_tandem_member_b_id_tandem_member')),
    sa.ForeignKeyConstraint(['round_id'], ['tandem_round.id'], name=op.f('fk_tandem_round_id_tandem_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tandem')),
    sa.UniqueConstraint('calendar_uid', name=op.f('uq_tandem_calendar_uid'))
    )
    with op.batch_alter_table('tandem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tandem_member_a_id'), ['member_a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tandem_member_b_id'), ['member_b_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tandem_round_id'), ['round_id'], unique=False)



def downgrade():
    with op.batch_alter_table('tandem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tandem_round_id'))
        batch_op.drop_index(batch_op.f('ix_tandem_member_b_id'))
        batch_op.drop_index(batch_op.f('ix_tandem_member_a_id'))

    op.drop_table('tandem')
    with op.batch_alter_table('tandem_veto', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tandem_veto_other_id'))

    op.drop_table('tandem_veto')
    op.drop_table('tandem_round')
    with op.batch_alter_table('tandem_member', schema=None) as batch_op:
        batch_op.drop_index('ix_tandem_member_status_chapter')

    op.drop_table('tandem_member')
