from __future__ import annotations

from typing import Literal, TypeVar

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db, login_manager
from business_corner.form_expiry import keeps_typed_values
from business_corner.formatting import current_locale
from business_corner.links import link_signer, public_url
from business_corner.models import EventSession
from business_corner.organiser import account, bp
from business_corner.organiser.access import current_organiser, own_session
from business_corner.organiser.downloads import spreadsheet_download
from business_corner.organiser.forms import CancelSessionForm, ConfirmForm, SessionForm
from business_corner.organiser.messages import moved_up, told_of_cancellation
from business_corner.rules import check_in_rules, confirm_timing
from business_corner.services import attendees as attendee_lists
from business_corner.services import audit, catalogue, chapters, check_in, confirmations
from business_corner.services import dashboard as overview
from business_corner.services import series as series_admin
from business_corner.services import sessions as session_admin
from business_corner.services.calendar.private_feed import private_feed_token, rotate_private_feed
from business_corner.services.calendar.web_calendars import subscribe_links
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.mail import outbox
from business_corner.vocabulary import AuditAction, AuditSubject, Level, SessionFormat

F = TypeVar("F", bound=SessionForm)

#: Pages anyone may open: the login, the page a scanned ticket opens (which shows nothing
#: personal to anyone but the session's organisers), and the pages a mailed link opens.
PUBLIC_ENDPOINTS: frozenset[str] = (
    frozenset({"organiser.login", "organiser.scan"}) | account.PUBLIC_ENDPOINTS
)


@bp.before_request
def require_login() -> ResponseReturnValue | None:
    """Every organiser page but those of ``PUBLIC_ENDPOINTS`` needs a logged-in organiser."""
    if request.endpoint not in PUBLIC_ENDPOINTS and not current_user.is_authenticated:
        # Flask-Login has no type annotations: name what its redirect is.
        refusal: ResponseReturnValue = login_manager.unauthorized()
        return refusal
    return None


def session_form(
    form_class: type[F],
    obj: EventSession | None = None,
    current_zone: str = "",
    *,
    offers_co_hosts: bool = True,
) -> F:
    """A session form (or a series form, which is one) offering the chapters' zones first,
    and the co-host chapters to the chapter that creates the session. A series' dates are
    made by its chapter alone (``offers_co_hosts=False``): co-hosts are chosen per date."""
    organiser = current_organiser()
    chapter_zones = sorted({city.zone for city in catalogue.all_cities(db.session())})
    own = organiser.chapter.timezone
    zones = [own] + [zone for zone in chapter_zones if zone != own]
    choices = None
    if offers_co_hosts and (obj is None or session_admin.may_choose_hosts(organiser, obj)):
        others = chapters.other_chapters(db.session(), organiser.chapter_id)
        choices = [(chapter.id, chapter.name) for chapter in others]
    return form_class(
        obj=obj, chapter_zones=zones, current_zone=current_zone, co_host_choices=choices
    )


@bp.get("/")
def dashboard() -> str:
    """The chapter's sessions with seats, waiting lists and who is coming."""
    organiser = current_organiser()
    feed_name = _("Business corner: %(chapter)s (organisers)", chapter=organiser.chapter.name)
    feed_url = public_url(
        "calendar.organiser_feed",
        language=current_locale(),
        token=private_feed_token(organiser, link_signer()),
    )
    now = utcnow()
    overviews = overview.chapter_overview(db.session(), organiser.chapter_id)
    return render_template(
        "organiser/dashboard.html",
        overviews=overviews,
        sections=overview.dashboard_sections(overviews, now),
        seasons=overview.series_seasons(overviews, now, current_locale(), organiser.chapter_id),
        signups=overview.signups_per_day(
            db.session(), organiser.chapter_id, organiser.chapter.timezone, now
        ),
        chapter=organiser.chapter,
        now=now,
        private_feed=subscribe_links(feed_url, feed_name),
        confirm_form=ConfirmForm(),
        mail=outbox.chapter_mail(db.session(), organiser),
    )


