"""The attendee list and its CSV export (the .xlsx export: test_spreadsheets.py)."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale

from business_corner.extensions import db
from business_corner.formatting import format_numeric_date
from business_corner.services.attendees import attendee_rows, attendee_sheet
from business_corner.services.registration import cancel_registration, register
from business_corner.services.spreadsheets import spreadsheet_safe, to_csv
from business_corner.vocabulary import RegistrationStatus
from tests.support.applicants import applicant


@pytest.mark.parametrize("dangerous", ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_never_start_like_a_formula(dangerous):
    assert spreadsheet_safe(dangerous) == "'" + dangerous


def test_ordinary_cells_are_untouched():
    assert spreadsheet_safe("Hélène Ødegård 東京 🎉") == "Hélène Ødegård 東京 🎉"


def test_the_list_is_confirmed_then_waiting_in_order_then_cancelled(marseille, make_session, now):
    event = make_session(marseille, capacity=1)
    ids = [
        register(
            db.session, event.id, applicant(f"{n}@x.fr"), now=now + timedelta(seconds=i)
        ).registration_id
        for i, n in enumerate("abcd")
    ]
    cancel_registration(db.session, ids[1], now=now)  # b leaves the waiting list

    rows = attendee_rows(db.session, event.id)

    assert [(r.registration.email, r.position) for r in rows] == [
        ("a@x.fr", None),
        ("c@x.fr", 1),
        ("d@x.fr", 2),
        ("b@x.fr", None),
    ]
    assert rows[-1].registration.status is RegistrationStatus.CANCELLED


def test_the_csv_opens_in_excel_with_accents_and_no_formulas(marseille, make_session, now):
    event = make_session(marseille)
    register(
        db.session,
        event.id,
        applicant("h@x.fr", first_name='=HYPERLINK("http://evil")', last_name="Müller-Ødegård"),
        now=now,
    )

    with force_locale("fr"):
        sheet = attendee_sheet(attendee_rows(db.session, event.id), event.timezone)
        body = to_csv(sheet, format_numeric_date)

    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Nom", "Prénom", "E-mail"]
    assert rows[1][0] == "Müller-Ødegård"
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert "Numérique & informatique" in rows[1]
    assert "J" in rows[1]  # NACE section of the digital sector
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", rows[1][-1])  # French short date
    assert body.count("\r\n") == 2
