from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import NoReturn

from flask import abort, current_app, flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db, limiter
from business_corner.form_expiry import keeps_typed_values
from business_corner.formatting import current_locale
from business_corner.i18n import speak_the_language_of
from business_corner.links import link_signer, site_links
from business_corner.mail.composer import composer_for
from business_corner.models import Registration
from business_corner.registration import bp
from business_corner.registration.feedback_forms import FeedbackForm
from business_corner.registration.forms import (
    CancelRegistrationForm,
    CheckInForm,
    ConfirmDateForm,
    EraseDataForm,
    RegistrationForm,
    RejoinForm,
    StillComingForm,
    UpdateDetailsForm,
)
from business_corner.rules import check_in_rules, confirm_timing, feedback_timing
from business_corner.services import catalogue, seats, series_dates
from business_corner.services import registration as registrations
from business_corner.services.attendance import seats_for, video_link_for
from business_corner.services.calendar.web_calendars import add_event_links
from business_corner.services.certificates import (
    NoCertificate,
    certificate_code,
    certificate_page,
    certificate_refusal,
    certificates_pdf,
)
from business_corner.services.check_in import attendance_records, can_self_check_in, self_check_in
from business_corner.services.confirmations import confirm_still_coming
from business_corner.services.confirmations import rejoin as rejoin_session
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.feedback import (
    companions,
    feedback_refusal,
    has_answered,
    submit_feedback,
)
from business_corner.services.privacy import erase_registration, personal_data
from business_corner.services.tickets import ticket_svg
from business_corner.services.tokens import ExpiredLink
from business_corner.session_page import render_session_page
from business_corner.sign_up_limits import address_key, per_address_limit, per_network_limit
from business_corner.vocabulary import RegistrationStatus

log = logging.getLogger(__name__)

#: Browser-session key holding the address just used, to show it on the next page.
_JUST_REGISTERED = "just_registered"


@bp.post("/sessions/<int:event_id>/register")
@keeps_typed_values
@limiter.limit(per_network_limit, methods=["POST"])
@limiter.limit(per_address_limit, key_func=address_key, methods=["POST"])
def register(event_id: int) -> ResponseReturnValue:
    """Take a registration; the answer is the same whether or not the address was known."""
    form = RegistrationForm()
    if form.filled_by_a_robot:
        log.info("registration form filled by a robot (honeypot), ignored")
        return redirect(_confirmation_page(event_id))
    if not form.validate_on_submit():
        return _form_again(event_id, form, 422)
    try:
        registrations.register(
            db.session(), event_id, form.applicant(current_locale()), now=utcnow()
        )
    except NotFound:
        abort(404)
    except DomainError as error:
        flash(str(error.message), "error")
        return _form_again(event_id, form, 409)
    session[_JUST_REGISTERED] = {"event_id": event_id, "email": form.email.data}
    return redirect(_confirmation_page(event_id))


def _form_again(event_id: int, form: RegistrationForm, status: int) -> ResponseReturnValue:
    """The session page again, with what was typed and what to fix."""
    listing = catalogue.public_listing(db.session(), event_id)
    if listing is None:
        abort(404)
    return render_session_page(listing, form, status=status)


def _confirmation_page(event_id: int) -> str:
    """Where a sign-up goes next. The form posts to ``…#register`` so that, without
    JavaScript, a page with errors opens at the form; browsers carry a request's fragment
    over a redirect that has none, so the confirmation names its own (the main content)."""
    return url_for(".registered", event_id=event_id, _anchor="main")


@bp.get("/sessions/<int:event_id>/registered")
def registered(event_id: int) -> str:
    """ "Check your inbox": the details of the place are in the e-mail, not on this page."""
    listing = catalogue.public_listing(db.session(), event_id)
    if listing is None:
        abort(404)
    just = session.pop(_JUST_REGISTERED, None)
    email = just["email"] if just and just.get("event_id") == event_id else None
    cities = catalogue.all_cities(db.session())
    return render_template(
        "registration/registered.html",
        event=listing.event,
        email=email,
        cities=cities,
        calendar_links=add_event_links(listing.event, cities, site_links()),
    )


