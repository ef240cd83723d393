"""The team, passwords and messages through the pages: wiring, answers, limits."""

from __future__ import annotations

from datetime import timedelta

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import AttendeeMessage, Organiser, OutboxMessage
from business_corner.services import check_in as door
from business_corner.services.check_in import CheckInRules
from business_corner.services.registration import register
from business_corner.vocabulary import AuditAction, Notice, Role
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.team import NEW_PASSWORD, entries, latest_link, log_in


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_an_admin_invites_and_the_colleague_joins_then_logs_in(app, client, organiser):
    log_in(client, organiser.email)
    response = client.post(
        "/organiser/team/invite",
        data={"email": "Nadia@CCI.example", "role": "staff", "language": "en"},
    )
    assert response.status_code == 302
    assert "nadia@cci.example" in _page(client.get("/organiser/team"))
    join = latest_link(Notice.INVITATION, "/organiser/join/")

    colleague = app.test_client()
    page = colleague.get(join)
    assert page.status_code == 200 and '<html lang="en">' in _page(page)
    weak = colleague.post(
        join, data={"name": "Nadia", "password": "password123", "confirm": "password123"}
    )
    assert weak.status_code == 422 and "most common passwords" in _page(weak)
    joined = colleague.post(
        join, data={"name": "Nadia Benali", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert joined.status_code == 302 and joined.headers["Location"] == "/organiser/login"
    log_in(colleague, "nadia@cci.example", NEW_PASSWORD)
    assert colleague.get("/organiser/").status_code == 200
    assert colleague.get("/organiser/team").status_code == 403  # staff
    used = colleague.get(join)
    assert used.status_code == 410 and "a déjà servi" in _page(used)


def test_forgot_password_answers_the_same_for_known_and_unknown_addresses(client, organiser):
    known = client.post("/organiser/password/forgot", data={"email": organiser.email})
    unknown = client.post("/organiser/password/forgot", data={"email": "nobody@cci.example"})
    assert known.status_code == unknown.status_code == 200
    assert _page(known).replace(organiser.email, "X") == _page(unknown).replace(
        "nobody@cci.example", "X"
    )
    assert [m.recipient for m in outbox(Notice.PASSWORD_RESET)] == [organiser.email]


def test_the_login_page_offers_a_reset(client):
    assert "/organiser/password/forgot" in _page(client.get("/organiser/login"))


def test_a_reset_from_the_mail_ends_every_login(app, client, organiser):
    laptop = app.test_client()
    log_in(laptop, organiser.email)
    client.post("/organiser/password/forgot", data={"email": organiser.email})
    reset = latest_link(Notice.PASSWORD_RESET, "/organiser/password/reset/")
    assert client.get(reset).status_code == 200
    done = client.post(reset, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert laptop.get("/organiser/").status_code == 302
    again = client.get(reset)
    assert again.status_code == 410 and "a déjà servi" in _page(again)
    log_in(client, organiser.email, NEW_PASSWORD)


def test_reset_requests_are_limited_per_address_and_per_network(make_app, organiser):
    client = make_app(
        RATELIMIT_ENABLED=True,
        PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS="2 per hour",
        PASSWORD_RESET_RATE_LIMIT_PER_IP="4 per hour",
    ).test_client()

    def ask(email: str) -> int:
        return client.post("/organiser/password/forgot", data={"email": email}).status_code

    assert [ask(organiser.email) for _ in range(3)] == [200, 200, 429]
    assert [ask("other@cci.example"), ask("third@cci.example"), ask("fourth@cci.example")] == [
        200,
        200,
        429,
    ]
    assert len(outbox(Notice.PASSWORD_RESET)) == 2


def test_changing_the_password_keeps_this_browser_and_ends_the_others(app, client, organiser):
    phone = app.test_client()
    log_in(client, organiser.email)
    log_in(phone, organiser.email)
    wrong = client.post(
        "/organiser/password",
        data={"current": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert wrong.status_code == 422 and "votre mot de passe actuel" in _page(wrong)
    done = client.post(
        "/organiser/password",
        data={"current": ORGANISER_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert client.get("/organiser/").status_code == 200
    assert phone.get("/organiser/").status_code == 302


def test_roles_change_from_the_team_page_but_the_last_admin_stays(
    client, organiser, make_organiser, marseille
):
    staff = make_organiser(marseille, email="staff@cci.example", role=Role.STAFF)
    log_in(client, organiser.email)
    client.post(f"/organiser/team/members/{organiser.id}/role", data={"role": "staff"})
    db.session.expire_all()
    assert db.session.get(Organiser, organiser.id).role is Role.ADMIN
    client.post(f"/organiser/team/members/{staff.id}/role", data={"role": "admin"})
    db.session.expire_all()
    assert db.session.get(Organiser, staff.id).role is Role.ADMIN
    bad = client.post(f"/organiser/team/members/{staff.id}/role", data={"role": "emperor"})
    assert bad.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organiser, staff.id).role is Role.ADMIN


def test_the_message_form_says_how_many_receive_each_version(
    client, organiser, marseille, make_session, now
):
    event = make_session(marseille, capacity=2)
    for email, locale in (
        ("a@example.com", "fr"),
        ("b@example.com", "en"),
        ("c@example.com", "fr"),
    ):
        register(db.session, event.id, applicant(email, locale=locale), now=now)
    log_in(client, organiser.email)
    page = _page(client.get(f"/organiser/sessions/{event.id}/messages/new"))
    # One person each (capacity 2: two confirmed, one of each language): singular both times.
    assert "1 personne recevra la version française, 1 personne la version anglaise" in page or (
        "1 person will receive the French version, 1 person the English version" in page
    )
    missing = client.post(
        f"/organiser/sessions/{event.id}/messages/new",
        data={"audience": "all", "subject_fr": "Sujet", "body_fr": "Texte"},
    )
    assert missing.status_code == 422
    preview = client.post(
        f"/organiser/sessions/{event.id}/messages/new",
        data={
            "audience": "all",
            "subject_fr": "Sujet",
            "body_fr": "Texte <b>gras</b>",
            "subject_en": "Subject",
            "body_en": "Text",
        },
    )
    assert preview.status_code == 200
    assert "Texte &lt;b&gt;gras&lt;/b&gt;" in _page(preview)
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 3
    sent = client.post(
        f"/organiser/sessions/{event.id}/messages/send",
        data={
            "audience": "all",
            "subject_fr": "Sujet",
            "body_fr": "Texte",
            "subject_en": "Subject",
            "body_en": "Text",
            "send": "1",
        },
    )
    assert sent.status_code == 302
    copy = db.session.scalars(db.select(AttendeeMessage)).one()
    assert (copy.recipients_fr, copy.recipients_en) == (2, 1)
    listing = _page(client.get(f"/organiser/sessions/{event.id}/messages"))
    assert "Sujet" in listing or "Subject" in listing
    assert entries(AuditAction.MESSAGE_SENT)[0].subject_id == copy.id


def test_the_audit_trail_filters_by_action_and_member(client, organiser, make_organiser, marseille):
    staff = make_organiser(marseille, email="staff@cci.example", role=Role.STAFF)
    log_in(client, organiser.email)
    client.post(f"/organiser/team/members/{staff.id}/role", data={"role": "admin"})
    client.post("/organiser/calendar/rotate")
    everything = _page(client.get("/organiser/audit"))
    roles_only = _page(client.get("/organiser/audit?action=role_changed"))
    assert "staff@cci.example" not in everything  # members appear by name
    assert roles_only.count("<tr>") < everything.count("<tr>")
    nobody = _page(client.get(f"/organiser/audit?member={staff.id}"))
    assert "<tbody>" not in nobody
    bad = client.get("/organiser/audit?since=not-a-date&member=99999999999999")
    assert bad.status_code == 422
    assert utcnow()


def test_join_and_reset_links_that_do_not_work_say_why(client, organiser):
    from business_corner.links import link_signer
    from tests.support.tokens import signed_ago

    forged = client.get("/organiser/join/not-a-real-token")
    assert forged.status_code == 410 and "pas valable" in _page(forged)
    other_purpose = client.get(
        "/organiser/join/" + link_signer().make_password_reset_token(organiser.id, "x")
    )
    assert other_purpose.status_code == 410
    with signed_ago(2 * 3600):
        client.post("/organiser/password/forgot", data={"email": organiser.email})
        expired = latest_link(Notice.PASSWORD_RESET, "/organiser/password/reset/")
    page = client.get(expired)
    assert page.status_code == 410 and "a expiré" in _page(page)
    posted = client.post(expired, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert posted.status_code == 410
    db.session.expire_all()
    assert db.session.get(Organiser, organiser.id).check_password(ORGANISER_PASSWORD)


def test_the_checked_in_group_appears_on_the_form_once_check_in_has_started(
    client, organiser, marseille, make_session, now
):
    event = make_session(marseille, starts_in=timedelta(minutes=30))
    ana = register(db.session, event.id, applicant("ana@x.fr"), now=now).registration_id
    register(db.session, event.id, applicant("ben@x.fr"), now=now)
    log_in(client, organiser.email)
    url = f"/organiser/sessions/{event.id}/messages/new"
    draft = {"audience": "checked_in", "subject_fr": "Merci", "body_fr": "Merci !"}

    assert 'value="checked_in"' not in _page(client.get(url))
    assert client.post(url, data=draft).status_code == 422

    door.check_in(db.session, organiser, event.id, ana, now=now, rules=CheckInRules())

    assert 'value="checked_in"' in _page(client.get(url))
    sent = client.post(f"/organiser/sessions/{event.id}/messages/send", data={**draft, "send": "1"})
    assert sent.status_code == 302
    assert [m.recipient for m in outbox(Notice.ATTENDEE_MESSAGE)] == ["ana@x.fr"]