@bp.post("/mail/<int:message_id>/retry")
def retry_mail(message_id: int) -> Response:
    """Put a message that failed for good back in line (after fixing its cause)."""
    if ConfirmForm().validate_on_submit():
        try:
            outbox.retry_failed(db.session(), current_organiser(), message_id, utcnow())
        except NotFound:
            abort(404)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The message is back in line; the sender tries it again now."), "success")
    return redirect(url_for(".dashboard"))


@bp.route("/calendar/rotate", methods=["GET", "POST"])
def rotate_calendar_feed() -> ResponseReturnValue:
    """Ask first, then replace the private feed address (for example after it was shared by
    mistake): every calendar subscribed to the old one stops receiving updates."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("organiser/rotate_feed.html", form=form)
    rotate_private_feed(db.session(), current_organiser().id, utcnow())
    flash(
        _(
            "Your calendar feed has a new address; the old one no longer works. "
            "Subscribe again with the new one."
        ),
        "success",
    )
    return redirect(url_for(".dashboard"))


@bp.route("/sessions/new", methods=["GET", "POST"])
@keeps_typed_values
def new_session() -> ResponseReturnValue:
    """Create a session as a draft."""
    organiser = current_organiser()
    form = session_form(SessionForm)
    if request.method == "GET":
        form.timezone.data = organiser.chapter.timezone
        form.format.data = SessionFormat.IN_PERSON.value
        form.capacity.data = 20
        form.levels.data = [level.value for level in Level]
    elif form.validate_on_submit() and (details := form.session_details()) is not None:
        try:
            event_id = session_admin.create_session(
                db.session(),
                organiser,
                details,
                now=utcnow(),
                co_hosts=form.chosen_co_hosts() or (),
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The session is saved as a draft. Publish it when it is ready."), "success")
            return redirect(url_for(".attendees", event_id=event_id))
    status = 422 if form.is_submitted() else 200
    return render_template("organiser/session_form.html", form=form, event=None), status


@bp.route("/sessions/<int:event_id>/edit", methods=["GET", "POST"])
@keeps_typed_values
def edit_session(event_id: int) -> ResponseReturnValue:
    """Change a session's details; a larger capacity moves the waiting list up."""
    event = own_session(event_id)
    form = session_form(SessionForm, obj=event, current_zone=event.timezone)
    if request.method == "GET":
        form.format.data = event.format.value
        form.levels.data = [level.value for level in event.levels]
        form.fill_times_from(event)
        form.co_host_ids.data = [chapter.id for chapter in event.co_hosts]
    elif form.validate_on_submit() and (details := form.session_details()) is not None:
        try:
            if event.series_id is not None and form.scope.data == "following":
                outcome = series_admin.edit_following(
                    db.session(),
                    current_organiser(),
                    event_id,
                    details,
                    now=utcnow(),
                    co_hosts=form.chosen_co_hosts(),
                )
            else:
                outcome = session_admin.update_session(
                    db.session(),
                    current_organiser(),
                    event_id,
                    details,
                    now=utcnow(),
                    co_hosts=form.chosen_co_hosts(),
                )
        except session_admin.CapacityBelowConfirmed as error:
            form.capacity.errors = [*form.capacity.errors, str(error.message)]
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Your changes are saved."), "success")
            if outcome.registration_ids:
                flash(moved_up(len(outcome.registration_ids)), "info")
            return redirect(url_for(".attendees", event_id=event_id))
    status = 422 if form.is_submitted() else 200
    return render_template("organiser/session_form.html", form=form, event=event), status


