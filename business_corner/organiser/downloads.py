"""Spreadsheet downloads: one typed sheet, sent as CSV (other tools) or .xlsx (Excel)."""

from __future__ import annotations

from typing import Literal

from werkzeug.wrappers import Response

from business_corner.formatting import format_numeric_date
from business_corner.services.spreadsheets import Sheet, to_csv, to_xlsx

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_download(sheet: Sheet, basename: str, kind: Literal["csv", "xlsx"]) -> Response:
    """An attachment that holds personal data: never stored by a cache on the way."""
    if kind == "xlsx":
        body, mimetype = to_xlsx(sheet), XLSX_MIMETYPE
    else:
        body, mimetype = to_csv(sheet, format_numeric_date).encode("utf-8"), "text/csv"
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{basename}.{kind}"',
            "Cache-Control": "no-store",
        },
    )
