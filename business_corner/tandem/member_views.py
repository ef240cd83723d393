"""A member's own pages, reached through their signed link: confirm, change, pause,
leave, answer an invitation (decline, another time), tell how a tandem went.

Every change is a POST behind a page that asks first: mail scanners follow links.
"""

from __future__ import annotations

from typing import NoReturn
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.i18n import speak_the_language_of
from business_corner.links import link_signer
from business_corner.mail.composer import composer_for
from business_corner.models import Tandem, TandemMember
from business_corner.services import catalogue
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.tandems import membership, outcomes, replies
from business_corner.services.tandems.hours import parse_hours
from business_corner.services.tandems.invite import partner_offers
from business_corner.services.tandems.member_page import member_tandems
from business_corner.services.tandems.video import video_url
from business_corner.services.tokens import ExpiredLink
from business_corner.tandem import bp
from business_corner.tandem.forms import (
    AnotherSlotForm,
    ButtonForm,
    ConfirmForm,
    DeclineForm,
    LeaveForm,
    OutcomeForm,
    UpdateMemberForm,
)
from business_corner.vocabulary import MemberStatus, TandemFrequency


def _link_problem(message: object, status: int) -> NoReturn:
    abort(
        Response(render_template("registration/link_problem.html", message=message), status=status)
    )


def _member_for(token: str) -> TandemMember:
    """The member a personal link points to, or a page that explains."""
    try:
        member = membership.get_member(db.session(), link_signer().read_tandem_token(token))
    except ExpiredLink:
        _link_problem(
            _(
                "This link has expired. Join again on the tandem page with the same address: "
                "we will send you a new one."
            ),
            410,
        )
    except DomainError as error:
        _link_problem(error.message, 404)
    speak_the_language_of(member.locale)
    return member


def _tandem_of(member: TandemMember, tandem_id: int) -> Tandem:
    try:
        return replies.member_tandem(db.session(), member.id, tandem_id)
    except NotFound:
        abort(404)


def _video_url(tandem: Tandem) -> str:
    return video_url(str(current_app.config["TANDEM_VIDEO_BASE_URL"]), tandem)


def _render_member(
    member: TandemMember, form: UpdateMemberForm, token: str, status: int = 200
) -> ResponseReturnValue:
    return render_template(
        "tandem/member.html",
        member=member,
        form=form,
        token=token,
        tandems=member_tandems(db.session(), member.id, utcnow()),
        video_url=_video_url,
        partner_offers=partner_offers,
        cities=catalogue.all_cities(db.session()),
        button=ButtonForm(),
        TandemFrequency=TandemFrequency,
        MemberStatus=MemberStatus,
        now=utcnow(),
        own_zone=ZoneInfo(member.chapter.timezone),
    ), status


@bp.route("/me/<token>", methods=["GET", "POST"])
def member_page(token: str) -> ResponseReturnValue:
    """The member's own page: their tandems, and everything about them to change."""
    member = _member_for(token)
    form = UpdateMemberForm(obj=member)
    if not form.is_submitted():
        form.english_level.data = member.english_level.value
        form.french_level.data = member.french_level.value if member.french_level else ""
        form.offers.data = sorted(member.offers)
        form.seeks.data = sorted(member.seeks)
        form.fill_hours(parse_hours(member.hours))
        return _render_member(member, form, token)
    hours = form.hours() if form.validate() else None
    if hours is None:
        return _render_member(member, form, token, 422)
    membership.update_details(db.session(), member.id, form.details(hours), now=utcnow())
    flash(_("Your details have been saved."), "success")
    return redirect(url_for(".member_page", token=token))


@bp.route("/me/<token>/confirm", methods=["GET", "POST"])
def confirm(token: str) -> ResponseReturnValue:
    """GET asks (mail scanners follow links); POST confirms the address."""
    member = _member_for(token)
    form = ConfirmForm()
    if form.validate_on_submit():
        membership.confirm(db.session(), member.id, now=utcnow())
        flash(_("Your address is confirmed: you will be paired in the next round."), "success")
        return redirect(url_for(".member_page", token=token))
    if member.status is MemberStatus.ACTIVE:
        return redirect(url_for(".member_page", token=token))
    return render_template("tandem/confirm.html", member=member, form=form, token=token)


