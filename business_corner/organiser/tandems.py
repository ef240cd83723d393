"""Organisers' tandem pages: run a round, review the proposal (swap, drop), publish; see
each round's pairs, their state and outcomes, and the figures across rounds."""

from __future__ import annotations

import json
from collections.abc import Sequence

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import Organiser, Tandem, TandemMember, TandemRound
from business_corner.organiser import bp
from business_corner.organiser.access import current_organiser
from business_corner.organiser.tandem_forms import RunRoundForm, SwapForm, next_monday
from business_corner.services import catalogue
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.tandems import overview, rounds
from business_corner.services.tandems.reasons import Why, say, say_all
from business_corner.tandem.forms import ButtonForm
from business_corner.vocabulary import RoundStatus


def _cities() -> tuple[str, str]:
    first, second = current_app.config["TANDEM_CHAPTERS"]
    return str(first), str(second)


def _organiser() -> Organiser:
    """Organisers of either tandem city; to anyone else the pages do not exist."""
    organiser = current_organiser()
    if not rounds.can_run_rounds(organiser, _cities()):
        abort(404)
    return organiser


def _round(round_id: int) -> TandemRound:
    try:
        return rounds.get_round(db.session(), round_id)
    except NotFound:
        abort(404)


@bp.route("/tandems", methods=["GET", "POST"])
def tandems() -> ResponseReturnValue:
    """The programme: members per city, rounds with their figures, and a new round."""
    organiser = _organiser()
    form = RunRoundForm()
    if not form.is_submitted():
        form.starts_on.data = next_monday(utcnow().date())
    if form.validate_on_submit():
        try:
            round_id = rounds.run_round(
                db.session(),
                organiser,
                form.starts_on.data,
                form.days.data,
                cities=_cities(),
                now=utcnow(),
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            return redirect(url_for(".tandem_round", round_id=round_id))
    all_rounds = rounds.all_rounds(db.session())
    return render_template(
        "organiser/tandems.html",
        form=form,
        cities=overview.members_by_city(db.session(), _cities()),
        totals=overview.totals(db.session()),
        rounds=[(r, rounds.round_counts(r.tandems)) for r in all_rounds],
        RoundStatus=RoundStatus,
    ), (422 if form.is_submitted() else 200)


def _names(tandem: Tandem) -> dict[str, str]:
    return {"a": tandem.member_a.first_name, "b": tandem.member_b.first_name}


def _pair_label(tandem: Tandem) -> str:
    return f"{tandem.member_a.full_name} ⇄ {tandem.member_b.full_name}"


def _unpaired(found: TandemRound) -> list[tuple[TandemMember | None, str]]:
    cities = {
        m.chapter.slug: m.chapter.name for t in found.tandems for m in (t.member_a, t.member_b)
    }
    first, second = _cities()
    rows = []
    for item in found.unpaired_list():
        member = db.session.get(TandemMember, item["member_id"])
        other = second if member is not None and member.chapter.slug == first else first
        why = say(Why.from_dict(item), {"city": cities.get(other, other)})
        rows.append((member, why))
    return rows


def _swap_form(found: TandemRound) -> SwapForm:
    form = SwapForm()
    choices = [SelectChoice(t.id, _pair_label(t)) for t in found.tandems]
    form.first.choices = choices
    form.second.choices = choices
    return form


@bp.get("/tandems/rounds/<int:round_id>")
def tandem_round(round_id: int) -> str:
    """A round: its pairs with both local times and why, its unpaired members and why;
    for a proposal, swap, drop and publish."""
    _organiser()
    found = _round(round_id)
    return render_template(
        "organiser/tandem_round.html",
        round=found,
        counts=rounds.round_counts(found.tandems),
        why_line=lambda t: say_all(_reasons(t), _names(t)),
        unpaired=_unpaired(found),
        swap_form=_swap_form(found),
        button=ButtonForm(),
        cities=catalogue.all_cities(db.session()),
        now=utcnow(),
        RoundStatus=RoundStatus,
    )


def _reasons(tandem: Tandem) -> Sequence[Why]:
    return [Why.from_dict(item) for item in json.loads(tandem.why or "[]")]


@bp.post("/tandems/rounds/<int:round_id>/swap")
def swap_pairs(round_id: int) -> Response:
    organiser = _organiser()
    found = _round(round_id)
    form = _swap_form(found)
    if form.validate_on_submit():
        try:
            rounds.swap(
                db.session(),
                organiser,
                round_id,
                form.first.data,
                form.second.data,
                now=utcnow(),
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The two pairs have swapped partners."), "success")
    else:
        flash(_("Choose two pairs."), "error")
    return redirect(url_for(".tandem_round", round_id=round_id))


@bp.post("/tandems/rounds/<int:round_id>/tandems/<int:tandem_id>/drop")
def drop_pair(round_id: int, tandem_id: int) -> Response:
    organiser = _organiser()
    _round(round_id)
    try:
        rounds.drop(db.session(), organiser, round_id, tandem_id, now=utcnow())
    except NotFound:
        abort(404)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("The pair is dropped."), "success")
    return redirect(url_for(".tandem_round", round_id=round_id))


@bp.post("/tandems/rounds/<int:round_id>/publish")
def publish_round(round_id: int) -> Response:
    organiser = _organiser()
    _round(round_id)
    try:
        count = rounds.publish(db.session(), organiser, round_id, now=utcnow())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(
            ngettext(
                "Published: the %(num)d pair has its invitations.",
                "Published: the %(num)d pairs have their invitations.",
                count,
            ),
            "success",
        )
    return redirect(url_for(".tandem_round", round_id=round_id))


@bp.post("/tandems/rounds/<int:round_id>/discard")
def discard_round(round_id: int) -> Response:
    organiser = _organiser()
    _round(round_id)
    try:
        rounds.discard(db.session(), organiser, round_id, now=utcnow())
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(url_for(".tandem_round", round_id=round_id))
    flash(_("The proposal is discarded."), "success")
    return redirect(url_for(".tandems"))
