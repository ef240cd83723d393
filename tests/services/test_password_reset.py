"""Forgotten and changed passwords: the link, its hour, its single use, the logins ended."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import force_locale

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import link_signer
from business_corner.models import OutboxMessage
from business_corner.services import organiser_logins, password_reset
from business_corner.services.organiser_logins import Lifetimes
from business_corner.services.password_reset import ResetLinkProblem, WrongPassword
from business_corner.services.passwords import WeakPassword
from business_corner.vocabulary import AuditAction, Notice
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.records import outbox
from tests.support.team import NEW_PASSWORD, entries, latest_link
from tests.support.tokens import signed_ago

LIFETIMES = Lifetimes(idle=timedelta(hours=8), absolute=timedelta(days=30))


@pytest.fixture(autouse=True)
def _refusals_in_english(app):
    """The refusals are matched in English (their French is checked with the catalogue)."""
    with force_locale("en"):
        yield


def _reset_token(organiser, locale="fr") -> str:
    password_reset.request_reset(db.session, organiser.email.upper(), locale, utcnow())
    return latest_link(Notice.PASSWORD_RESET, "/organiser/password/reset/").rsplit("/", 1)[1]


def _live(organiser, token) -> bool:
    return (
        organiser_logins.live_login(db.session, token, organiser.id, utcnow(), LIFETIMES)
        is not None
    )


def test_a_known_address_gets_a_link_an_unknown_one_nothing(organiser):
    password_reset.request_reset(db.session, "nobody@cci.example", "fr", utcnow())
    password_reset.request_reset(db.session, "not an address", "fr", utcnow())
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0
    password_reset.request_reset(db.session, organiser.email, "en", utcnow())
    (message,) = outbox(Notice.PASSWORD_RESET)
    assert message.recipient == organiser.email
    assert message.subject == "Business corner: choose a new password"


def test_a_deactivated_account_gets_no_link(organiser):
    organiser.active = False
    db.session.commit()
    password_reset.request_reset(db.session, organiser.email, "fr", utcnow())
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0


def test_the_new_password_ends_every_login_and_the_link_works_once(organiser):
    logins = [organiser_logins.start_login(db.session, organiser, utcnow()) for _ in range(2)]
    token = _reset_token(organiser)

    password_reset.reset_password(db.session, link_signer(), token, NEW_PASSWORD, utcnow())

    db.session.expire_all()
    assert organiser.check_password(NEW_PASSWORD)
    assert not any(_live(organiser, login) for login in logins)
    with pytest.raises(ResetLinkProblem, match="already been used"):
        password_reset.reset_password(
            db.session, link_signer(), token, "other plum tractor", utcnow()
        )
    assert [e.action for e in entries()] == [AuditAction.PASSWORD_RESET]


def test_a_link_older_than_an_hour_is_refused(organiser):
    with signed_ago(61 * 60):
        token = _reset_token(organiser)
    with pytest.raises(ResetLinkProblem, match="expired"):
        password_reset.organiser_for_reset(db.session, link_signer(), token)
    with signed_ago(59 * 60):
        token = _reset_token(organiser)
    assert password_reset.organiser_for_reset(db.session, link_signer(), token) == organiser


def test_forged_and_other_purpose_links_are_refused(organiser):
    token = _reset_token(organiser)
    fingerprint = password_reset.password_fingerprint(organiser.password_hash)
    for bad in (
        token[:-4] + "AAAA",
        link_signer().make_invitation_token(organiser.id, fingerprint),
        link_signer().make_manage_token(organiser.id),
        link_signer().make_feed_token(organiser.id, 0),
    ):
        with pytest.raises(ResetLinkProblem, match="not valid"):
            password_reset.organiser_for_reset(db.session, link_signer(), bad)


def test_a_link_stops_working_once_the_account_is_deactivated(organiser):
    token = _reset_token(organiser)
    organiser.active = False
    db.session.commit()
    with pytest.raises(ResetLinkProblem):
        password_reset.reset_password(db.session, link_signer(), token, NEW_PASSWORD, utcnow())


def test_a_weak_new_password_is_refused_and_the_link_stays_usable(organiser):
    token = _reset_token(organiser)
    with pytest.raises(WeakPassword):
        password_reset.reset_password(db.session, link_signer(), token, "azerty123", utcnow())
    password_reset.reset_password(db.session, link_signer(), token, NEW_PASSWORD, utcnow())


def test_changing_the_password_ends_every_other_login(organiser):
    here, phone = (organiser_logins.start_login(db.session, organiser, utcnow()) for _ in "ab")
    with pytest.raises(WrongPassword):
        password_reset.change_password(
            db.session, organiser.id, "not it at all", NEW_PASSWORD, utcnow(), keep_login=here
        )
    ended = password_reset.change_password(
        db.session, organiser.id, ORGANISER_PASSWORD, NEW_PASSWORD, utcnow(), keep_login=here
    )
    assert ended == 1
    assert _live(organiser, here) and not _live(organiser, phone)
    db.session.expire_all()
    assert organiser.check_password(NEW_PASSWORD)
    (changed,) = entries(AuditAction.PASSWORD_CHANGED)
    assert changed.actor_id == organiser.id


def test_a_change_to_a_weak_or_the_same_password_is_refused(organiser):
    for new in ("password2026", ORGANISER_PASSWORD):
        with pytest.raises(Exception) as refused:
            password_reset.change_password(
                db.session, organiser.id, ORGANISER_PASSWORD, new, utcnow(), keep_login=None
            )
        assert refused.type.__name__ in {"WeakPassword", "DomainError"}
    db.session.expire_all()
    assert organiser.check_password(ORGANISER_PASSWORD)
