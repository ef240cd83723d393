"""The team page (chapter admins only): members, roles, invitations, deactivation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import Organiser
from business_corner.organiser import bp
from business_corner.organiser.access import admins_only, current_organiser
from business_corner.organiser.forms import ConfirmForm
from business_corner.organiser.team_forms import InviteForm, RoleForm
from business_corner.services import team
from business_corner.services.addresses import InvalidAddress
from business_corner.services.errors import DomainError, NotFound
from business_corner.vocabulary import Role


def _render_team(invite_form: InviteForm, status: int = 200) -> tuple[str, int]:
    organiser = current_organiser()
    return render_template(
        "organiser/team.html",
        members=team.members(db.session(), organiser.chapter_id),
        invitations=team.pending_invitations(db.session(), organiser.chapter_id, utcnow()),
        invite_form=invite_form,
        roles=list(Role),
        confirm_form=ConfirmForm(),
        me=organiser,
    ), status


@bp.get("/team")
@admins_only
def team_page() -> tuple[str, int]:
    """Who is in the chapter's team, with what role, and who is invited."""
    form = InviteForm(formdata=None)
    form.role.data = Role.STAFF.value
    form.language.data = request.accept_languages.best_match(["fr", "en"]) or "fr"
    return _render_team(form)


@bp.post("/team/invite")
@admins_only
def invite() -> ResponseReturnValue:
    """Invite a colleague by e-mail, in the language chosen for them."""
    form = InviteForm()
    if not form.validate_on_submit():
        return _render_team(form, 422)
    try:
        team.invite(
            db.session(),
            current_organiser(),
            form.email.data,
            Role(form.role.data),
            form.language.data,
            utcnow(),
        )
    except InvalidAddress as error:
        form.email.errors = [*form.email.errors, str(error.message)]
        return _render_team(form, 422)
    except DomainError as error:
        form.email.errors = [*form.email.errors, str(error.message)]
        return _render_team(form, 409)
    flash(_("The invitation is on its way to %(address)s.", address=form.email.data), "success")
    return redirect(url_for(".team_page"))


@bp.post("/team/invitations/<int:invitation_id>/resend")
@admins_only
def resend_invitation(invitation_id: int) -> Response:
    """A new mail with a new link; links in earlier mails stop working."""
    if ConfirmForm().validate_on_submit():
        try:
            team.resend_invitation(db.session(), current_organiser(), invitation_id, utcnow())
        except NotFound:
            abort(404)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The invitation is sent again, with a new link."), "success")
    return redirect(url_for(".team_page"))


@bp.post("/team/invitations/<int:invitation_id>/revoke")
@admins_only
def revoke_invitation(invitation_id: int) -> Response:
    """Withdraw an invitation: its link stops working."""
    if ConfirmForm().validate_on_submit():
        try:
            team.revoke_invitation(db.session(), current_organiser(), invitation_id, utcnow())
        except NotFound:
            abort(404)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The invitation is withdrawn; its link no longer works."), "success")
    return redirect(url_for(".team_page"))


@bp.post("/team/members/<int:organiser_id>/role")
@admins_only
def change_role(organiser_id: int) -> Response:
    """Make a member an admin, or staff (a chapter always keeps one active admin)."""
    _own_member(organiser_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            changed = team.change_role(
                db.session(), current_organiser(), organiser_id, Role(form.role.data), utcnow()
            )
        except NotFound:
            abort(404)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            if changed:
                flash(_("The role is changed."), "success")
    else:
        flash(_("Choose a role."), "error")
    return redirect(url_for(".team_page"))


def _own_member(organiser_id: int) -> Organiser:
    member = db.session.get(Organiser, organiser_id)
    if member is None or member.chapter_id != current_organiser().chapter_id:
        abort(404)
    return member


@bp.route("/team/members/<int:organiser_id>/deactivate", methods=["GET", "POST"])
@admins_only
def deactivate(organiser_id: int) -> ResponseReturnValue:
    """Ask first, then deactivate: the member is logged out everywhere at once."""
    member = _own_member(organiser_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("organiser/deactivate.html", member=member, form=form)
    try:
        team.deactivate(db.session(), current_organiser(), organiser_id, utcnow())
    except NotFound:
        abort(404)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(
            _(
                "%(name)s is deactivated: logged out everywhere and unable to log in again. "
                "What they did stays in the audit trail under their name.",
                name=member.display_name,
            ),
            "success",
        )
    return redirect(url_for(".team_page"))
