"""Manage links: signed, expiring, for one purpose only."""

from __future__ import annotations

import time

import pytest
from itsdangerous import URLSafeTimedSerializer

from business_corner.services.tokens import (
    MANAGE_REGISTRATION,
    ExpiredLink,
    InvalidLink,
    LinkSigner,
)

SECRET = "test secret key"
MAX_AGE_DAYS = 365
_signer = LinkSigner(SECRET, MAX_AGE_DAYS)
make_manage_token = _signer.make_manage_token
read_manage_token = _signer.read_manage_token


def test_a_token_points_to_its_registration():
    assert read_manage_token(make_manage_token(42)) == 42


def _flip(token: str, position: int) -> str:
    """The token with one character of its signature changed for another."""
    replacement = "A" if token[position] != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


@pytest.mark.parametrize(
    "mangle", [lambda t: _flip(t, -5), lambda t: _flip(t, 0), lambda t: "x" + t, lambda t: ""]
)
def test_a_tampered_token_is_refused(mangle):
    with pytest.raises(InvalidLink):
        read_manage_token(mangle(make_manage_token(42)))


def test_a_token_signed_for_another_purpose_is_refused():
    other = URLSafeTimedSerializer(SECRET, salt="something-else").dumps(42)
    with pytest.raises(InvalidLink):
        read_manage_token(other)


def test_a_token_signed_with_another_key_is_refused():
    forged = URLSafeTimedSerializer("not our key", salt=MANAGE_REGISTRATION).dumps(42)
    with pytest.raises(InvalidLink):
        read_manage_token(forged)


def test_a_token_that_is_not_a_registration_id_is_refused():
    serializer = URLSafeTimedSerializer(SECRET, salt=MANAGE_REGISTRATION)
    for payload in ("42", True, [42]):
        with pytest.raises(InvalidLink):
            read_manage_token(serializer.dumps(payload))


def test_an_old_token_has_expired():
    serializer = URLSafeTimedSerializer(SECRET, salt=MANAGE_REGISTRATION)
    signer = serializer.make_signer(MANAGE_REGISTRATION)
    max_age_days = MAX_AGE_DAYS
    signer.get_timestamp = lambda: int(time.time()) - (max_age_days + 1) * 86400  # type: ignore[method-assign]
    payload = serializer.dump_payload(42)
    old_token = signer.sign(payload).decode("ascii")
    with pytest.raises(ExpiredLink):
        read_manage_token(old_token)


def test_a_check_in_token_points_to_its_attendee_and_differs_per_attendee():
    assert _signer.read_check_in_token(_signer.make_check_in_token(42)) == 42
    assert _signer.make_check_in_token(42) != _signer.make_check_in_token(43)


def test_check_in_and_manage_tokens_are_not_interchangeable():
    """A ticket's QR code opens no manage page, and a manage link checks nobody in."""
    with pytest.raises(InvalidLink):
        read_manage_token(_signer.make_check_in_token(42))
    with pytest.raises(InvalidLink):
        _signer.read_check_in_token(make_manage_token(42))
