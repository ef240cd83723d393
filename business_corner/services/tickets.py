"""An attendee's ticket: a QR code of their signed check-in address, drawn by segno.

The code is drawn on white with the standard four-module quiet zone and medium error
correction, which phone cameras read from a screen or a printout; the address in it is
signed per registration (``tokens.LinkSigner.make_check_in_token``), so each attendee's
differs and none can be made up.
"""

from __future__ import annotations

import io

import segno

#: Pixels per module in the mailed image: about 250 px across for a typical address,
#: readable on any phone screen without zooming.
MAIL_SCALE = 6


def _code(address: str) -> segno.QRCode:
    return segno.make(address, error="m", micro=False)


def ticket_png(address: str) -> bytes:
    """The code as a PNG, for e-mail (mail programs show inline PNG, not SVG)."""
    buffer = io.BytesIO()
    _code(address).save(buffer, kind="png", scale=MAIL_SCALE, border=4, dark="#000", light="#fff")
    return buffer.getvalue()


def ticket_svg(address: str) -> bytes:
    """The code as SVG, for the attendee's page: with a viewBox and no size of its own, so it
    scales to the ``<img>`` without blurring; drawn with attributes only, no ``style`` (the
    site's CSP allows no inline styles)."""
    buffer = io.BytesIO()
    _code(address).save(
        buffer, kind="svg", scale=1, border=4, dark="#000", light="#fff", omitsize=True
    )
    return buffer.getvalue()
