"""/healthz for load balancers and uptime checks: is this worker able to reach its database?
And is anyone delivering the mail?"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.services.mail.outbox import outbox_health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """200 when the database answers, 503 when it does not (no details given out)."""
    try:
        db.session.execute(text("SELECT 1"))
        mail = _mail_status()
        db.session.rollback()
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok", mail=mail), 200


def _mail_status() -> dict[str, Any]:
    """The outbox as a monitor sees it. A missing sender does not make this worker unhealthy
    (pages still work; mail waits in the outbox), so it is reported, not a 503."""
    health = outbox_health(db.session(), utcnow())
    return {
        "sender": "running" if health.sender_running else "not seen",
        "sender_seen_seconds_ago": (
            round(health.sender_seen.total_seconds()) if health.sender_seen is not None else None
        ),
        "oldest_due_seconds": (
            round(health.oldest_due.total_seconds()) if health.oldest_due is not None else 0
        ),
        "failed": health.failed,
    }