def registration_for(token: str) -> Registration:
    """The registration a manage link points to, or an explanation page."""
    try:
        registration = registrations.get_registration(
            db.session(), link_signer().read_manage_token(token)
        )
    except DomainError as error:
        _link_problem(error.message, 410 if isinstance(error, ExpiredLink) else 404)
    if registration.erased_at is not None:
        _link_problem(_("This registration and the personal data it held have been deleted."), 410)
    speak_the_language_of(registration.locale)
    return registration


def _link_problem(message: object, status: int) -> NoReturn:
    abort(
        Response(render_template("registration/link_problem.html", message=message), status=status)
    )


def _render_manage(
    registration: Registration, form: UpdateDetailsForm, token: str, status: int = 200
) -> ResponseReturnValue:
    now = utcnow()
    event = registration.event_session
    return (
        render_template(
            "registration/manage.html",
            registration=registration,
            event=event,
            position=seats.waitlist_position(db.session(), registration),
            form=form,
            token=token,
            can_change=registrations.can_change(registration, now),
            registration_open=event.is_open_for_registration(now),
            seats=seats_for(db.session(), registration),
            video_link=video_link_for(registration),
            cities=catalogue.all_cities(db.session()),
            has_ticket=_has_ticket(registration, now),
            can_say_here=can_self_check_in(registration, now, check_in_rules()),
            record=attendance_records(db.session(), [registration.email]).get(registration.email),
            release_at=confirm_timing().release_at(event).astimezone(event.zone),
            other_dates=series_dates.other_dates(db.session(), registration, now),
            series_form=ConfirmDateForm(),
            has_certificate=certificate_refusal(registration) is None,
            feedback_open=feedback_refusal(
                registration, has_answered(db.session(), registration.id), now, feedback_timing()
            )
            is None,
        ),
        status,
    )


def _has_ticket(registration: Registration, now: datetime) -> bool:
    """A ticket (QR code) while it can be used: a confirmed place at a session with a venue
    that is not over."""
    event = registration.event_session
    return (
        registration.status is RegistrationStatus.CONFIRMED
        and event.is_published
        and event.format.has_venue
        and now < event.ends_at
    )


@bp.route("/manage/<token>", methods=["GET", "POST"])
@keeps_typed_values
def manage(token: str) -> ResponseReturnValue:
    """The attendee's own page: status, place in the queue, details to change."""
    registration = registration_for(token)
    form = UpdateDetailsForm(obj=registration)
    if form.is_submitted():
        if not form.validate():
            return _render_manage(registration, form, token, status=422)
        try:
            registrations.update_details(
                db.session(), registration.id, form.details(), now=utcnow()
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Your details have been saved."), "success")
        return redirect(url_for(".manage", token=token))
    return _render_manage(registration, form, token)


@bp.get("/manage/<token>/data.json")
def download_data(token: str) -> Response:
    """Everything we hold about this registration, as a file (right of access)."""
    registration = registration_for(token)
    body = json.dumps(personal_data(db.session(), registration.id), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="business-corner-my-data.json"'},
    )


@bp.route("/manage/<token>/erase", methods=["GET", "POST"])
def erase(token: str) -> ResponseReturnValue:
    """GET explains and asks; POST cancels the place if held and erases the personal data."""
    registration = registration_for(token)
    form = EraseDataForm()
    if form.validate_on_submit():
        erase_registration(
            db.session(),
            registration.id,
            now=utcnow(),
            write_out=composer_for(current_app._get_current_object()),  # type: ignore[attr-defined]  # the proxy's target
        )
        return render_template("registration/erased.html"), 200
    return render_template(
        "registration/erase.html",
        registration=registration,
        event=registration.event_session,
        form=form,
        token=token,
        cities=catalogue.all_cities(db.session()),
    )


@bp.route("/manage/<token>/cancel", methods=["GET", "POST"])
def cancel(token: str) -> ResponseReturnValue:
    """GET asks for confirmation (mail scanners follow links); only POST cancels."""
    registration = registration_for(token)
    form = CancelRegistrationForm()
    if form.validate_on_submit():
        outcome = registrations.cancel_registration(db.session(), registration.id, now=utcnow())
        if outcome.cancelled:
            flash(_("Your registration is cancelled. We have sent you a confirmation."), "success")
        return redirect(url_for(".manage", token=token))
    return render_template(
        "registration/cancel.html",
        registration=registration,
        event=registration.event_session,
        form=form,
        token=token,
        cities=catalogue.all_cities(db.session()),
    )


@bp.post("/manage/<token>/here")
def here(token: str) -> Response:
    """ "I'm here": the attendee of an online or hybrid session checks in themselves."""
    registration = registration_for(token)
    if CheckInForm().validate_on_submit():
        try:
            self_check_in(db.session(), registration.id, now=utcnow(), rules=check_in_rules())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("You are checked in. Enjoy the session!"), "success")
    return redirect(url_for(".manage", token=token))


