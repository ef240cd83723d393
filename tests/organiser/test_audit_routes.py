"""Every organiser action that changes data leaves an audit entry.

The routes are read from the app's URL map, as the CSRF test does: a POST route added
later fails here until it records what it does, or is listed as exempt with the reason.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import link_signer
from business_corner.models import AuditEntry, Invitation, OutboxMessage, Registration, Tandem
from business_corner.services import audit, team
from business_corner.services import series as series_admin
from business_corner.services.audit import NotACode
from business_corner.services.password_reset import password_fingerprint
from business_corner.services.registration import register
from business_corner.services.tables import session_plans
from business_corner.services.tandems import rounds
from business_corner.vocabulary import AuditAction, AuditSubject, Role, SessionStatus
from tests.organiser.test_series_views import series_form
from tests.organiser.test_sessions_views import session_form
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.applicants import applicant
from tests.support.series import series_template, weekly
from tests.support.tandems import CITIES, make_member
from tests.support.team import NEW_PASSWORD, entries
from tests.support.tokens import make_check_in_token

#: POST routes that change nothing of the chapter's data, and why.
EXEMPT = {
    "organiser.login": "starts the organiser's own login (a session record), no chapter data",
    "organiser.logout": "ends the organiser's own login, no chapter data",
    "organiser.forgot_password": "only queues a mail; the reset itself is recorded "
    "(organiser.reset_password)",
    "organiser.write_message": "shows the preview; sending is recorded "
    "(organiser.send_attendee_message)",
}

MESSAGE = {
    "audience": "all",
    "subject_fr": "Sujet",
    "body_fr": "Texte",
    "subject_en": "Subject",
    "body_en": "Text",
}

#: endpoint: (path, form, the action it records)
AUDITED = {
    "organiser.new_session": (
        "/organiser/sessions/new",
        "session_form",
        AuditAction.SESSION_CREATED,
    ),
    "organiser.edit_session": (
        "/organiser/sessions/{published}/edit",
        "session_form",
        AuditAction.SESSION_EDITED,
    ),
    "organiser.publish_session": (
        "/organiser/sessions/{draft}/publish",
        {},
        AuditAction.SESSION_PUBLISHED,
    ),
    "organiser.cancel_session": (
        "/organiser/sessions/{published}/cancel",
        {},
        AuditAction.SESSION_CANCELLED,
    ),
    "organiser.delete_session": (
        "/organiser/sessions/{draft}/delete",
        {},
        AuditAction.DRAFT_DELETED,
    ),
    "organiser.new_series": ("/organiser/series/new", "series_form", AuditAction.SERIES_CREATED),
    "organiser.publish_series": (
        "/organiser/series/{draft_series}/publish",
        {},
        AuditAction.SERIES_PUBLISHED,
    ),
    "organiser.add_series_date": (
        "/organiser/series/{series}/dates",
        {"day": "{series_new_day}"},
        AuditAction.SERIES_DATE_ADDED,
    ),
    "organiser.change_series_rule": (
        "/organiser/series/{series}/rule",
        {
            "first_day": "{series_first_day}",
            "recurrence": "weekly",
            "interval": "2",
            "end": "count",
            "count": "2",
        },
        AuditAction.SERIES_RULE_CHANGED,
    ),
    "organiser.rotate_calendar_feed": ("/organiser/calendar/rotate", {}, AuditAction.FEED_ROTATED),
    "organiser.retry_mail": ("/organiser/mail/{failed}/retry", {}, AuditAction.MAIL_RETRIED),
    "organiser.tables": (
        "/organiser/sessions/{planned}/tables",
        {
            "layout": "seats",
            "count": "4",
            "rounds": "2",
            "round_minutes": "20",
            "first_round": "18:00",
        },
        AuditAction.TABLES_PLANNED,
    ),
    "organiser.add_walk_in": (
        "/organiser/sessions/{published}/walk-ins",
        {"name": "Walk-in", "level": "B1", "sector": "health"},
        AuditAction.WALK_IN_ADDED,
    ),
    "organiser.send_tables": (
        "/organiser/sessions/{planned}/tables/send",
        {},
        AuditAction.TABLES_SENT,
    ),
    "organiser.send_attendee_message": (
        "/organiser/sessions/{published}/messages/send",
        MESSAGE,
        AuditAction.MESSAGE_SENT,
    ),
    "organiser.invite": (
        "/organiser/team/invite",
        {"email": "new@cci.example", "role": "staff", "language": "en"},
        AuditAction.MEMBER_INVITED,
    ),
    "organiser.resend_invitation": (
        "/organiser/team/invitations/{invitation}/resend",
        {},
        AuditAction.INVITATION_RESENT,
    ),
    "organiser.revoke_invitation": (
        "/organiser/team/invitations/{invitation}/revoke",
        {},
        AuditAction.INVITATION_REVOKED,
    ),
    "organiser.change_role": (
        "/organiser/team/members/{staff}/role",
        {"role": "admin"},
        AuditAction.ROLE_CHANGED,
    ),
    "organiser.deactivate": (
        "/organiser/team/members/{staff}/deactivate",
        {},
        AuditAction.MEMBER_DEACTIVATED,
    ),
    "organiser.join": (
        "/organiser/join/{join}",
        {"name": "Nadia", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        AuditAction.MEMBER_JOINED,
    ),
    "organiser.reset_password": (
        "/organiser/password/reset/{reset}",
        {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        AuditAction.PASSWORD_RESET,
    ),
    "organiser.check_in_toggle": (
        "/organiser/sessions/{door}/check-in/{arriving}",
        {"present": "1"},
        AuditAction.CHECKED_IN,
    ),
    "organiser.door_walk_in": (
        "/organiser/sessions/{door}/check-in/walk-ins",
        {"name": "Walk-in", "level": "B1", "sector": "health"},
        AuditAction.WALK_IN_ADDED,
    ),
    "organiser.scan": ("/organiser/check-in/{ticket}", {}, AuditAction.CHECKED_IN),
    "organiser.switch_confirm_or_release": (
        "/organiser/sessions/{published}/confirm-or-release",
        {"on": "1"},
        AuditAction.CONFIRM_OR_RELEASE_SWITCHED,
    ),
    "organiser.tandems": (
        "/organiser/tandems",
        {"starts_on": "2030-01-07", "days": "14"},
        AuditAction.TANDEM_ROUND_PROPOSED,
    ),
    "organiser.swap_pairs": (
        "/organiser/tandems/rounds/{proposal}/swap",
        {"first": "{first_pair}", "second": "{second_pair}"},
        AuditAction.TANDEM_PAIRS_SWAPPED,
    ),
    "organiser.drop_pair": (
        "/organiser/tandems/rounds/{proposal}/tandems/{first_pair}/drop",
        {},
        AuditAction.TANDEM_PAIR_DROPPED,
    ),
    "organiser.publish_round": (
        "/organiser/tandems/rounds/{proposal}/publish",
        {},
        AuditAction.TANDEM_ROUND_PUBLISHED,
    ),
    "organiser.discard_round": (
        "/organiser/tandems/rounds/{proposal}/discard",
        {},
        AuditAction.TANDEM_ROUND_DISCARDED,
    ),
    "organiser.change_password": (
        "/organiser/password",
        {"current": ORGANISER_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        AuditAction.PASSWORD_CHANGED,
    ),
}


def _organiser_posts(app) -> set[str]:
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("organiser.") and "POST" in (rule.methods or set())
    }


def test_every_organiser_post_route_is_audited_or_exempt_with_a_reason(app):
    posts = _organiser_posts(app)
    assert not set(AUDITED) & set(EXEMPT)
    unaccounted = posts - set(AUDITED) - set(EXEMPT)
    assert not unaccounted, f"record an audit entry in these, or say why not: {unaccounted}"
    assert set(AUDITED) | set(EXEMPT) == posts
    assert all(len(reason) > 20 for reason in EXEMPT.values())


@pytest.fixture
def world(organiser, marseille, make_chapter, make_organiser, make_session, now):
    published = make_session(marseille, capacity=1)
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    planned = make_session(marseille)
    door = make_session(marseille, starts_in=timedelta(minutes=30))
    arriving = register(db.session, door.id, applicant("ana@example.com"), now=now)
    for event in (published, planned):
        register(db.session, event.id, applicant("ana@example.com"), now=now)
        register(db.session, event.id, applicant("ben@example.com", locale="en"), now=now)
    session_plans.make_plan(
        db.session, organiser, planned.id, session_plans.default_settings(planned), now=now
    )
    failed = db.session.scalars(db.select(OutboxMessage)).first()
    failed.failed_at = now
    attended = make_session(marseille)
    came = register(db.session, attended.id, applicant("cleo@example.com"), now=now)
    db.session.get_one(Registration, came.registration_id).checked_in_at = now
    staff = make_organiser(marseille, email="staff@cci.example", role=Role.STAFF)
    team.invite(db.session, organiser, "invited@cci.example", Role.STAFF, "fr", utcnow())
    invitation = db.session.scalars(db.select(Invitation)).one()
    los_angeles = make_chapter("Los Angeles", "America/Los_Angeles")
    for chapter in (marseille, los_angeles, marseille, los_angeles):
        make_member(chapter, hours="mon-sun 00:00-24:00", now=now)
    proposal = rounds.run_round(
        db.session, organiser, (now + timedelta(days=2)).date(), 7, cities=CITIES, now=now
    )
    first_pair, second_pair = db.session.scalars(
        db.select(Tandem.id).where(Tandem.round_id == proposal).order_by(Tandem.id)
    ).all()
    first_day = (now + timedelta(days=40)).date()
    series = series_admin.create_series(
        db.session, organiser, series_template(first_day), weekly(first_day), now=now
    )
    series_admin.publish_series(db.session, organiser, series, now=now)
    draft_series = series_admin.create_series(
        db.session, organiser, series_template(first_day), weekly(first_day), now=now
    )
    db.session.commit()
    return {
        "series": series,
        "draft_series": draft_series,
        "series_first_day": first_day.isoformat(),
        "series_new_day": (first_day + timedelta(days=60)).isoformat(),
        "proposal": proposal,
        "first_pair": first_pair,
        "second_pair": second_pair,
        "published": published.id,
        "draft": draft.id,
        "planned": planned.id,
        "door": door.id,
        "attended": attended.id,
        "arriving": arriving.registration_id,
        "ticket": make_check_in_token(arriving.registration_id),
        "failed": failed.id,
        "staff": staff.id,
        "invitation": invitation.id,
        "join": link_signer().make_invitation_token(invitation.id, invitation.nonce),
        "reset": link_signer().make_password_reset_token(
            organiser.id, password_fingerprint(organiser.password_hash)
        ),
    }


@pytest.mark.parametrize("endpoint", sorted(AUDITED))
def test_the_action_is_recorded_with_who_when_and_what(
    client, login, organiser, world, now, endpoint
):
    login(organiser)
    path, data, action = AUDITED[endpoint]
    if data == "session_form":
        data = session_form((now + timedelta(days=30)).date())
    elif data == "series_form":
        data = series_form((now + timedelta(days=30)).date())
    else:
        data = {key: value.format(**world) for key, value in data.items()}
    before = {entry.id for entry in entries()}

    response = client.post(path.format(**world), data=data)

    assert response.status_code in (200, 302), response.get_data(as_text=True)[:2000]
    new = [entry for entry in entries() if entry.id not in before]
    assert action in [entry.action for entry in new], [entry.action for entry in new]
    entry = next(entry for entry in new if entry.action is action)
    assert entry.chapter_id == organiser.chapter_id
    assert utcnow() - entry.at < timedelta(minutes=1)
    if action is AuditAction.MEMBER_JOINED:
        assert entry.actor.email == "invited@cci.example"
    else:
        assert entry.actor_id == organiser.id


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ("/organiser/sessions/{published}/attendees.csv", AuditAction.ATTENDEES_EXPORTED),
        ("/organiser/sessions/{published}/attendees.xlsx", AuditAction.ATTENDEES_EXPORTED),
        ("/organiser/sessions/{planned}/tables.csv", AuditAction.TABLES_EXPORTED),
        ("/organiser/sessions/{planned}/tables.xlsx", AuditAction.TABLES_EXPORTED),
        ("/organiser/sessions/{planned}/tables/print", AuditAction.TABLES_EXPORTED),
        ("/organiser/sessions/{attended}/certificates.pdf", AuditAction.CERTIFICATES_EXPORTED),
    ],
)
def test_exports_of_personal_data_are_recorded(client, login, organiser, world, path, action):
    login(organiser)
    assert client.get(path.format(**world)).status_code == 200
    (entry,) = entries(action)
    assert entry.actor_id == organiser.id and entry.subject_type is AuditSubject.SESSION


def test_the_trail_holds_no_attendee_personal_data(client, login, organiser, world):
    """Every audited action and export run once; no name, address or company in any entry."""
    login(organiser)
    for path, data, _action in AUDITED.values():
        if data in ("session_form", "series_form") or "{join}" in path or "{reset}" in path:
            continue
        client.post(
            path.format(**world), data={key: value.format(**world) for key, value in data.items()}
        )
    client.get(f"/organiser/sessions/{world['published']}/attendees.csv")
    stored = " ".join(
        f"{entry.action} {entry.subject_type} {entry.subject_id} {entry.details}"
        for entry in db.session.scalars(db.select(AuditEntry))
    ).lower()
    assert len(entries()) >= 10
    for personal in ("ana", "martin", "ben@", "example.com", "calanques", "founder", "walk-in"):
        assert personal not in stored


def test_free_text_is_refused_in_details(organiser, now):
    with pytest.raises(NotACode):
        audit.record(
            db.session,
            organiser,
            AuditAction.WALK_IN_ADDED,
            AuditSubject.WALK_IN,
            1,
            {"name": "Ana Martin"},
            now,
        )
