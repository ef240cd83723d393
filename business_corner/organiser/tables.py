"""Organisers' conversation tables: plan, walk-ins, print, export, tell each attendee."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import EventSession
from business_corner.organiser import bp
from business_corner.organiser.access import current_organiser, own_session
from business_corner.organiser.downloads import spreadsheet_download
from business_corner.organiser.messages import told_their_tables
from business_corner.organiser.table_forms import TablePlanForm, WalkInForm
from business_corner.services import audit, walk_ins
from business_corner.services.check_in import check_in_started
from business_corner.services.city_times import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    local_to_utc,
)
from business_corner.services.errors import DomainError
from business_corner.services.tables import cards, session_plans
from business_corner.vocabulary import AuditAction, AuditSubject


def _plan_form(event: EventSession) -> TablePlanForm:
    form = TablePlanForm()
    if request.method == "GET":
        record = session_plans.plan_record(db.session(), event.id)
        settings = session_plans.default_settings(event)
        if record is not None:
            settings = session_plans.PlanSettings(
                record.tables,
                record.seats_per_table,
                record.rounds,
                record.round_minutes,
                record.first_round_at,
                record.self_assessed_levels,
            )
        form.layout.data = "tables" if settings.tables else "seats"
        form.count.data = settings.tables or settings.seats_per_table
        form.rounds.data = settings.rounds
        form.round_minutes.data = settings.round_minutes
        form.first_round.data = settings.first_round_at.astimezone(event.zone).time()
        form.self_assessed.data = settings.self_assessed
    return form


def _first_round_at(event: EventSession, form: TablePlanForm) -> datetime | None:
    day = event.starts_at.astimezone(event.zone).date()
    try:
        return local_to_utc(day, form.first_round.data, event.timezone, fold=0)
    except (NonexistentLocalTime, AmbiguousLocalTime) as error:
        form.first_round.errors.append(str(error.message))
        return None


def _render(
    event: EventSession, form: TablePlanForm, walk_in: WalkInForm, status: int = 200
) -> tuple[str, int]:
    picture = session_plans.picture(db.session(), event, utcnow())
    return render_template(
        "organiser/tables.html",
        event=event,
        form=form,
        walk_in_form=walk_in,
        picture=picture,
        guests=session_plans.guests_of(
            db.session(), event.id, bool(picture and picture.record.self_assessed_levels)
        ),
        check_in_started=check_in_started(db.session(), event.id),
    ), status


@bp.route("/sessions/<int:event_id>/tables", methods=["GET", "POST"])
def tables(event_id: int) -> ResponseReturnValue:
    """The table plan: settings, who sits where in each round, and how good it is."""
    event = own_session(event_id)
    form = _plan_form(event)
    if form.validate_on_submit() and (first_round := _first_round_at(event, form)) is not None:
        count = form.count.data
        settings = session_plans.PlanSettings(
            tables=count if form.layout.data == "tables" else None,
            seats_per_table=count if form.layout.data == "seats" else None,
            rounds=form.rounds.data,
            round_minutes=form.round_minutes.data,
            first_round_at=first_round,
            self_assessed=bool(form.self_assessed.data),
        )
        try:
            session_plans.make_plan(
                db.session(), current_organiser(), event_id, settings, now=utcnow()
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The tables are planned."), "success")
            return redirect(url_for(".tables", event_id=event_id))
    status = 422 if form.is_submitted() else 200
    return _render(event, form, WalkInForm(formdata=None), status)


@bp.post("/sessions/<int:event_id>/walk-ins")
def add_walk_in(event_id: int) -> ResponseReturnValue:
    """Someone arrived without registering: add them, then re-plan."""
    event = own_session(event_id)
    walk_in = WalkInForm()
    if not walk_in.validate_on_submit():
        return _render(event, TablePlanForm(formdata=None), walk_in, 422)
    try:
        walk_ins.add_walk_in(
            db.session(), current_organiser(), event_id, walk_in.newcomer(), now=utcnow()
        )
    except DomainError as error:
        flash(str(error.message), "error")
        return _render(event, TablePlanForm(formdata=None), walk_in, 422)
    flash(
        _("%(name)s is added. Re-plan the tables to give them a seat.", name=walk_in.name.data),
        "success",
    )
    return redirect(url_for(".tables", event_id=event_id))


@bp.get("/sessions/<int:event_id>/tables/print")
def print_tables(event_id: int) -> str:
    """One card per table and round, to print and put on the tables."""
    event = own_session(event_id)
    picture = session_plans.picture(db.session(), event, utcnow())
    only = request.args.get("round", type=int)
    rounds = [r for r in picture.rounds if only in (None, r.number)] if picture else []
    choice = _card_choice()
    guests = [guest for planned in rounds for table in planned.tables for guest in table.guests]
    page = render_template(
        "organiser/tables_print.html",
        event=event,
        rounds=rounds,
        only=only,
        choice=choice,
        lines=cards.card_lines(db.session(), event_id, guests, choice),
    )
    if rounds:
        _record_export(event_id, "print")
    return page


@bp.get("/sessions/<int:event_id>/tables.csv")
def tables_csv(event_id: int) -> Response:
    """The plan as CSV for other tools."""
    return _plan_download(event_id, "csv")


@bp.get("/sessions/<int:event_id>/tables.xlsx")
def tables_xlsx(event_id: int) -> Response:
    """The plan as an Excel workbook."""
    return _plan_download(event_id, "xlsx")


def _card_choice() -> cards.CardChoice:
    """What the cards show, as chosen on the print page; the default until something is
    chosen there (``chosen`` tells an empty choice from a first visit)."""
    if "chosen" not in request.args:
        return cards.CardChoice()
    shown = set(request.args.getlist("show"))
    name = cards.CardName.FULL if request.args.get("name") == "full" else cards.CardName.FIRST
    return cards.CardChoice(
        name=name, company="company" in shown, level="level" in shown, sector="sector" in shown
    )


def _plan_download(event_id: int, kind: Literal["csv", "xlsx"]) -> Response:
    event = own_session(event_id)
    picture = session_plans.picture(db.session(), event, utcnow())
    if picture is None:
        flash(_("Plan the tables first."), "error")
        return redirect(url_for(".tables", event_id=event_id))
    download = spreadsheet_download(
        session_plans.plan_sheet(picture, event.timezone), f"tables-{event_id}", kind
    )
    _record_export(event_id, kind)
    return download


def _record_export(event_id: int, kind: str) -> None:
    """Table cards and sheets name the attendees: each export is in the audit trail."""
    audit.record_alone(
        db.session(),
        current_organiser(),
        AuditAction.TABLES_EXPORTED,
        AuditSubject.SESSION,
        event_id,
        {"format": kind},
        utcnow(),
    )


@bp.post("/sessions/<int:event_id>/tables/send")
def send_tables(event_id: int) -> Response:
    """E-mail each seated attendee their tables, in their own language."""
    own_session(event_id)
    try:
        ids = session_plans.send_schedules(
            db.session(), current_organiser(), event_id, now=utcnow()
        )
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(told_their_tables(len(ids)), "success")
    return redirect(url_for(".tables", event_id=event_id))
