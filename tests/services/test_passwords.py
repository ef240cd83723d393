"""Passwords: a minimum length, not one of 30,000 common ones, not easy to guess."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from business_corner.services.passwords import (
    MIN_PASSWORD_LENGTH,
    WeakPassword,
    check_password,
    is_common,
    password_problem,
)


@pytest.fixture(autouse=True)
def _english(app):
    with force_locale("en"):
        yield


def test_the_common_list_is_a_real_one_of_tens_of_thousands():
    from business_corner.services.passwords import _common_passwords

    common = _common_passwords()
    assert len(common) >= 30_000
    assert {"password", "123456", "qwerty", "azerty", "marseille", "soleil"} <= common


@pytest.mark.parametrize(
    "password",
    ["password1234", "Password2024!", "QWERTYUIOP", "azertyuiop", "1234567890", "iloveyou!!!"],
)
def test_common_passwords_are_refused_also_with_digits_or_symbols_added(password):
    assert is_common(password)
    assert "most common passwords" in str(password_problem(password))


def test_too_short_and_too_long_are_refused():
    assert "at least 10" in str(password_problem("x7#Kp2!q" + "z"))
    assert len("x7#Kp2!qzw") == MIN_PASSWORD_LENGTH
    assert "at most 200" in str(password_problem("plum tractor " * 20))


@pytest.mark.parametrize("password", ["abcdefghijkl", "aaaaaaaaaaaaaa", "businesscorner2"])
def test_passwords_easy_to_guess_are_refused(password):
    assert "easy to guess" in str(password_problem(password))


def test_the_persons_own_address_and_name_make_a_password_easy_to_guess():
    own = "sophie.laurent.cci"
    assert password_problem(own) is None  # fine for someone else
    problem = password_problem(own, ["sophie.laurent@cci-marseille.example", "Sophie Laurent"])
    assert "made of your name or your address" in str(problem)


@pytest.mark.parametrize(
    "password", ["plum tractor origami", "correct horse battery", "Tr0ub4dor&3x-velo"]
)
def test_good_passwords_pass(password):
    assert password_problem(password) is None
    check_password(password)


def test_check_password_raises_a_translated_refusal():
    with pytest.raises(WeakPassword) as refused:
        check_password("soleil2025")
    with force_locale("fr"):
        assert "mots de passe les plus courants" in str(refused.value.message)
