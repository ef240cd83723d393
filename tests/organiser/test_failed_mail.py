"""Organisers see their chapter's waiting and failed mail, and can try a failed one again:
mail about its sessions, and mail about no session whose record is the chapter's (team
mail for its admins, tandem mail for every organiser); never another chapter's."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from business_corner.extensions import db
from business_corner.models import OutboxMessage
from business_corner.services import password_reset, team
from business_corner.services.registration import register
from business_corner.services.tandems import membership
from business_corner.services.tandems.hours import DEFAULT_HOURS
from business_corner.vocabulary import AuditAction, Level, Notice, Role, Sector
from tests.support.applicants import applicant
from tests.support.tandems import CITIES
from tests.support.team import entries, log_in


def _failed_message(event_id: int, now) -> int:
    outcome = register(db.session, event_id, applicant("ana@example.com"), now=now)
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.registration_id == outcome.registration_id)
        .values(failed_at=now, attempts=12, last_error="SMTPRecipientsRefused 550")
    )
    db.session.commit()
    return db.session.scalars(
        db.select(OutboxMessage.id).where(OutboxMessage.registration_id == outcome.registration_id)
    ).one()


def test_the_dashboard_shows_waiting_and_failed_mail_with_the_reason(
    client, login, organiser, marseille, make_session, now
):
    event = make_session(marseille)
    _failed_message(event.id, now)
    register(db.session, event.id, applicant("ben@example.com", first_name="Ben"), now=now)
    login(organiser)

    page = client.get("/organiser/").get_data(as_text=True)

    assert "1 e-mail concernant vos sessions attend d’être envoyé." in page
    assert "SMTPRecipientsRefused 550" in page and "Participant : Ana Martin" in page
    assert "Place confirmée" in page


def test_an_organiser_retries_a_failed_message(
    client, login, organiser, marseille, make_session, now
):
    event = make_session(marseille)
    message_id = _failed_message(event.id, now)
    login(organiser)

    response = client.post(f"/organiser/mail/{message_id}/retry")

    assert response.status_code == 302
    message = db.session.get_one(OutboxMessage, message_id)
    assert message.failed_at is None and message.attempts == 0
    assert "SMTPRecipientsRefused" not in client.get("/organiser/").get_data(as_text=True)


def test_another_chapters_organiser_cannot_retry_it(
    client, login, los_angeles, make_organiser, marseille, make_session, now
):
    event = make_session(marseille)
    message_id = _failed_message(event.id, now)
    login(make_organiser(los_angeles))

    assert client.post(f"/organiser/mail/{message_id}/retry").status_code == 404
    assert db.session.get_one(OutboxMessage, message_id).failed_at is not None


# Mail about no session: team invitations, password resets, tandem mail ---------------------


def _fail(message_id: int, now, reason: str) -> None:
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(failed_at=now, attempts=12, last_error=reason, raw=b"written before")
    )
    db.session.commit()


def _last_of(kind: Notice) -> int:
    return db.session.scalars(
        db.select(OutboxMessage.id)
        .where(OutboxMessage.kind == kind)
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    ).one()


@pytest.fixture
def failed_elsewhere(app, organiser, marseille, los_angeles, make_organiser, now):
    """A Marseille invitation, a Marseille staff member's password reset and a Los Angeles
    tandem member's confirmation, each failed for good with its own reason."""
    staff = make_organiser(marseille, "staff@marseille.test", Role.STAFF)
    team.invite(db.session, organiser, "nadia@cci.example", Role.STAFF, "fr", now)
    _fail(_last_of(Notice.INVITATION), now, "SMTPRecipientsRefused 550 invitation")
    password_reset.request_reset(db.session, staff.email, "fr", now)
    _fail(_last_of(Notice.PASSWORD_RESET), now, "SMTPRecipientsRefused 550 reset")
    membership.sign_up(
        db.session,
        membership.Application(
            membership.MemberDetails(
                "Bob", "Smith", "Olives", Sector.TRADE, Level.C2, DEFAULT_HOURS
            ),
            "bob@example.com",
            "los-angeles",
            "en",
            True,
        ),
        cities=CITIES,
        now=now,
    )
    _fail(_last_of(Notice.TANDEM_CONFIRM), now, "SMTPRecipientsRefused 550 tandem")
    return {
        "staff": staff,
        "los_angeles_staff": make_organiser(los_angeles, "staff@los-angeles.test", Role.STAFF),
        "los_angeles_admin": make_organiser(los_angeles, "admin@los-angeles.test"),
        "invitation": _last_of(Notice.INVITATION),
        "reset": _last_of(Notice.PASSWORD_RESET),
        "tandem": _last_of(Notice.TANDEM_CONFIRM),
    }


def _dashboard_of(app, who) -> str:
    browser = app.test_client()
    log_in(browser, who.email)
    return browser.get("/organiser/").get_data(as_text=True)


def test_team_and_tandem_mail_that_failed_is_shown_to_its_own_chapter_only(
    app, organiser, failed_elsewhere
):
    marseille_admin = _dashboard_of(app, organiser)
    assert "SMTPRecipientsRefused 550 invitation" in marseille_admin
    assert "nadia@cci.example" in marseille_admin
    assert "SMTPRecipientsRefused 550 reset" in marseille_admin
    assert "SMTPRecipientsRefused 550 tandem" not in marseille_admin

    # Team mail is the admins' business, as the team page is.
    marseille_staff = _dashboard_of(app, failed_elsewhere["staff"])
    assert "550 invitation" not in marseille_staff and "550 reset" not in marseille_staff

    for who in ("los_angeles_admin", "los_angeles_staff"):
        page = _dashboard_of(app, failed_elsewhere[who])
        assert "SMTPRecipientsRefused 550 tandem" in page and "Bob Smith" in page
        assert "550 invitation" not in page and "550 reset" not in page


def test_team_and_tandem_mail_is_retried_by_its_own_chapter_only(app, organiser, failed_elsewhere):
    def retry(who, message_id):
        browser = app.test_client()
        log_in(browser, who.email)
        return browser.post(f"/organiser/mail/{message_id}/retry").status_code

    assert retry(failed_elsewhere["los_angeles_admin"], failed_elsewhere["invitation"]) == 404
    assert retry(failed_elsewhere["staff"], failed_elsewhere["reset"]) == 404
    assert retry(organiser, failed_elsewhere["tandem"]) == 404
    db.session.expire_all()
    assert all(
        db.session.get_one(OutboxMessage, failed_elsewhere[kind]).failed_at is not None
        for kind in ("invitation", "reset", "tandem")
    )

    assert retry(organiser, failed_elsewhere["invitation"]) == 302
    assert retry(organiser, failed_elsewhere["reset"]) == 302
    assert retry(failed_elsewhere["los_angeles_staff"], failed_elsewhere["tandem"]) == 302
    db.session.expire_all()
    invitation, reset, tandem = (
        db.session.get_one(OutboxMessage, failed_elsewhere[kind])
        for kind in ("invitation", "reset", "tandem")
    )
    assert all(m.failed_at is None and m.attempts == 0 for m in (invitation, reset, tandem))
    # Team mail is written again when sent, so that its link starts afresh.
    assert invitation.raw is None and reset.raw is None and tandem.raw == b"written before"
    retried = entries(AuditAction.MAIL_RETRIED)
    assert [entry.subject_id for entry in retried] == [
        failed_elsewhere["invitation"],
        failed_elsewhere["reset"],
        failed_elsewhere["tandem"],
    ]
