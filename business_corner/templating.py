"""Helpers every template can use: vocabularies, the cities' clocks, the CSRF field."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from business_corner.charts import level_chart, sector_chart, signups_chart
from business_corner.formatting import format_clock, format_short_day
from business_corner.services.city_times import CityTime, city_times
from business_corner.services.markup import render_description
from business_corner.vocabulary import (
    Level,
    RegistrationStatus,
    Sector,
    SessionFormat,
    SessionStatus,
    StillComing,
)


def level_hints() -> dict[str, object]:
    """The "I can…" line of each level, keyed by code, for the level chooser."""
    return {level.value: level.can_do for level in Level}


def own_city_label(own: CityTime) -> str:
    """ "(Marseille time)"."""
    return _("(%(city)s time)", city=own.city)


def other_city_time(other: CityTime, own: CityTime) -> str:
    """ "9:00 AM in Los Angeles", with the day when it is not the same day as at home."""
    clock = format_clock(other.moment)
    if other.moment.date() != own.moment.date():
        clock = _("%(day)s, %(time)s", day=format_short_day(other.moment), time=clock)
    return _("%(time)s in %(city)s", time=clock, city=other.city)


def csrf_field() -> Markup:
    """The hidden CSRF token every POST form carries; CSRFProtect checks it on every POST."""
    return Markup('<input name="csrf_token" type="hidden" value="{}">').format(generate_csrf())


def paragraphs(text: str) -> Markup:
    """Plain text as HTML paragraphs: a blank line starts a paragraph, a line break stays
    one, and everything is escaped (organisers' messages are text, not markup)."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in block.split("\n")))
        for block in blocks
        if block
    )


def init_app(app: Flask) -> None:
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.globals.update(
        csrf_field=csrf_field,
        city_times=city_times,
        own_city_label=own_city_label,
        other_city_time=other_city_time,
        level_hints=level_hints,
        render_description=render_description,
        level_chart=level_chart,
        sector_chart=sector_chart,
        signups_chart=signups_chart,
        Level=Level,
        Sector=Sector,
        SessionFormat=SessionFormat,
        SessionStatus=SessionStatus,
        RegistrationStatus=RegistrationStatus,
        StillComing=StillComing,
    )