@bp.route("/manage/<token>/still-coming", methods=["GET", "POST"])
def still_coming(token: str) -> ResponseReturnValue:
    """GET asks (mail scanners follow links); only POST confirms the attendee is coming."""
    registration = registration_for(token)
    form = StillComingForm()
    if form.validate_on_submit():
        try:
            confirm_still_coming(db.session(), registration.id, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Thank you: your seat is kept. See you soon!"), "success")
        return redirect(url_for(".manage", token=token))
    event = registration.event_session
    return render_template(
        "registration/still_coming.html",
        registration=registration,
        event=event,
        form=form,
        token=token,
        cities=catalogue.all_cities(db.session()),
        release_at=confirm_timing().release_at(event).astimezone(event.zone),
    )


@bp.post("/manage/<token>/rejoin")
def rejoin(token: str) -> Response:
    """After a seat was released: a seat again if one is free, else the waiting list."""
    registration = registration_for(token)
    if RejoinForm().validate_on_submit():
        try:
            status = rejoin_session(db.session(), registration.id, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(
                _("A seat was free: your place is confirmed again.")
                if status is RegistrationStatus.CONFIRMED
                else _("You are back on the waiting list."),
                "success",
            )
    return redirect(url_for(".manage", token=token))


@bp.get("/manage/<token>/ticket.svg")
def ticket(token: str) -> Response:
    """The attendee's ticket: a QR code of their check-in address, shown on their page."""
    registration = registration_for(token)
    if not _has_ticket(registration, utcnow()):
        abort(404)
    return Response(ticket_svg(site_links().check_in(registration.id)), mimetype="image/svg+xml")


@bp.get("/manage/<token>/certificate.pdf")
def certificate(token: str) -> ResponseReturnValue:
    """The attendee's certificate of attendance, in their language (only after check-in)."""
    registration = registration_for(token)
    try:
        code = certificate_code(db.session(), registration)
    except NoCertificate as error:
        flash(str(error.message), "error")
        return redirect(url_for(".manage", token=token))
    with force_locale(registration.locale):
        page = certificate_page(registration, code, site_links().certificate_check(code))
    return Response(
        certificates_pdf([page], utcnow()),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="certificate-of-attendance.pdf"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/manage/<token>/feedback", methods=["GET", "POST"])
def feedback(token: str) -> ResponseReturnValue:
    """The feedback form, once, for someone who came; the reason instead when it is not open."""
    registration = registration_for(token)
    now = utcnow()
    refusal = feedback_refusal(
        registration, has_answered(db.session(), registration.id), now, feedback_timing()
    )
    event = registration.event_session
    form = FeedbackForm(companions(db.session(), registration))
    status = 200
    if refusal is None and form.is_submitted():
        if form.validate():
            try:
                submit_feedback(
                    db.session(), registration.id, form.answers(), now=now, timing=feedback_timing()
                )
            except DomainError as error:
                flash(str(error.message), "error")
                status = 409
            else:
                flash(_("Thank you! Your answers help us prepare the next sessions."), "success")
                return redirect(url_for(".manage", token=token))
        else:
            status = 422
    elif refusal is not None and form.is_submitted():
        status = 409
    if not form.is_submitted():
        form.level.data = registration.level.value
    return render_template(
        "registration/feedback.html",
        registration=registration,
        event=event,
        form=form,
        token=token,
        refusal=refusal,
        cities=catalogue.all_cities(db.session()),
    ), status