@bp.post("/sessions/<int:event_id>/publish")
def publish_session(event_id: int) -> Response:
    """Make a draft visible and open for registration."""
    own_session(event_id)
    if ConfirmForm().validate_on_submit():
        try:
            session_admin.publish_session(db.session(), current_organiser(), event_id, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The session is published: attendees can now register."), "success")
    return redirect(url_for(".attendees", event_id=event_id))


@bp.route("/sessions/<int:event_id>/cancel", methods=["GET", "POST"])
@keeps_typed_values
def cancel_session(event_id: int) -> ResponseReturnValue:
    """Ask for confirmation, then cancel the session and tell everyone registered."""
    event = own_session(event_id)
    form = CancelSessionForm()
    if form.validate_on_submit():
        try:
            outcome = session_admin.cancel_session(
                db.session(),
                current_organiser(),
                event_id,
                now=utcnow(),
                reason_en=form.reason_en.data or "",
                reason_fr=form.reason_fr.data or "",
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(told_of_cancellation(len(outcome.registration_ids)), "success")
        return redirect(url_for(".attendees", event_id=event_id))
    counts = catalogue.seat_counts(db.session(), [event_id]).get(event_id, catalogue.SeatCount())
    return render_template("organiser/cancel_session.html", event=event, form=form, counts=counts)


@bp.post("/sessions/<int:event_id>/delete")
def delete_session(event_id: int) -> Response:
    """Delete a draft nobody registered for."""
    own_session(event_id)
    if ConfirmForm().validate_on_submit():
        try:
            session_admin.delete_draft(db.session(), current_organiser(), event_id, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
            return redirect(url_for(".attendees", event_id=event_id))
        flash(_("The draft is deleted."), "success")
    return redirect(url_for(".dashboard"))


@bp.get("/sessions/<int:event_id>/attendees")
def attendees(event_id: int) -> str:
    """A session at a glance: its status and everyone registered, waiting or cancelled,
    who came (no-shows are recorded here too once it is over) and each person's record."""
    event = own_session(event_id)
    now = utcnow()
    rules = check_in_rules()
    check_in.record_no_shows_of(db.session(), event, now, rules)
    rows = attendee_lists.attendee_rows(db.session(), event_id)
    counts = catalogue.seat_counts(db.session(), [event_id]).get(event_id, catalogue.SeatCount())
    return render_template(
        "organiser/attendees.html",
        event=event,
        rows=rows,
        counts=counts,
        confirm_form=ConfirmForm(),
        cities=catalogue.all_cities(db.session()),
        now=now,
        records=check_in.attendance_records(
            db.session(),
            [row.registration.email for row in rows],
            except_event_id=event_id,
        ),
        check_in_refusal=check_in.door_refusal(event, now, rules),
        timing=confirm_timing(),
        door=check_in.door_counts(db.session(), event_id),
    )


@bp.post("/sessions/<int:event_id>/confirm-or-release")
def switch_confirm_or_release(event_id: int) -> Response:
    """Switch confirm-or-release on (``on=1``) or off for a session."""
    own_session(event_id)
    on = request.form.get("on") == "1"
    try:
        confirmations.set_confirm_or_release(
            db.session(), current_organiser(), event_id, on, now=utcnow(), timing=confirm_timing()
        )
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(
            _("Attendees will be asked to confirm they are still coming.")
            if on
            else _("Attendees will not be asked to confirm; no seat will be released."),
            "success",
        )
    return redirect(url_for(".attendees", event_id=event_id, _anchor="confirm-or-release"))


@bp.get("/sessions/<int:event_id>/attendees.csv")
def attendees_csv(event_id: int) -> Response:
    """The attendee list as CSV for other tools (UTF-8 with BOM, formula-safe cells)."""
    return _attendee_download(event_id, "csv")


@bp.get("/sessions/<int:event_id>/attendees.xlsx")
def attendees_xlsx(event_id: int) -> Response:
    """The attendee list as an Excel workbook (typed cells, text never evaluated)."""
    return _attendee_download(event_id, "xlsx")


def _attendee_download(event_id: int, kind: Literal["csv", "xlsx"]) -> Response:
    event = own_session(event_id)
    rows = attendee_lists.attendee_rows(db.session(), event_id)
    local_day = event.starts_at.astimezone(event.zone).date().isoformat()
    download = spreadsheet_download(
        attendee_lists.attendee_sheet(rows, event.timezone),
        f"attendees-{event_id}-{local_day}",
        kind,
    )
    # Recorded once the file is built: the audit's transaction starts afresh.
    audit.record_alone(
        db.session(),
        current_organiser(),
        AuditAction.ATTENDEES_EXPORTED,
        AuditSubject.SESSION,
        event_id,
        {"format": kind, "rows": len(rows)},
        utcnow(),
    )
    return download
