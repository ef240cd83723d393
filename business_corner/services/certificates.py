"""Attendance certificates: who may have one, their verification code, and the PDF.

A certificate exists only for someone who was checked in (``certificate_refusal``). Its
code is drawn at random the first time a certificate is made and stored with the
attendance: it is not derived from any id or secret, so knowing one certificate (or every
id) tells nothing about another's code, and checking a code is one indexed look-up.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources

from flask_babel import LazyString, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from fpdf import FPDF
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.formatting import current_locale, format_clock, format_day
from business_corner.models import EventSession, Registration
from business_corner.services.errors import DomainError

#: No 0/O, 1/I/L or U: a code read aloud over the phone or retyped from paper stays right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
#: 16 characters of 30: about 78 bits, far beyond guessing at any rate a server allows.
CODE_LENGTH = 16

_FONT_FAMILY = "DejaVuSans"

# fontTools lists every glyph it keeps at INFO, for every PDF: not worth a log line.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class NoCertificate(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l("A certificate of attendance is only for people who were checked in at the session.")
        )


def certificate_refusal(registration: Registration) -> LazyString | None:
    """Why this registration has no certificate, or None: only attendance counts."""
    if registration.erased_at is not None or registration.checked_in_at is None:
        return NoCertificate().message
    return None


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code: str) -> str:
    """ "ABCD-EFGH-JKMN-PQRS": groups of four, easier to read and retype."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def normalise_code(typed: str) -> str | None:
    """The stored form of a typed code (any case, spaces or dashes), or None if it cannot
    be one: the look-up is never asked about text of another shape."""
    code = "".join(ch for ch in typed.upper() if ch not in " -")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def ensure_codes(
    session: Session, registration_ids: Sequence[int], draw: Callable[[], str] = new_code
) -> dict[int, str]:
    """The code of each checked-in registration among ``registration_ids``, drawn now for
    those that have none. One conditional UPDATE each: two downloads at once keep one code
    (the second finds it set), and nobody who was not checked in gets one."""
    with write_transaction(session):
        for registration_id in registration_ids:
            session.execute(
                update(Registration)
                .where(
                    Registration.id == registration_id,
                    Registration.certificate_code.is_(None),
                    Registration.checked_in_at.is_not(None),
                    Registration.erased_at.is_(None),
                )
                .values(certificate_code=draw())
                .execution_options(synchronize_session=False)
            )
    rows = session.execute(
        select(Registration.id, Registration.certificate_code).where(
            Registration.id.in_(registration_ids),
            Registration.certificate_code.is_not(None),
            Registration.checked_in_at.is_not(None),
            Registration.erased_at.is_(None),
        )
    ).all()
    return {registration_id: str(code) for registration_id, code in rows}


def certificate_code(session: Session, registration: Registration) -> str:
    """The attendee's code (drawn the first time), or ``NoCertificate``."""
    if certificate_refusal(registration) is not None:
        raise NoCertificate()
    code = ensure_codes(session, [registration.id]).get(registration.id)
    if code is None:  # the check-in was undone meanwhile
        raise NoCertificate()
    return code


def checked_in_of(session: Session, event_id: int) -> list[Registration]:
    """Everyone with a certificate at a session, by name."""
    return list(
        session.scalars(
            select(Registration)
            .where(
                Registration.event_session_id == event_id,
                Registration.checked_in_at.is_not(None),
                Registration.erased_at.is_(None),
            )
            .order_by(Registration.last_name, Registration.first_name, Registration.id)
        )
    )


@dataclass(frozen=True)
class Verified:
    """What the public verification page may say: the name and the session, nothing more."""

    name: str
    event: EventSession


def verify(session: Session, typed: str) -> Verified | None:
    """The certificate a code belongs to, or None (unknown, or no longer an attendance)."""
    code = normalise_code(typed)
    if code is None:
        return None
    registration = session.scalars(
        select(Registration).where(Registration.certificate_code == code)
    ).one_or_none()
    if registration is None or certificate_refusal(registration) is not None:
        return None
    return Verified(registration.full_name, registration.event_session)


