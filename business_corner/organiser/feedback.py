"""What attendees said after a session: figures, charts and comments, for its organisers."""

from __future__ import annotations

from flask import render_template

from business_corner.charts import level_now_chart, table_fit_chart, usefulness_chart
from business_corner.extensions import db
from business_corner.organiser import bp
from business_corner.organiser.access import own_session
from business_corner.services import catalogue
from business_corner.services.feedback_results import session_feedback


@bp.get("/sessions/<int:event_id>/feedback")
def session_feedback_page(event_id: int) -> str:
    """Averages, distributions as charts, and the comments (without names: people write
    more freely when the comment is not signed on this page)."""
    event = own_session(event_id)
    results = session_feedback(db.session(), event.id)
    return render_template(
        "organiser/feedback.html",
        event=event,
        results=results,
        charts={
            "usefulness": usefulness_chart("usefulness-chart", results.usefulness),
            "levels": level_now_chart("levels-now-chart", results.levels_now),
            "fit": table_fit_chart("table-fit-chart", results.table_fit),
        },
        cities=catalogue.all_cities(db.session()),
    )
