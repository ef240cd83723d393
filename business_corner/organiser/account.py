"""An organiser's own account: joining from an invitation, forgotten and changed passwords.

Joining and resetting are reached from a mailed link, without a login; the answer to "send
me a link" is the same whether or not the address is an organiser's.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from business_corner.clock import utcnow
from business_corner.extensions import db, limiter
from business_corner.formatting import current_locale
from business_corner.i18n import speak_the_language_of
from business_corner.links import link_signer
from business_corner.organiser import bp
from business_corner.organiser.access import current_organiser
from business_corner.organiser.account_forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    JoinForm,
    ResetPasswordForm,
)
from business_corner.organiser.auth import LOGIN_TOKEN
from business_corner.security import address_rate_limit_key
from business_corner.services import password_reset, team
from business_corner.services.errors import DomainError
from business_corner.services.password_reset import ResetLinkProblem
from business_corner.services.team import InvitationProblem

#: Endpoints of this module reached without a login (from a mail, or the login page).
PUBLIC_ENDPOINTS: frozenset[str] = frozenset(
    {"organiser.join", "organiser.forgot_password", "organiser.reset_password"}
)


def _link_problem(message: str, status: int) -> ResponseReturnValue:
    return render_template("organiser/link_problem.html", message=message), status


@bp.route("/join/<token>", methods=["GET", "POST"])
def join(token: str) -> ResponseReturnValue:
    """The invitee sets their name and password; the invitation is then used up."""
    try:
        invitation = team.invitation_for(db.session(), link_signer(), token)
    except InvitationProblem as problem:
        return _link_problem(str(problem.message), 410)
    speak_the_language_of(invitation.locale)
    form = JoinForm()
    form.password_context = (invitation.email, invitation.chapter.name)
    if form.validate_on_submit():
        try:
            team.accept_invitation(
                db.session(), link_signer(), token, form.name.data, form.password.data, utcnow()
            )
        except InvitationProblem as problem:
            return _link_problem(str(problem.message), 410)
        except DomainError as error:
            form.password.errors = [*form.password.errors, str(error.message)]
        else:
            flash(
                _("Welcome to the team! Log in with your address and the password you chose."),
                "success",
            )
            return redirect(url_for(".login"))
    status = 422 if form.is_submitted() else 200
    return render_template("organiser/join.html", form=form, invitation=invitation), status


def _per_network_limit() -> str:
    return str(current_app.config["PASSWORD_RESET_RATE_LIMIT_PER_IP"])


def _per_address_limit() -> str:
    return str(current_app.config["PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS"])


def _address_key() -> str:
    # Per inbox and worthless without the secret, as for registrations.
    return "reset-" + address_rate_limit_key(
        request.form.get("email", ""), current_app.config["SECRET_KEY"]
    )


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_per_network_limit, methods=["POST"])
@limiter.limit(_per_address_limit, key_func=_address_key, methods=["POST"])
def forgot_password() -> ResponseReturnValue:
    """Ask for a reset link. The answer is the same whether or not the address is known."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_reset.request_reset(db.session(), form.email.data, current_locale(), utcnow())
        return render_template("organiser/forgot_password.html", form=form, sent=True)
    status = 422 if form.is_submitted() else 200
    return render_template("organiser/forgot_password.html", form=form, sent=False), status


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    """Choose a new password from the mailed link; every login of the account ends."""
    try:
        organiser = password_reset.organiser_for_reset(db.session(), link_signer(), token)
    except ResetLinkProblem as problem:
        return render_template(
            "organiser/forgot_password.html",
            form=ForgotPasswordForm(formdata=None),
            sent=False,
            problem=str(problem.message),
        ), 410
    form = ResetPasswordForm()
    form.password_context = password_reset.context_of(organiser)
    if form.validate_on_submit():
        try:
            password_reset.reset_password(
                db.session(), link_signer(), token, form.password.data, utcnow()
            )
        except ResetLinkProblem as problem:
            flash(str(problem.message), "error")
            return redirect(url_for(".forgot_password"))
        except DomainError as error:
            form.password.errors = [*form.password.errors, str(error.message)]
        else:
            flash(
                _(
                    "Your password is changed and every login of your account has ended. "
                    "Log in with the new password."
                ),
                "success",
            )
            return redirect(url_for(".login"))
    status = 422 if form.is_submitted() else 200
    return render_template("organiser/reset_password.html", form=form), status


@bp.route("/password", methods=["GET", "POST"])
def change_password() -> ResponseReturnValue:
    """Change one's password, knowing the current one; every other login ends."""
    organiser = current_organiser()
    form = ChangePasswordForm()
    form.password_context = password_reset.context_of(organiser)
    if form.validate_on_submit():
        token = session.get(LOGIN_TOKEN)
        try:
            password_reset.change_password(
                db.session(),
                organiser.id,
                form.current.data,
                form.password.data,
                utcnow(),
                keep_login=token if isinstance(token, str) else None,
            )
        except password_reset.WrongPassword as error:
            form.current.errors = [*form.current.errors, str(error.message)]
        except DomainError as error:
            form.password.errors = [*form.password.errors, str(error.message)]
        else:
            flash(
                _(
                    "Your password is changed. You stay logged in here; every other login "
                    "of your account has ended."
                ),
                "success",
            )
            return redirect(url_for(".dashboard"))
    status = 422 if form.is_submitted() else 200
    return render_template("organiser/change_password.html", form=form), status
