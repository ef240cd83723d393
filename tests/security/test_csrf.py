"""Every POST needs the form's CSRF token: without it, 400 and nothing changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.links import link_signer
from business_corner.models import (
    AttendeeMessage,
    AuditEntry,
    EventSession,
    Feedback,
    Follower,
    Invitation,
    Organiser,
    OutboxMessage,
    Registration,
    Series,
    Tandem,
    TandemMember,
    TandemRound,
    WalkIn,
)
from business_corner.services import team
from business_corner.services.password_reset import password_fingerprint
from business_corner.services.registration import register
from business_corner.vocabulary import Role, SessionStatus
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.applicants import applicant, registration_form
from tests.support.tandems import published_tandem
from tests.support.team import NEW_PASSWORD
from tests.support.tokens import make_check_in_token, make_manage_token, make_tandem_token


def snapshot() -> tuple:
    db.session.expire_all()
    return (
        tuple(
            (r.id, r.status, r.first_name, r.erased_at, r.checked_in_at, r.still_coming_at)
            for r in db.session.scalars(db.select(Registration).order_by(Registration.id))
        ),
        tuple(
            (e.id, e.status, e.capacity, e.confirm_or_release)
            for e in db.session.scalars(db.select(EventSession).order_by(EventSession.id))
        ),
        db.session.scalar(db.select(db.func.count()).select_from(WalkIn)),
        tuple(
            (o.id, o.calendar_feed_version, o.role, o.active, o.password_hash)
            for o in db.session.scalars(db.select(Organiser).order_by(Organiser.id))
        ),
        db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)),
        tuple(
            (m.id, m.status, m.frequency, m.hours)
            for m in db.session.scalars(db.select(TandemMember).order_by(TandemMember.id))
        ),
        tuple(
            (t.id, t.state, t.calendar_sequence, t.member_b_id, t.a_report)
            for t in db.session.scalars(db.select(Tandem).order_by(Tandem.id))
        ),
        tuple((r.id, r.status) for r in db.session.scalars(db.select(TandemRound))),
        tuple(
            (i.id, i.nonce, i.revoked_at, i.accepted_at)
            for i in db.session.scalars(db.select(Invitation).order_by(Invitation.id))
        ),
        db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)),
        db.session.scalar(db.select(db.func.count()).select_from(AttendeeMessage)),
        db.session.scalar(db.select(db.func.count()).select_from(Series)),
        tuple((f.id, f.confirmed_at) for f in db.session.scalars(db.select(Follower))),
        db.session.scalar(db.select(db.func.count()).select_from(Feedback)),
    )


#: POST routes without a CSRF token by design, and why.
EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail programs POST to the List-Unsubscribe address with
    # no form and no token. The signed follower token in the address is the authority, and
    # all a forged request can do is stop announcements to that follower.
    "public.unsubscribe": "RFC 8058 one-click unsubscribe; the signed token is the authority",
}


def test_every_post_route_is_listed(app):
    """If a POST route is added, it must be added to the list below (and so be tested), or
    be exempt with the reason."""
    posts = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posts == set(POSTS) | set(EXEMPT)
    assert not set(POSTS) & set(EXEMPT)


def test_the_one_click_unsubscribe_needs_no_token(make_app, marseille, now):
    from business_corner.services import following

    following.ask_to_follow(
        db.session,
        following.FollowScope(chapter_id=marseille.id),
        "ana@example.com",
        "fr",
        consent=True,
        consent_version="v1",
        now=now,
    )
    follower = db.session.scalars(db.select(Follower)).one()
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    token = link_signer().make_follower_token(follower.id)
    response = client.post(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert db.session.scalars(db.select(Follower)).all() == []


POSTS = {
    "registration.register": (
        "/sessions/{published}/register",
        registration_form(email="new@x.fr"),
    ),
    "registration.manage": (
        "/manage/{token}",
        {
            "first_name": "Mallory",
            "last_name": "M",
            "company": "C",
            "sector": "health",
            "level": "C1",
        },
    ),
    "registration.cancel": ("/manage/{token}/cancel", {}),
    "registration.erase": ("/manage/{token}/erase", {}),
    "organiser.login": (
        "/organiser/login",
        {"email": "organiser@marseille.test", "password": ORGANISER_PASSWORD},
    ),
    "organiser.logout": ("/organiser/logout", {}),
    "organiser.new_session": (
        "/organiser/sessions/new",
        {
            "title_fr": "x",
            "format": "online",
            "video_url": "https://m.x",
            "day": "2030-01-10",
            "starts": "10:00",
            "ends": "11:00",
            "timezone": "Europe/Paris",
            "capacity": "5",
            "levels": ["B1"],
        },
    ),
    "organiser.edit_session": (
        "/organiser/sessions/{published}/edit",
        {
            "title_fr": "x",
            "format": "online",
            "video_url": "https://m.x",
            "day": "2030-01-10",
            "starts": "10:00",
            "ends": "11:00",
            "timezone": "Europe/Paris",
            "capacity": "50",
            "levels": ["B1"],
        },
    ),
    "organiser.publish_session": ("/organiser/sessions/{draft}/publish", {}),
    "organiser.cancel_session": ("/organiser/sessions/{published}/cancel", {}),
    "organiser.delete_session": ("/organiser/sessions/{draft}/delete", {}),
    "organiser.rotate_calendar_feed": ("/organiser/calendar/rotate", {}),
    "organiser.retry_mail": ("/organiser/mail/{message}/retry", {}),
    "organiser.tables": (
        "/organiser/sessions/{published}/tables",
        {
            "layout": "seats",
            "count": "4",
            "rounds": "2",
            "round_minutes": "20",
            "first_round": "18:00",
        },
    ),
    "organiser.add_walk_in": (
        "/organiser/sessions/{published}/walk-ins",
        {"name": "Walk-in", "level": "B1", "sector": "health"},
    ),
    "organiser.send_tables": ("/organiser/sessions/{published}/tables/send", {}),
    "organiser.write_message": (
        "/organiser/sessions/{published}/messages/new",
        {"audience": "all", "subject_fr": "S", "body_fr": "T", "subject_en": "S", "body_en": "T"},
    ),
    "organiser.send_attendee_message": (
        "/organiser/sessions/{published}/messages/send",
        {"audience": "all", "subject_fr": "S", "body_fr": "T", "subject_en": "S", "body_en": "T"},
    ),
    "organiser.invite": (
        "/organiser/team/invite",
        {"email": "new@cci.example", "role": "staff", "language": "fr"},
    ),
    "organiser.resend_invitation": ("/organiser/team/invitations/{invitation}/resend", {}),
    "organiser.revoke_invitation": ("/organiser/team/invitations/{invitation}/revoke", {}),
    "organiser.change_role": ("/organiser/team/members/{teammate}/role", {"role": "admin"}),
    "organiser.deactivate": ("/organiser/team/members/{teammate}/deactivate", {}),
    "organiser.change_password": (
        "/organiser/password",
        {"current": ORGANISER_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    ),
    "organiser.forgot_password": ("/organiser/password/forgot", {"email": "organiser@x.fr"}),
    "organiser.reset_password": (
        "/organiser/password/reset/{reset}",
        {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    ),
    "organiser.join": (
        "/organiser/join/{join}",
        {"name": "N", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    ),
    "organiser.check_in_toggle": (
        "/organiser/sessions/{published}/check-in/{registration}",
        {"present": "1"},
    ),
    "organiser.door_walk_in": (
        "/organiser/sessions/{published}/check-in/walk-ins",
        {"name": "Walk-in", "level": "B1", "sector": "health"},
    ),
    "organiser.scan": ("/organiser/check-in/{ticket}", {}),
    "organiser.switch_confirm_or_release": (
        "/organiser/sessions/{published}/confirm-or-release",
        {"on": "1"},
    ),
    "registration.here": ("/manage/{token}/here", {}),
    "public.follow_chapter": (
        "/follow",
        {"chapter": "marseille", "email": "new@x.fr", "consent": "y"},
    ),
    "public.follow_series": (
        "/series/1/follow",
        {"follow-email": "new@x.fr", "follow-consent": "y"},
    ),
    "public.confirm_follow": ("/follow/{follower}", {}),
    "registration.lost_link": ("/my-links", {"email": "organiser@marseille.test"}),
    "registration.register_for_series": (
        "/series/1/register",
        {**registration_form(email="new@x.fr"), "all_dates": "y"},
    ),
    "registration.join_other_date": ("/manage/{token}/dates/{draft}/join", {}),
    "registration.leave_other_date": ("/manage/{token}/dates/{published}/cancel", {}),
    "registration.still_coming": ("/manage/{token}/still-coming", {}),
    "registration.rejoin": ("/manage/{token}/rejoin", {}),
    "registration.feedback": (
        "/manage/{token}/feedback",
        {"usefulness": "5", "level": "B2", "table_fit": "right"},
    ),
    "tandem.home": ("/tandems/", {}),
    "tandem.member_page": ("/tandems/me/{member}", {"first_name": "Mallory"}),
    "tandem.confirm": ("/tandems/me/{member}/confirm", {}),
    "tandem.set_frequency": ("/tandems/me/{member}/frequency/paused", {}),
    "tandem.no_thanks": ("/tandems/me/{member}/no-thanks/{partner}", {}),
    "tandem.leave": ("/tandems/me/{member}/leave", {}),
    "tandem.decline": ("/tandems/me/{member}/tandems/{tandem}/decline", {}),
    "tandem.another_slot": ("/tandems/me/{member}/tandems/{tandem}/another-slot", {}),
    "tandem.outcome": ("/tandems/me/{member}/tandems/{tandem}/outcome", {"report": "held"}),
    "organiser.tandems": ("/organiser/tandems", {"starts_on": "2030-01-07", "days": "14"}),
    # Series: the token is checked before the view, so any series id shows it.
    "organiser.new_series": (
        "/organiser/series/new",
        {
            "title_fr": "x",
            "format": "online",
            "video_url": "https://m.x",
            "day": "2030-01-10",
            "starts": "10:00",
            "ends": "11:00",
            "timezone": "Europe/Paris",
            "capacity": "5",
            "levels": ["B1"],
            "recurrence": "weekly",
            "end": "count",
            "count": "3",
        },
    ),
    "organiser.publish_series": ("/organiser/series/1/publish", {}),
    "organiser.add_series_date": ("/organiser/series/1/dates", {"day": "2030-01-11"}),
    "organiser.change_series_rule": (
        "/organiser/series/1/rule",
        {"first_day": "2030-01-10", "recurrence": "weekly", "end": "count", "count": "2"},
    ),
    "organiser.swap_pairs": ("/organiser/tandems/rounds/{round}/swap", {}),
    "organiser.drop_pair": ("/organiser/tandems/rounds/{round}/tandems/{tandem}/drop", {}),
    "organiser.publish_round": ("/organiser/tandems/rounds/{round}/publish", {}),
    "organiser.discard_round": ("/organiser/tandems/rounds/{round}/discard", {}),
}


@pytest.mark.parametrize("endpoint", sorted(POSTS))
def test_a_post_without_the_token_is_refused_and_changes_nothing(
    make_app, organiser, marseille, make_chapter, make_session, now, endpoint
):
    # Starting soon: the door is open, so a check-in would change something.
    published = make_session(marseille, capacity=1, starts_in=timedelta(minutes=30))
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    registration = register(db.session, published.id, applicant(), now=now)
    register(db.session, published.id, applicant("waiting@x.fr"), now=now)
    tandem = published_tandem(
        marseille, make_chapter("Los Angeles", "America/Los_Angeles"), organiser, now
    )
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    with client.session_transaction() as browser_session:  # logged in, as after a real login
        browser_session["_user_id"] = str(organiser.id)
        browser_session["_fresh"] = True
    member = Organiser(email="member@x.fr", name="M", chapter=marseille, role=Role.STAFF)
    member.set_password(NEW_PASSWORD)
    db.session.add(member)
    db.session.commit()
    team.invite(db.session, organiser, "invited@x.fr", Role.STAFF, "fr", now)
    invitation = db.session.scalars(db.select(Invitation)).one()
    path, data = POSTS[endpoint]
    url = path.format(
        published=published.id,
        draft=draft.id,
        token=make_manage_token(registration.registration_id),
        ticket=make_check_in_token(registration.registration_id),
        registration=registration.registration_id,
        message=db.session.scalars(db.select(OutboxMessage.id)).first(),
        member=make_tandem_token(tandem.member_a_id),
        partner=tandem.member_b_id,
        tandem=tandem.id,
        round=tandem.round_id,
        teammate=member.id,
        invitation=invitation.id,
        join=link_signer().make_invitation_token(invitation.id, invitation.nonce),
        reset=link_signer().make_password_reset_token(
            organiser.id, password_fingerprint(organiser.password_hash)
        ),
        follower=link_signer().make_follower_token(1),
    )
    before = snapshot()

    response = client.post(url, data=data)

    assert response.status_code == 400
    assert "Le formulaire a expiré" in response.get_data(as_text=True)
    assert snapshot() == before
