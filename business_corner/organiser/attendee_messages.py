"""Messages to a session's attendees: write in both languages, preview, send, follow.

Sending only records the copy and one outbox row per recipient; the mail sender writes
each message out in the recipient's language, never this request.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import ngettext

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.form_expiry import keeps_typed_values
from business_corner.mail.composer import attendee_message_preview
from business_corner.models import EventSession
from business_corner.organiser import bp
from business_corner.organiser.access import current_organiser, own_session
from business_corner.organiser.message_forms import MessageForm
from business_corner.services import attendee_messages as messages
from business_corner.services.attendee_messages import MissingText, NobodyToWrite
from business_corner.vocabulary import Audience


@bp.get("/sessions/<int:event_id>/messages")
def attendee_messages(event_id: int) -> str:
    """The messages sent to the session's attendees, each with its send state."""
    event = own_session(event_id)
    return render_template(
        "organiser/messages.html",
        event=event,
        copies=messages.messages_of(db.session(), event_id),
    )


@bp.get("/sessions/<int:event_id>/messages/<int:message_id>")
def attendee_message(event_id: int, message_id: int) -> str:
    """The copy of one message, in each language it was written in, and where it stands."""
    event = own_session(event_id)
    copy = messages.message_of(db.session(), event_id, message_id)
    if copy is None:
        abort(404)
    return render_template("organiser/message.html", event=event, copy=copy)


def _form_page(event: EventSession, form: MessageForm, status: int = 200) -> tuple[str, int]:
    return render_template(
        "organiser/message_form.html",
        event=event,
        form=form,
        counts=messages.audience_counts(db.session(), event.id),
        Audience=Audience,
    ), status


def _problems(form: MessageForm, counts: messages.LanguageCounts) -> bool:
    """Put on the form what keeps the draft from being sent; True if anything does."""
    if not counts.total:
        form.audience.errors = [*form.audience.errors, str(NobodyToWrite().message)]
        return True
    missing = messages.missing_languages(form.draft(), counts)
    form.mark_missing(missing)
    return bool(missing)


@bp.route("/sessions/<int:event_id>/messages/new", methods=["GET", "POST"])
@keeps_typed_values
def write_message(event_id: int) -> ResponseReturnValue:
    """Write the message; "Preview" shows it as each language's recipients will read it."""
    event = own_session(event_id)
    form = MessageForm(audiences=messages.audiences_of(db.session(), event_id))
    if request.method == "GET":
        form.audience.data = Audience.CONFIRMED.value
        return _form_page(event, form)
    if not form.validate_on_submit():
        return _form_page(event, form, 422)
    if form.edit.data:
        return _form_page(event, form)
    counts = messages.audience_counts(db.session(), event_id)[Audience(form.audience.data)]
    if _problems(form, counts):
        return _form_page(event, form, 422)
    draft = form.draft()
    previews = [
        (
            language,
            counts.of(language),
            draft.subject_in(language),
            attendee_message_preview(event, draft.body_in(language), language),
        )
        for language in messages.LANGUAGES
        if counts.of(language)
    ]
    return render_template(
        "organiser/message_preview.html", event=event, form=form, previews=previews
    ), 200


@bp.post("/sessions/<int:event_id>/messages/send")
def send_attendee_message(event_id: int) -> ResponseReturnValue:
    """Queue the previewed message for everyone in the group, each in their language."""
    event = own_session(event_id)
    form = MessageForm(audiences=messages.audiences_of(db.session(), event_id))
    if not form.validate_on_submit():
        return _form_page(event, form, 422)
    try:
        copy = messages.send_message(
            db.session(), current_organiser(), event_id, form.draft(), utcnow()
        )
    except NobodyToWrite as error:
        form.audience.errors = [*form.audience.errors, str(error.message)]
        return _form_page(event, form, 409)
    except MissingText as error:
        # The group changed since the preview: someone reading the other language joined.
        form.mark_missing(error.languages)
        return _form_page(event, form, 409)
    total = copy.recipients_fr + copy.recipients_en
    flash(
        ngettext(
            "Your message is being sent to %(num)s person, in their language.",
            "Your message is being sent to %(num)s people, each in their language.",
            total,
        ),
        "success",
    )
    return redirect(url_for(".attendee_messages", event_id=event_id))