@dataclass(frozen=True)
class CertificatePage:
    """One certificate's lines, already in the attendee's language."""

    heading: str
    lines: tuple[tuple[str, bool, float], ...]
    footer: tuple[str, ...]
    title: str


def certificate_page(registration: Registration, code: str, verify_url: str) -> CertificatePage:
    """The text of a certificate, in the current language (callers set the attendee's)."""
    event = registration.event_session
    starts = event.starts_at.astimezone(event.zone)
    ends = event.ends_at.astimezone(event.zone)
    title = event.title_in(current_locale()).text
    lines: list[tuple[str, bool, float]] = [
        (_("This is to certify that"), False, 12),
        (registration.full_name, True, 22),
    ]
    if registration.company:
        lines.append((registration.company, False, 13))
    lines += [
        (_("attended the Business corner session, held in English,"), False, 12),
        (title, True, 16),
        (
            _(
                "on %(day)s, from %(start)s to %(end)s (%(duration)s)",
                day=format_day(starts),
                start=format_clock(starts),
                end=format_clock(ends),
                duration=duration_text(
                    int((event.ends_at - event.starts_at).total_seconds()) // 60
                ),
            ),
            False,
            12,
        ),
        (_place(event), False, 12),
        (
            _(
                "organised by the %(chapter)s chapter of Business corner",
                chapter=event.chapter.name,
            ),
            False,
            12,
        ),
    ]
    return CertificatePage(
        heading=_("Certificate of attendance"),
        lines=tuple(lines),
        footer=(
            _("Verification code: %(code)s", code=display_code(code)),
            _("Anyone can check this certificate at %(url)s", url=verify_url),
        ),
        title=_("Certificate of attendance: %(name)s", name=registration.full_name),
    )


def duration_text(minutes: int) -> str:
    """ "1 h 30 min", "2 hours", "45 minutes"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return ngettext("%(num)d minute", "%(num)d minutes", rest)
    if not rest:
        return ngettext("%(num)d hour", "%(num)d hours", hours)
    return _("%(hours)d h %(minutes)02d min", hours=hours, minutes=rest)


def _place(event: EventSession) -> str:
    if not event.format.has_venue:
        return _("online")
    if event.format.has_video_link:
        return _("at %(venue)s and online", venue=event.venue)
    return _("at %(venue)s", venue=event.venue)


def certificates_pdf(pages: Sequence[CertificatePage], generated_at: datetime) -> bytes:
    """One A4 page per certificate, in DejaVu Sans (embedded, subset): every accent of
    French and the other Latin scripts renders, whatever the reader's PDF viewer has."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_creation_date(generated_at)
    fonts = resources.files("business_corner") / "fonts"
    with resources.as_file(fonts / "DejaVuSans.ttf") as regular:
        pdf.add_font(_FONT_FAMILY, "", str(regular))
    with resources.as_file(fonts / "DejaVuSans-Bold.ttf") as bold_font:
        pdf.add_font(_FONT_FAMILY, "B", str(bold_font))
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(25, 25, 25)
    if len(pages) == 1:
        pdf.set_title(pages[0].title)
    pdf.set_author("Business corner")
    for page in pages:
        pdf.add_page()
        pdf.set_draw_color(40, 80, 140)
        pdf.set_line_width(0.8)
        pdf.rect(12, 12, pdf.w - 24, pdf.h - 24)
        pdf.set_y(45)
        pdf.set_font(_FONT_FAMILY, "B", 24)
        pdf.multi_cell(0, 12, page.heading, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(18)
        for text, bold, size in page.lines:
            pdf.set_font(_FONT_FAMILY, "B" if bold else "", size)
            pdf.multi_cell(0, size * 0.6, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(5)
        pdf.set_y(pdf.h - 55)
        pdf.set_font(_FONT_FAMILY, "", 10)
        for text in page.footer:
            pdf.multi_cell(0, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
