"""Chapters, organisers, sessions, registrations and the mail outbox

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-26 05:42:50.583577

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('chapter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('slug', sa.String(length=50), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chapter')),
    sa.UniqueConstraint('name', name=op.f('uq_chapter_name')),
    sa.UniqueConstraint('slug', name=op.f('uq_chapter_slug'))
    )
    op.create_table('event_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chapter_id', sa.Integer(), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_fr', sa.String(length=200), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('description_fr', sa.Text(), nullable=False),
    sa.Column('format', sa.Enum('in_person', 'online', 'hybrid', name='sessionformat', native_enum=False, length=32), nullable=False),
    sa.Column('venue', sa.String(length=300), nullable=False),
    sa.Column('video_url', sa.String(length=500), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('levels', sa.String(length=20), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', 'cancelled', name='sessionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['chapter_id'], ['chapter.id'], name=op.f('fk_event_session_chapter_id_chapter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_session'))
    )
    with op.batch_alter_table('event_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_session_chapter_id'), ['chapter_id'], unique=False)
        batch_op.create_index('ix_event_session_status_starts_at', ['status', 'starts_at'], unique=False)

    op.create_table('organiser',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('chapter_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chapter_id'], ['chapter.id'], name=op.f('fk_organiser_chapter_id_chapter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organiser')),
    sa.UniqueConstraint('email', name=op.f('uq_organiser_email'))
    )
    with op.batch_alter_table('organiser', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organiser_chapter_id'), ['chapter_id'], unique=False)

    op.create_table('registration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_session_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.Enum('digital', 'industry', 'trade', 'tourism', 'transport', 'finance', 'real_estate', 'construction', 'health', 'energy', 'culture', 'consulting', 'education', 'agrifood', 'public', 'other', name='sector', native_enum=False, length=32), nullable=False),
    sa.Column('level', sa.Enum('A1', 'A2', 'B1', 'B2', 'C1', 'C2', name='level', native_enum=False, length=32), nullable=False),
    sa.Column('can_host', sa.Boolean(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('status', sa.Enum('confirmed', 'waitlisted', 'cancelled', name='registrationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('consent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('consent_version', sa.String(length=20), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['event_session_id'], ['event_session.id'], name=op.f('fk_registration_event_session_id_event_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration')),
    sa.UniqueConstraint('event_session_id', 'email', name=op.f('uq_registration_event_session_id_email'))
    )
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index('ix_registration_session_status_queue', ['event_session_id', 'status', 'queued_at'], unique=False)

    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('event_session_id', sa.Integer(), nullable=True),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['event_session_id'], ['event_session.id'], name=op.f('fk_outbox_message_event_session_id_event_session'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_outbox_message_registration_id_registration'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message'))
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_message_event_session_id'), ['event_session_id'], unique=False)
        batch_op.create_index('ix_outbox_message_pending', ['sent_at', 'next_attempt_at'], unique=False)



def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_pending')
        batch_op.drop_index(batch_op.f('ix_outbox_message_event_session_id'))

    op.drop_table('outbox_message')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('ix_registration_session_status_queue')

    op.drop_table('registration')
    with op.batch_alter_table('organiser', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organiser_chapter_id'))

    op.drop_table('organiser')
    with op.batch_alter_table('event_session', schema=None) as batch_op:
        batch_op.drop_index('ix_event_session_status_starts_at')
        batch_op.drop_index(batch_op.f('ix_event_session_chapter_id'))

    op.drop_table('event_session')
    op.drop_table('chapter')
