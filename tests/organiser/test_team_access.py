"""Who may open the new organiser pages: anonymous, staff, an admin of another chapter, a
deactivated member, and the chapter's admin. Staff keep sessions, attendees and tables."""

from __future__ import annotations

import pytest

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import link_signer
from business_corner.models import Invitation
from business_corner.services import attendee_messages, team
from business_corner.services.attendee_messages import Draft
from business_corner.services.password_reset import password_fingerprint
from business_corner.services.registration import register
from business_corner.vocabulary import Audience, Role
from tests.organiser.test_access import ORGANISER_PAGES
from tests.support.applicants import applicant
from tests.support.series import published_series
from tests.support.team import log_in

ADMIN_ONLY = [
    ("GET", "/organiser/team"),
    ("POST", "/organiser/team/invite"),
    ("POST", "/organiser/team/invitations/{invitation}/resend"),
    ("POST", "/organiser/team/invitations/{invitation}/revoke"),
    ("POST", "/organiser/team/members/{member}/role"),
    ("GET", "/organiser/team/members/{member}/deactivate"),
    ("POST", "/organiser/team/members/{member}/deactivate"),
    ("GET", "/organiser/audit"),
]
EVERY_MEMBER = [
    ("GET", "/organiser/password"),
    ("POST", "/organiser/password"),
    ("GET", "/organiser/sessions/{session}/messages"),
    ("GET", "/organiser/sessions/{session}/messages/new"),
    ("POST", "/organiser/sessions/{session}/messages/new"),
    ("POST", "/organiser/sessions/{session}/messages/send"),
    ("GET", "/organiser/sessions/{session}/messages/{message}"),
]
#: Reached from a mail, without a login.
PUBLIC = [
    ("GET", "/organiser/join/{join}"),
    ("POST", "/organiser/join/{join}"),
    ("GET", "/organiser/password/forgot"),
    ("POST", "/organiser/password/forgot"),
    ("GET", "/organiser/password/reset/{reset}"),
    ("POST", "/organiser/password/reset/{reset}"),
]
LOGGED_IN = ADMIN_ONLY + EVERY_MEMBER
#: Pages about one record of the chapter: to another chapter's admin it does not exist.
ABOUT_A_RECORD = [page for page in LOGGED_IN if "{" in page[1]]


@pytest.fixture
def ids(organiser, marseille, make_organiser, make_session, now):
    event = make_session(marseille)
    register(db.session, event.id, applicant("private.person@example.com"), now=now)
    message = attendee_messages.send_message(
        db.session, organiser, event.id, Draft(Audience.ALL, "Sujet", "", "Texte", ""), utcnow()
    )
    member = make_organiser(marseille, email="member@cci.example", role=Role.STAFF)
    team.invite(db.session, organiser, "invited@cci.example", Role.STAFF, "fr", utcnow())
    invitation = db.session.scalars(db.select(Invitation)).one()
    return {
        "session": event.id,
        "series": published_series(organiser, now),
        "message": message.id,
        "member": member.id,
        "invitation": invitation.id,
        "join": link_signer().make_invitation_token(invitation.id, invitation.nonce),
        "reset": link_signer().make_password_reset_token(
            organiser.id, password_fingerprint(organiser.password_hash)
        ),
    }


def _open(client, method, url, ids):
    return client.open(url.format(**ids), method=method)


@pytest.mark.parametrize(("method", "url"), LOGGED_IN)
def test_anonymous_visitors_are_sent_to_the_login_page(client, ids, method, url):
    response = _open(client, method, url, ids)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/organiser/login?next=")


@pytest.mark.parametrize(("method", "url"), PUBLIC)
def test_pages_opened_from_a_mail_need_no_login(client, ids, method, url):
    response = _open(client, method, url, ids)
    assert response.status_code in (200, 302, 422)
    assert "/organiser/login?next=" not in response.headers.get("Location", "")


@pytest.mark.parametrize(("method", "url"), ADMIN_ONLY)
def test_staff_may_not_run_the_team_nor_read_the_trail(
    client, ids, make_organiser, marseille, method, url
):
    log_in(client, make_organiser(marseille, email="staff@cci.example", role=Role.STAFF).email)
    response = _open(client, method, url, ids)
    assert response.status_code == 403
    assert b"invited@cci.example" not in response.data


@pytest.mark.parametrize(("method", "url"), EVERY_MEMBER)
def test_staff_may_write_to_attendees_and_change_their_password(
    client, ids, make_organiser, marseille, method, url
):
    log_in(client, make_organiser(marseille, email="staff@cci.example", role=Role.STAFF).email)
    assert _open(client, method, url, ids).status_code in (200, 302, 422)


@pytest.mark.parametrize(("method", "url"), [p for p in ORGANISER_PAGES if p[0] == "GET"])
def test_staff_keep_sessions_attendees_and_tables(
    client, ids, make_organiser, marseille, method, url
):
    log_in(client, make_organiser(marseille, email="staff@cci.example", role=Role.STAFF).email)
    response = client.get(url.format(id=ids["session"], series=ids["series"]))
    assert response.status_code in (200, 302)  # a plan's export sends to "plan first"
    assert not response.headers.get("Location", "").startswith("/organiser/login")


@pytest.mark.parametrize(("method", "url"), ABOUT_A_RECORD)
def test_an_admin_of_another_chapter_finds_nothing(
    client, ids, los_angeles, make_organiser, method, url
):
    log_in(client, make_organiser(los_angeles).email)
    response = _open(client, method, url, ids)
    assert response.status_code == 404
    assert b"private.person" not in response.data and b"member@cci" not in response.data
    db.session.expire_all()
    assert db.session.get(Invitation, ids["invitation"]).is_pending


def test_another_chapters_admin_sees_only_their_own_team_and_trail(
    client, ids, los_angeles, make_organiser
):
    log_in(client, make_organiser(los_angeles).email)
    for url in ("/organiser/team", "/organiser/audit"):
        page = client.get(url).get_data(as_text=True)
        assert "member@cci.example" not in page and "invited@cci.example" not in page
        assert "Sujet" not in page


@pytest.mark.parametrize(("method", "url"), LOGGED_IN)
def test_a_deactivated_member_is_logged_out_of_every_page(app, client, ids, organiser, method, url):
    member = db.session.get(team.Organiser, ids["member"])
    log_in(client, member.email)
    team.deactivate(db.session, organiser, member.id, utcnow())
    response = _open(client, method, url, ids)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/organiser/login")


def test_a_deactivated_members_cookie_stops_working_on_the_next_request(
    app, organiser, make_organiser, marseille
):
    member = make_organiser(marseille, email="member@cci.example", role=Role.STAFF)
    browser, admin = app.test_client(), app.test_client()
    log_in(browser, member.email)
    log_in(admin, organiser.email)
    assert browser.get("/organiser/").status_code == 200

    confirmed = admin.post(f"/organiser/team/members/{member.id}/deactivate")

    assert confirmed.status_code == 302
    response = browser.get("/organiser/")
    assert response.status_code == 302 and response.headers["Location"].startswith(
        "/organiser/login"
    )
    again = browser.post(
        "/organiser/login", data={"email": member.email, "password": "correct horse battery"}
    )
    assert again.status_code == 401
