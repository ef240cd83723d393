"""Organisers' series: create one, see its season, publish it, add a date, change its rule.

A date of a series is a session: it is edited ("this date only" or "this and the following
dates"), cancelled and deleted on the session pages (``views.py``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.form_expiry import keeps_typed_values
from business_corner.models import Series
from business_corner.organiser import bp
from business_corner.organiser.access import current_organiser
from business_corner.organiser.forms import ConfirmForm
from business_corner.organiser.messages import series_dates_changed
from business_corner.organiser.series_forms import AddDateForm, RuleForm, SeriesForm
from business_corner.organiser.views import session_form
from business_corner.services import catalogue
from business_corner.services import series as series_admin
from business_corner.services.errors import DomainError, NotFound
from business_corner.vocabulary import Level, Recurrence, SessionFormat


def own_series(series_id: int) -> Series:
    """The organiser's own series; another chapter's do not exist for them (404)."""
    try:
        return series_admin.get_own_series(db.session(), current_organiser(), series_id)
    except NotFound:
        abort(404)


@bp.route("/series/new", methods=["GET", "POST"])
@keeps_typed_values
def new_series() -> ResponseReturnValue:
    """Create a series: one draft session per date of its rule."""
    organiser = current_organiser()
    form = session_form(SeriesForm, offers_co_hosts=False)
    if request.method == "GET":
        form.timezone.data = organiser.chapter.timezone
        form.format.data = SessionFormat.IN_PERSON.value
        form.capacity.data = 20
        form.levels.data = [level.value for level in Level]
        form.recurrence.data = Recurrence.MONTHLY_WEEKDAY.value
        form.count.data = 6
    elif form.validate_on_submit() and (details := form.session_details()) is not None:
        try:
            series_id = series_admin.create_series(
                db.session(), organiser, details, form.rule(form.day.data), now=utcnow()
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The dates are saved as drafts. Publish them when they are ready."), "success")
            return redirect(url_for(".series_page", series_id=series_id))
    status = 422 if form.is_submitted() else 200
    return render_template("organiser/series_form.html", form=form, event=None), status


@bp.get("/series/<int:series_id>")
def series_page(series_id: int) -> str:
    """A series' season: every date with its seats, waiting list and status."""
    series = own_series(series_id)
    dates = series.sessions
    return render_template(
        "organiser/series.html",
        series=series,
        dates=dates,
        counts=catalogue.seat_counts(db.session(), [event.id for event in dates]),
        confirm_form=ConfirmForm(),
        add_form=AddDateForm(),
        cities=catalogue.all_cities(db.session()),
        now=utcnow(),
    )


@bp.post("/series/<int:series_id>/publish")
def publish_series(series_id: int) -> Response:
    """Publish every coming draft date of the series."""
    own_series(series_id)
    if ConfirmForm().validate_on_submit():
        try:
            count = series_admin.publish_series(
                db.session(), current_organiser(), series_id, now=utcnow()
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(
                ngettext(
                    "%(num)d date is published: attendees can now register.",
                    "%(num)d dates are published: attendees can now register.",
                    count,
                ),
                "success",
            )
    return redirect(url_for(".series_page", series_id=series_id))


@bp.post("/series/<int:series_id>/dates")
def add_series_date(series_id: int) -> Response:
    """Add one date to the series, like its last one."""
    own_series(series_id)
    form = AddDateForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return redirect(url_for(".series_page", series_id=series_id))
    try:
        series_admin.add_date(
            db.session(), current_organiser(), series_id, form.day.data, now=utcnow()
        )
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("The date is added to the series."), "success")
    return redirect(url_for(".series_page", series_id=series_id))


@bp.route("/series/<int:series_id>/rule", methods=["GET", "POST"])
@keeps_typed_values
def change_series_rule(series_id: int) -> ResponseReturnValue:
    """Give the series a new rule from a date on: dates kept, moved, cancelled or added,
    and every date's attendees told as for a single session."""
    series = own_series(series_id)
    form = RuleForm()
    if request.method == "GET":
        rule = series_admin.rule_of(series)
        form.recurrence.data = rule.recurrence.value
        form.interval.data = rule.interval
        form.weekday.data = str(rule.weekday) if rule.weekday is not None else "3"
        form.nth.data = str(rule.nth) if rule.nth is not None else "1"
        form.end.data = "count" if rule.count else "until"
        form.count.data, form.until.data = rule.count, rule.until
        form.first_day.data = rule.first_day
        form.skipped_days.data = "\n".join(day.isoformat() for day in sorted(rule.skipped))
        form.listed_days.data = "\n".join(day.isoformat() for day in rule.listed[1:])
    elif form.validate_on_submit():
        first_day = form.first_day.data
        try:
            outcome = series_admin.change_rule(
                db.session(),
                current_organiser(),
                series_id,
                form.rule(first_day),
                first_day,
                now=utcnow(),
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(
                series_dates_changed(
                    len(outcome.kept),
                    len(outcome.moved),
                    len(outcome.cancelled),
                    len(outcome.added),
                ),
                "success",
            )
            return redirect(url_for(".series_page", series_id=series_id))
    status = 422 if form.is_submitted() else 200
    return render_template("organiser/series_rule.html", form=form, series=series), status
