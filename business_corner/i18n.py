"""Languages: which one a reader gets, and the date filters and language globals templates use.

The formatting itself is in ``business_corner.formatting``, which services can import.
"""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import refresh

from business_corner.formatting import (
    DEFAULT_LOCALE,
    current_locale,
    format_clock,
    format_day,
    format_day_and_clock,
    format_numeric_date,
    format_one_decimal,
    format_relative,
    format_short_day,
)

SUPPORTED_LOCALES = ("fr", "en")
#: Cookie that remembers the language a reader chose with the switcher.
LOCALE_COOKIE = "lang"
LOCALE_NAMES = {"fr": "Français", "en": "English"}


def select_locale() -> str:
    """Explicit choice (cookie), then the language of the person whose link this is, then
    the browser's Accept-Language, then French."""
    if not has_request_context():
        return str(current_app.config.get("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE))
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in SUPPORTED_LOCALES:
        return chosen
    personal = g.get("personal_locale")
    if personal in SUPPORTED_LOCALES:
        return str(personal)
    return request.accept_languages.best_match(SUPPORTED_LOCALES) or DEFAULT_LOCALE


def speak_the_language_of(locale: str) -> None:
    """A page reached from a personal link opens in the language its owner signed up in
    (a French attendee opening her link in an English browser reads French), unless the
    visitor chose a language with the switch."""
    g.personal_locale = locale
    refresh()  # the locale may already have been looked up for this request


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        current_locale=current_locale,
        supported_locales=SUPPORTED_LOCALES,
        locale_names=LOCALE_NAMES,
    )
    app.jinja_env.filters.update(
        day=format_day,
        clock=format_clock,
        short_day=format_short_day,
        day_and_clock=format_day_and_clock,
        relative=format_relative,
        numeric_date=format_numeric_date,
        one_decimal=format_one_decimal,
    )