@bp.post("/me/<token>/frequency/<frequency>")
def set_frequency(token: str, frequency: str) -> Response:
    """Pause, or resume (every round), from the member's page."""
    member = _member_for(token)
    try:
        chosen = TandemFrequency(frequency)
    except ValueError:
        abort(404)
    membership.set_frequency(db.session(), member.id, chosen, now=utcnow())
    if chosen is TandemFrequency.PAUSED:
        flash(_("Your tandems are paused. Resume them here whenever you like."), "success")
    else:
        flash(_("Your tandems are back on: you will be paired in the next round."), "success")
    return redirect(url_for(".member_page", token=token))


@bp.post("/me/<token>/no-thanks/<int:other_id>")
def no_thanks(token: str, other_id: int) -> Response:
    """Never be paired with this past partner again."""
    member = _member_for(token)
    try:
        membership.say_no_thanks(db.session(), member.id, other_id, now=utcnow())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Noted: you will not be paired together again."), "success")
    return redirect(url_for(".member_page", token=token))


@bp.route("/me/<token>/leave", methods=["GET", "POST"])
def leave(token: str) -> ResponseReturnValue:
    """GET explains; POST cancels the tandems to come and erases the member's data."""
    member = _member_for(token)
    form = LeaveForm()
    if form.validate_on_submit():
        membership.leave(
            db.session(),
            member.id,
            now=utcnow(),
            write_out=composer_for(current_app._get_current_object()),  # type: ignore[attr-defined]  # the proxy's target
        )
        return render_template("tandem/left.html")
    return render_template("tandem/leave.html", member=member, form=form, token=token)


@bp.route("/me/<token>/tandems/<int:tandem_id>/decline", methods=["GET", "POST"])
def decline(token: str, tandem_id: int) -> ResponseReturnValue:
    member = _member_for(token)
    tandem = _tandem_of(member, tandem_id)
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            replies.decline(db.session(), member.id, tandem.id, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Your tandem is declined. We have told your partner."), "success")
        return redirect(url_for(".member_page", token=token))
    return _answer_page("tandem/decline.html", member, tandem, form, token)


@bp.route("/me/<token>/tandems/<int:tandem_id>/another-slot", methods=["GET", "POST"])
def another_slot(token: str, tandem_id: int) -> ResponseReturnValue:
    member = _member_for(token)
    tandem = _tandem_of(member, tandem_id)
    form = AnotherSlotForm()
    if form.validate_on_submit():
        try:
            replies.another_slot(db.session(), member.id, tandem.id, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(
                _("Your tandem has a new time. You and your partner have an updated invitation."),
                "success",
            )
        return redirect(url_for(".member_page", token=token))
    return _answer_page("tandem/another_slot.html", member, tandem, form, token)


@bp.route("/me/<token>/tandems/<int:tandem_id>/outcome", methods=["GET", "POST"])
def outcome(token: str, tandem_id: int) -> ResponseReturnValue:
    """ "Did it happen?" and "talk again?": GET shows the questions, POST records."""
    member = _member_for(token)
    tandem = _tandem_of(member, tandem_id)
    form = OutcomeForm()
    if form.validate_on_submit():
        report, again = form.answers()
        try:
            outcomes.record_answer(db.session(), member.id, tandem.id, report, again, now=utcnow())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Thank you: your answers are recorded."), "success")
            return redirect(url_for(".member_page", token=token))
    elif not form.is_submitted():
        side = tandem.side_of(member.id)
        report_now = getattr(tandem, f"{side}_report")
        again_now = getattr(tandem, f"{side}_again")
        form.report.data = report_now.value if report_now else None
        form.again.data = {True: "yes", False: "no"}.get(again_now)
    status = 422 if form.is_submitted() else 200
    return _answer_page("tandem/outcome.html", member, tandem, form, token, status)


def _answer_page(
    template: str,
    member: TandemMember,
    tandem: Tandem,
    form: object,
    token: str,
    status: int = 200,
) -> ResponseReturnValue:
    return render_template(
        template,
        member=member,
        tandem=tandem,
        partner=tandem.partner_of(member.id),
        form=form,
        token=token,
        now=utcnow(),
        cities=catalogue.all_cities(db.session()),
    ), status
