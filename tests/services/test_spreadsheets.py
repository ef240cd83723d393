"""Exports Excel opens right: typed cells, a header in the reader's language, no formulas."""

from __future__ import annotations

import io
from datetime import datetime, time

from flask_babel import force_locale
from openpyxl import load_workbook

from business_corner.extensions import db
from business_corner.services.attendees import attendee_rows, attendee_sheet
from business_corner.services.registration import register
from business_corner.services.spreadsheets import Sheet, to_xlsx
from tests.support.applicants import applicant


def _cells(data: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_text_that_looks_like_a_formula_is_a_string_cell_shown_as_typed():
    data = to_xlsx(
        Sheet("T", ["Name"], [['=HYPERLINK("http://evil")'], ["+33 6 12"], ["@SUM(A1)"]])
    )
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [sheet.cell(row=n, column=1) for n in (2, 3, 4)]
    assert [cell.value for cell in cells] == ['=HYPERLINK("http://evil")', "+33 6 12", "@SUM(A1)"]
    assert {cell.data_type for cell in cells} == {"s"}  # never "f" (formula)


def test_numbers_dates_and_times_keep_their_type():
    moment = datetime(2027, 3, 4, 18, 30)
    data = to_xlsx(Sheet("T", ["n", "when", "at", "empty"], [[3, moment, time(18, 45), None]]))
    assert _cells(data)[1] == [3, moment, time(18, 45), None]


def test_a_sheet_title_excel_would_refuse_is_cleaned():
    data = to_xlsx(Sheet("Participants: [Marseille/LA] — séance de décembre", ["a"], []))
    assert load_workbook(io.BytesIO(data)).active.title == "Participants MarseilleLA — séan"


def test_the_attendee_workbook_is_typed_and_headed_in_french(marseille, make_session, now):
    event = make_session(marseille, capacity=1)
    register(db.session, event.id, applicant("a@x.fr", first_name="=1+1"), now=now)
    register(db.session, event.id, applicant("b@x.fr", last_name="Müller-Ødegård"), now=now)

    with force_locale("fr"):
        data = to_xlsx(attendee_sheet(attendee_rows(db.session, event.id), event.timezone))

    rows = _cells(data)
    assert rows[0][:3] == ["Nom", "Prénom", "E-mail"]
    assert rows[1][1] == "=1+1"
    assert rows[2][0] == "Müller-Ødegård"
    assert rows[1][10] is None and rows[2][10] == 1  # waiting-list position, a number
    registered = rows[1][12]
    assert isinstance(registered, datetime)
    assert registered == now.astimezone(event.zone).replace(tzinfo=None, microsecond=0)
