"""At the door: the check-in page (search, one tap to check in or undo, walk-ins), the page a
scanned ticket opens, and marking people present from the attendee list."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from business_corner.clock import utcnow
from business_corner.extensions import db, login_manager
from business_corner.links import link_signer
from business_corner.models import EventSession, Registration
from business_corner.organiser import bp
from business_corner.organiser.access import current_organiser, own_session
from business_corner.organiser.forms import ConfirmForm
from business_corner.organiser.table_forms import WalkInForm
from business_corner.rules import check_in_rules
from business_corner.services import catalogue, walk_ins
from business_corner.services import check_in as door
from business_corner.services.errors import DomainError
from business_corner.services.search import matches
from business_corner.services.sessions import find_own_session

#: Longest search the page takes into account (a name and a company are shorter).
_MAX_QUERY = 100


def _query() -> str:
    return (request.values.get("q") or "").strip()[:_MAX_QUERY]


def _wants_json() -> bool:
    """The page's script asks for the changed row and counts instead of a new page."""
    return request.accept_mimetypes.best == "application/json"


def _render_door(
    event: EventSession, walk_in: WalkInForm, status: int = 200
) -> ResponseReturnValue:
    query = _query()
    rows = door.door_list(db.session(), event.id)
    shown = [row for row in rows if matches(query, row.search_key)]
    return render_template(
        "organiser/check_in.html",
        event=event,
        rows=rows,
        shown={row.registration.id for row in shown},
        query=query,
        counts=door.door_counts(db.session(), event.id),
        walk_ins=door.walk_ins_of(db.session(), event.id),
        walk_in_form=walk_in,
        refusal=door.door_refusal(event, utcnow(), check_in_rules()),
        cities=catalogue.all_cities(db.session()),
    ), status


@bp.get("/sessions/<int:event_id>/check-in")
def check_in_page(event_id: int) -> ResponseReturnValue:
    """The door: everyone expected, searchable by name or company, one tap each."""
    return _render_door(own_session(event_id), WalkInForm(formdata=None))


@bp.post("/sessions/<int:event_id>/check-in/<int:registration_id>")
def check_in_toggle(event_id: int, registration_id: int) -> ResponseReturnValue:
    """Check someone in (``present=1``) or undo it (``present=0``); from the door page, or
    from the attendee list (``back=list``)."""
    event = own_session(event_id)
    present = request.form.get("present") == "1"
    change = door.check_in if present else door.undo_check_in
    try:
        outcome = change(
            db.session(),
            current_organiser(),
            event_id,
            registration_id,
            now=utcnow(),
            rules=check_in_rules(),
        )
    except DomainError as error:
        if _wants_json():
            return jsonify(error=str(error.message)), 409
        flash(str(error.message), "error")
        return _back(event_id, registration_id)
    message = _said(outcome, present)
    if _wants_json():
        return jsonify(
            message=message,
            row=render_template(
                "organiser/_door_row.html",
                event=event,
                row=door.door_row(outcome.registration),
                query=_query(),
                open=True,
            ),
            counts=render_template(
                "organiser/_door_counts.html", counts=door.door_counts(db.session(), event_id)
            ),
        )
    flash(message, "success" if outcome.changed else "info")
    return _back(event_id, registration_id)


def _said(outcome: door.CheckInOutcome, present: bool) -> str:
    name = outcome.registration.full_name
    if present:
        if outcome.changed:
            return _("%(name)s is checked in.", name=name)
        return _("%(name)s was already checked in.", name=name)
    if outcome.changed:
        return _("%(name)s is no longer checked in.", name=name)
    return _("%(name)s was not checked in.", name=name)


def _back(event_id: int, registration_id: int) -> ResponseReturnValue:
    if request.form.get("back") == "list":
        return redirect(url_for(".attendees", event_id=event_id, _anchor=f"r{registration_id}"))
    # Back where the organiser was: the same search, the row they tapped.
    query = _query() or None
    return redirect(
        url_for(".check_in_page", event_id=event_id, q=query, _anchor=f"r{registration_id}")
    )


@bp.post("/sessions/<int:event_id>/check-in/walk-ins")
def door_walk_in(event_id: int) -> ResponseReturnValue:
    """Someone came without registering: add them, present at once."""
    event = own_session(event_id)
    form = WalkInForm()
    if not form.validate_on_submit():
        return _render_door(event, form, 422)
    try:
        walk_ins.add_walk_in(
            db.session(), current_organiser(), event_id, form.newcomer(), now=utcnow()
        )
    except DomainError as error:
        flash(str(error.message), "error")
        return _render_door(event, form, 422)
    flash(_("%(name)s is added and checked in.", name=form.name.data), "success")
    return redirect(url_for(".check_in_page", event_id=event_id, _anchor="walk-ins"))


def _scanned(token: str) -> Registration | None:
    """The registration a ticket names, or None for a ticket that is not ours."""
    try:
        registration_id = link_signer().read_check_in_token(token)
    except DomainError:
        return None
    return db.session.get(Registration, registration_id)


@bp.route("/check-in/<token>", methods=["GET", "POST"])
def scan(token: str) -> ResponseReturnValue:
    """What a scanned ticket opens. An organiser of the session, logged in, sees who it is
    and one button that checks them in (a POST); anyone else sees what the code is for,
    and nothing about the person. A GET never changes anything."""
    registration = _scanned(token)
    organiser = current_organiser() if current_user.is_authenticated else None
    event = (
        find_own_session(db.session(), organiser, registration.event_session_id)
        if registration is not None and organiser is not None
        else None
    )
    if (
        registration is None
        or event is None
        or organiser is None
        or registration.erased_at is not None
    ):
        if request.method == "POST" and organiser is None:
            # Flask-Login has no type annotations: name what its redirect is.
            refusal: ResponseReturnValue = login_manager.unauthorized()
            return refusal
        status = 200 if registration is not None and organiser is None else 404
        return render_template("organiser/scan_anyone.html", token=token), status
    rules = check_in_rules()
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            outcome = door.check_in(
                db.session(), organiser, event.id, registration.id, now=utcnow(), rules=rules
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_said(outcome, True), "success" if outcome.changed else "info")
        return redirect(url_for(".scan", token=token))
    return render_template(
        "organiser/scan.html",
        registration=registration,
        event=event,
        form=form,
        refusal=door.door_refusal(event, utcnow(), rules),
        cities=catalogue.all_cities(db.session()),
    )
