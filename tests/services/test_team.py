"""The team's rules: invitations and their links, roles, the last admin, deactivation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import force_locale

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import link_signer
from business_corner.models import Invitation, Organiser, OrganiserLogin
from business_corner.services import organiser_logins, team
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.organiser_logins import Lifetimes
from business_corner.services.passwords import WeakPassword
from business_corner.services.sessions import create_session
from business_corner.services.team import InvitationProblem, LastAdmin, NotAnAdmin
from business_corner.vocabulary import AuditAction, Notice, Role
from tests.support.records import outbox
from tests.support.session_details import details_on
from tests.support.team import NEW_PASSWORD, entries, latest_link
from tests.support.tokens import signed_ago

LIFETIMES = Lifetimes(idle=timedelta(hours=8), absolute=timedelta(days=30))


@pytest.fixture(autouse=True)
def _refusals_in_english(app):
    """The refusals are matched in English (their French is checked with the catalogue)."""
    with force_locale("en"):
        yield


@pytest.fixture
def admin(organiser):
    return organiser


def _token(link: str) -> str:
    return link.rsplit("/", 1)[1]


def _invite(admin, email="new.colleague@cci.example", role=Role.STAFF, locale="en"):
    team.invite(db.session, admin, email, role, locale, utcnow())
    return _token(latest_link(Notice.INVITATION, "/organiser/join/"))


def test_an_invitation_mails_a_link_in_the_language_chosen(admin):
    team.invite(db.session, admin, " New.Colleague@CCI.example ", Role.STAFF, "en", utcnow())
    (message,) = outbox(Notice.INVITATION)
    assert message.recipient == "new.colleague@cci.example"
    assert "Join the Business corner team, Marseille" in message.subject
    team.invite(db.session, admin, "autre@cci.example", Role.ADMIN, "fr", utcnow())
    assert "Rejoignez" in outbox(Notice.INVITATION)[-1].subject
    (invited,) = entries(AuditAction.MEMBER_INVITED)[:1]
    assert invited.actor_id == admin.id


def test_accepting_creates_the_account_with_the_role_once(admin):
    token = _invite(admin, role=Role.ADMIN)
    member = team.accept_invitation(
        db.session, link_signer(), token, "Nadia Benali", NEW_PASSWORD, utcnow()
    )
    assert (member.email, member.role, member.chapter_id) == (
        "new.colleague@cci.example",
        Role.ADMIN,
        admin.chapter_id,
    )
    assert member.check_password(NEW_PASSWORD)
    with pytest.raises(InvitationProblem, match="already been used"):
        team.accept_invitation(db.session, link_signer(), token, "Again", NEW_PASSWORD, utcnow())
    assert db.session.scalar(db.select(db.func.count()).select_from(Organiser)) == 2
    (joined,) = entries(AuditAction.MEMBER_JOINED)
    assert joined.actor_id == member.id


def test_a_weak_password_is_refused_and_the_invitation_stays_usable(admin):
    token = _invite(admin)
    with pytest.raises(WeakPassword):
        team.accept_invitation(db.session, link_signer(), token, "Nadia", "password123", utcnow())
    team.accept_invitation(db.session, link_signer(), token, "Nadia", NEW_PASSWORD, utcnow())


def test_a_forged_link_is_refused(admin):
    token = _invite(admin)
    with pytest.raises(InvitationProblem, match="not valid"):
        team.invitation_for(db.session, link_signer(), token[:-3] + "AAA")
    with pytest.raises(InvitationProblem, match="not valid"):
        team.invitation_for(db.session, link_signer(), "nonsense")


def test_a_link_of_another_purpose_is_refused(admin):
    _invite(admin)
    invitation = db.session.scalars(db.select(Invitation)).one()
    as_reset = link_signer().make_password_reset_token(invitation.id, invitation.nonce)
    as_manage = link_signer().make_manage_token(invitation.id)
    for token in (as_reset, as_manage):
        with pytest.raises(InvitationProblem, match="not valid"):
            team.invitation_for(db.session, link_signer(), token)


def test_an_expired_link_is_refused(admin):
    with signed_ago(timedelta(days=7, minutes=1).total_seconds()):
        token = _invite(admin)
    with pytest.raises(InvitationProblem, match="expired"):
        team.invitation_for(db.session, link_signer(), token)
    with signed_ago(timedelta(days=6, hours=23).total_seconds()):
        almost = _token(_resend_and_link(admin))
    assert team.invitation_for(db.session, link_signer(), almost).email


def _resend_and_link(admin):
    invitation = db.session.scalars(db.select(Invitation)).one()
    team.resend_invitation(db.session, admin, invitation.id, utcnow())
    return latest_link(Notice.INVITATION, "/organiser/join/")


def test_sending_again_makes_earlier_links_stop_working(admin):
    first = _invite(admin)
    second = _token(_resend_and_link(admin))
    with pytest.raises(InvitationProblem, match="not valid"):
        team.invitation_for(db.session, link_signer(), first)
    assert team.invitation_for(db.session, link_signer(), second)
    assert [e.action for e in entries()] == [
        AuditAction.MEMBER_INVITED,
        AuditAction.INVITATION_RESENT,
    ]


def test_a_revoked_invitation_cannot_be_used_nor_resent(admin):
    token = _invite(admin)
    invitation = db.session.scalars(db.select(Invitation)).one()
    team.revoke_invitation(db.session, admin, invitation.id, utcnow())
    with pytest.raises(InvitationProblem, match="withdrawn"):
        team.accept_invitation(db.session, link_signer(), token, "N", NEW_PASSWORD, utcnow())
    with pytest.raises(DomainError):
        team.resend_invitation(db.session, admin, invitation.id, utcnow())
    assert team.pending_invitations(db.session, admin.chapter_id, utcnow()) == []


def test_no_invitation_for_a_member_or_one_already_pending(admin, make_organiser, marseille):
    make_organiser(marseille, email="already@cci.example", role=Role.STAFF)
    with pytest.raises(DomainError, match="already has an organiser account"):
        team.invite(db.session, admin, "Already@cci.example", Role.STAFF, "fr", utcnow())
    _invite(admin)
    with pytest.raises(DomainError, match="already invited"):
        team.invite(db.session, admin, "new.colleague@cci.example", Role.STAFF, "fr", utcnow())


def test_staff_and_other_chapters_cannot_touch_the_team(
    admin, make_organiser, marseille, los_angeles
):
    staff = make_organiser(marseille, email="staff@cci.example", role=Role.STAFF)
    other = make_organiser(los_angeles)
    with pytest.raises(NotAnAdmin):
        team.invite(db.session, staff, "x@cci.example", Role.ADMIN, "fr", utcnow())
    with pytest.raises(NotAnAdmin):
        team.change_role(db.session, staff, staff.id, Role.ADMIN, utcnow())
    with pytest.raises(NotFound):
        team.change_role(db.session, other, staff.id, Role.ADMIN, utcnow())
    with pytest.raises(NotFound):
        team.deactivate(db.session, other, staff.id, utcnow())
    _invite(admin)
    invitation = db.session.scalars(db.select(Invitation)).one()
    with pytest.raises(NotFound):
        team.revoke_invitation(db.session, other, invitation.id, utcnow())
    db.session.expire_all()
    assert staff.role is Role.STAFF and staff.active


def test_roles_change_and_the_change_is_recorded(admin, make_organiser, marseille):
    staff = make_organiser(marseille, email="staff@cci.example", role=Role.STAFF)
    assert team.change_role(db.session, admin, staff.id, Role.ADMIN, utcnow())
    assert not team.change_role(db.session, admin, staff.id, Role.ADMIN, utcnow())
    (changed,) = entries(AuditAction.ROLE_CHANGED)
    assert changed.subject_id == staff.id and '"to": "admin"' in changed.details


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(admin, make_organiser, marseille):
    with pytest.raises(LastAdmin):
        team.change_role(db.session, admin, admin.id, Role.STAFF, utcnow())
    other = make_organiser(marseille, email="second@cci.example", role=Role.ADMIN)
    team.change_role(db.session, admin, admin.id, Role.STAFF, utcnow())  # another admin now
    with pytest.raises(NotAnAdmin):  # and the former admin is staff at once
        team.change_role(db.session, admin, other.id, Role.STAFF, utcnow())
    with pytest.raises(LastAdmin):
        team.change_role(db.session, other, other.id, Role.STAFF, utcnow())


def test_a_deactivated_admin_does_not_count_as_the_chapters_admin(admin, make_organiser, marseille):
    second = make_organiser(marseille, email="second@cci.example", role=Role.ADMIN)
    team.deactivate(db.session, admin, second.id, utcnow())
    with pytest.raises(LastAdmin):
        team.change_role(db.session, admin, admin.id, Role.STAFF, utcnow())


def test_deactivation_ends_every_login_and_keeps_what_they_did(admin, make_organiser, marseille):
    staff = make_organiser(marseille, email="staff@cci.example", role=Role.STAFF)
    now = utcnow()
    tokens = [organiser_logins.start_login(db.session, staff, now) for _ in range(2)]
    event_id = create_session(db.session, staff, details_on(now + timedelta(days=3)), now=now)

    assert team.deactivate(db.session, admin, staff.id, utcnow()) == 2

    for token in tokens:
        assert organiser_logins.live_login(db.session, token, staff.id, utcnow(), LIFETIMES) is None
    db.session.expire_all()
    assert not staff.active and staff.deactivated_at is not None
    created = entries(AuditAction.SESSION_CREATED)[0]
    assert (created.actor_id, created.subject_id) == (staff.id, event_id)
    assert created.actor.display_name == "Marseille organiser"
    with pytest.raises(DomainError, match="yourself"):
        team.deactivate(db.session, admin, admin.id, utcnow())
    with pytest.raises(DomainError, match="already deactivated"):
        team.deactivate(db.session, admin, staff.id, utcnow())


def test_a_login_left_open_does_not_let_a_deactivated_member_in(admin, make_organiser, marseille):
    staff = make_organiser(marseille, email="staff@cci.example", role=Role.STAFF)
    token = organiser_logins.start_login(db.session, staff, utcnow())
    staff.active = False  # as if deactivated without ending the login
    db.session.commit()
    assert organiser_logins.live_login(db.session, token, staff.id, utcnow(), LIFETIMES) is None
    assert db.session.scalars(db.select(OrganiserLogin.ended_at)).one() is None
