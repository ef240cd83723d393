"""What makes an organiser's password acceptable; hashing stays werkzeug's scrypt (the model).

Three checks, in the order a person can act on them: a minimum length; not one of the
30,000 most common passwords (the "passwords" frequency list that zxcvbn ships, built from
leaked password sets: see its ``frequency_lists``), also with the digits and symbols people
add at the end taken off ("Password2024!"); and not easy to guess all the same, as zxcvbn
estimates it (keyboard walks, repeats, dates, dictionary words, l33t, the person's own
address and name, the site's name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from business_corner.services.errors import DomainError

MIN_PASSWORD_LENGTH = 10
#: scrypt takes any length; this only keeps a pasted book out of the hash function.
MAX_PASSWORD_LENGTH = 200
#: zxcvbn's scores run from 0 (guessed at once) to 4; 3 resists an offline attack on a slow
#: hash for a long time ("safely unguessable" in its documentation).
MIN_SCORE = 3
#: Words of this site that make a password easy to guess for anyone who knows where it is used.
SITE_WORDS = ("business", "corner", "businesscorner", "marseille", "angeles", "organiser")

_TRAILING_NOISE = re.compile(r"[\d\W_]+$")
_NOT_LETTERS = re.compile(r"[\d\W_]+")
_WORD_SEPARATORS = re.compile(r"[\s@.+_-]+")
#: Letters a password must keep once the person's own words are taken out of it.
OWN_LETTERS = 6


class WeakPassword(DomainError):
    """The password is refused; the message says why and what to do."""


@cache
def _common_passwords() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def is_common(password: str) -> bool:
    """One of the common passwords, in any case, or one with digits or symbols added."""
    lowered = password.lower()
    common = _common_passwords()
    return lowered in common or _TRAILING_NOISE.sub("", lowered) in common


def _mostly(password: str, words: list[str]) -> bool:
    """True when taking the person's own words (name, address) out of the password leaves
    only a few letters: "sophie.laurent.2026" for Sophie Laurent."""
    letters = _NOT_LETTERS.sub("", password.lower())
    left = letters
    for word in sorted(set(words), key=len, reverse=True):
        left = left.replace(word, "")
    return left != letters and len(left) < OWN_LETTERS


def password_problem(password: str, context: Iterable[str] = ()) -> LazyString | None:
    """Why ``password`` is refused, or None. ``context``: the person's address, name and
    chapter, which make a password easy to guess for anyone who knows them."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _l("Use at least %(min)s characters.", min=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _l("Use at most %(max)s characters.", max=MAX_PASSWORD_LENGTH)
    if is_common(password):
        return _l(
            "This is one of the most common passwords, the first ones an attacker tries. "
            "Choose another: a few unrelated words make a good one."
        )
    own = [
        part for text in context for part in _WORD_SEPARATORS.split(text.lower()) if len(part) > 2
    ]
    if _mostly(password, own):
        return _l(
            "This password is made of your name or your address, the first thing someone who "
            "knows you would try. A few unrelated words make a good one."
        )
    inputs = [*SITE_WORDS, *own]
    if zxcvbn(password, user_inputs=inputs)["score"] < MIN_SCORE:
        return _l(
            "This password is easy to guess (a common word, a name, a date, keys next to each "
            "other or your address). A few unrelated words make a good one."
        )
    return None


def check_password(password: str, context: Iterable[str] = ()) -> None:
    """Raise ``WeakPassword`` unless the password is acceptable."""
    if (problem := password_problem(password, context)) is not None:
        raise WeakPassword(problem)
