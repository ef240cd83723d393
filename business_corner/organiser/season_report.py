"""The season report for the chamber: the organiser's chapter over a period, as a page
with charts and as an .xlsx workbook."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from business_corner.charts.season import attendance_chart, progression_chart, season_sector_chart
from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.organiser import bp
from business_corner.organiser.access import current_organiser
from business_corner.organiser.downloads import spreadsheet_download
from business_corner.services.season_report import default_period, report_sheet, season_report


def _period() -> tuple[date, date, str | None]:
    """The period asked for (``from`` and ``to`` as YYYY-MM-DD), else the current season;
    a mistake is said and the season shown instead, never a 500."""
    organiser = current_organiser()
    default_from, default_to = default_period(
        utcnow().astimezone(ZoneInfo(organiser.chapter.timezone)).date()
    )
    typed_from, typed_to = request.args.get("from", ""), request.args.get("to", "")
    if not typed_from and not typed_to:
        return default_from, default_to, None
    try:
        starts_on = date.fromisoformat(typed_from[:10]) if typed_from else default_from
        ends_on = date.fromisoformat(typed_to[:10]) if typed_to else default_to
    except ValueError:
        return default_from, default_to, _("Give the dates as on a calendar, such as 2026-09-01.")
    if ends_on < starts_on:
        return default_from, default_to, _("The end of the period comes before its start.")
    if (ends_on - starts_on).days > 3 * 366:
        return default_from, default_to, _("Choose a period of three years at most.")
    return starts_on, ends_on, None


@bp.get("/report")
def season_report_page() -> ResponseReturnValue:
    """Figures of the chapter's sessions held in the period, each defined on the page."""
    organiser = current_organiser()
    starts_on, ends_on, problem = _period()
    report = season_report(db.session(), organiser, starts_on, ends_on, utcnow())
    progression = report.progression
    return render_template(
        "organiser/season_report.html",
        report=report,
        problem=problem,
        chapter=organiser.chapter,
        charts={
            "months": attendance_chart("months-chart", report.per_month),
            "sectors": season_sector_chart("season-sectors-chart", report.sectors),
            "progression": progression_chart(
                "progression-chart", progression.up, progression.same, progression.down
            ),
        },
    ), (422 if problem else 200)


@bp.get("/report.xlsx")
def season_report_xlsx() -> Response:
    """The same figures and one line per session, as an Excel workbook."""
    organiser = current_organiser()
    starts_on, ends_on, _problem = _period()
    report = season_report(db.session(), organiser, starts_on, ends_on, utcnow())
    return spreadsheet_download(
        report_sheet(report, organiser.chapter.name),
        f"season-report-{organiser.chapter.slug}-{starts_on.isoformat()}-{ends_on.isoformat()}",
        "xlsx",
    )
