"""Glue between requests and the outbox: try delivery once the response has gone out.

The messages are already committed in the outbox; if this attempt fails (mail server
down, process killed) they stay pending and ``flask send-mail`` delivers them later.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from flask import Flask, Response, after_this_request, current_app

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.services.mail.backends import backend_from_config
from business_corner.services.mail.compose import envelope_address
from business_corner.services.mail.delivery import DeliveryReport, deliver_due

log = logging.getLogger(__name__)
BATCH_SIZE = 100


def deliver_now(app: Flask, now: datetime, only: Sequence[int] | None = None) -> DeliveryReport:
    """Deliver every due message with the app's backend (inside an app context)."""
    backend = backend_from_config(app.config)
    sender = envelope_address(app.config["MAIL_DEFAULT_SENDER"])
    report = DeliveryReport()
    while True:
        batch = deliver_due(db.session, backend, sender, now, only=only, limit=BATCH_SIZE)
        report += batch
        # A short batch means nothing due is left (failed ones wait for their retry time).
        if batch.handled < BATCH_SIZE:
            return report


def deliver_after_response(message_ids: Sequence[int]) -> None:
    """Send these messages after the response, unless a worker is in charge of mail."""
    if not message_ids or current_app.config["MAIL_DELIVERY"] != "after_response":
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    ids = list(message_ids)

    @after_this_request
    def _schedule(response: Response) -> Response:
        response.call_on_close(lambda: _deliver_in_background(app, ids))
        return response


def _deliver_in_background(app: Flask, ids: list[int]) -> None:
    with app.app_context():
        try:
            report = deliver_now(app, utcnow(), only=ids)
        except Exception:  # noqa: BLE001 - the worker will retry; the response is gone
            log.exception("delivery after response failed; messages stay in the outbox")
            return
        if report.failed:
            log.warning("%d message(s) could not be sent yet; they will be retried", report.failed)
