"""Every certificate of attendance of a session, as one PDF to print or forward."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import site_links
from business_corner.organiser import bp
from business_corner.organiser.access import current_organiser, own_session
from business_corner.services import audit
from business_corner.services.certificates import (
    certificate_page,
    certificates_pdf,
    checked_in_of,
    ensure_codes,
)
from business_corner.vocabulary import AuditAction, AuditSubject


@bp.get("/sessions/<int:event_id>/certificates.pdf")
def certificates(event_id: int) -> ResponseReturnValue:
    """One page per person checked in, each in that person's language."""
    event = own_session(event_id)
    people = checked_in_of(db.session(), event.id)
    if not people:
        flash(_("Nobody was checked in at this session: there is no certificate to make."), "error")
        return redirect(url_for(".attendees", event_id=event_id))
    codes = ensure_codes(db.session(), [person.id for person in people])
    links = site_links()
    pages = []
    for person in checked_in_of(db.session(), event.id):
        code = codes.get(person.id)
        if code is None:  # a check-in undone between the two reads
            continue
        with force_locale(person.locale):
            pages.append(certificate_page(person, code, links.certificate_check(code)))
    body = certificates_pdf(pages, utcnow())
    # Recorded once the file is built, like the other exports of personal data.
    audit.record_alone(
        db.session(),
        current_organiser(),
        AuditAction.CERTIFICATES_EXPORTED,
        AuditSubject.SESSION,
        event_id,
        {"pages": len(pages)},
        utcnow(),
    )
    local_day = event.starts_at.astimezone(event.zone).date().isoformat()
    filename = f"certificates-{event_id}-{local_day}.pdf"
    return Response(
        body,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
