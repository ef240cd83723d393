"""Counts on organiser pages read right at 0, 1 and 2, in French and in English: each
count is its own ngettext, so "1 confirmés" or "1 seats" cannot happen."""

from __future__ import annotations

import html
import re

import pytest
from flask_babel import force_locale

from business_corner.extensions import db
from business_corner.services.registration import register
from business_corner.services.tables.reasons import Reason, ReasonCode
from tests.support.applicants import applicant

CANCEL_PAGE = {
    "en": [
        "Everyone registered (0 confirmed, 0 on the waiting list)",
        "Everyone registered (1 confirmed, 0 on the waiting list)",
        "Everyone registered (2 confirmed, 0 on the waiting list)",
    ],
    "fr": [
        "Chaque inscrit (0 confirmé, 0 en liste d’attente)",
        "Chaque inscrit (1 confirmé, 0 en liste d’attente)",
        "Chaque inscrit (2 confirmés, 0 en liste d’attente)",
    ],
}
ATTENDEE_LIST = {
    "en": ["0 confirmed out of 1 seat", "1 confirmed out of 1 seat", "2 confirmed out of 2 seats"],
    "fr": ["0 confirmé sur 1 place", "1 confirmé sur 1 place", "2 confirmés sur 2 places"],
}


def _text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(body))


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("count", [0, 1, 2])
def test_cancel_page_and_attendee_list_counts(
    client, organiser, login, marseille, make_session, now, language, count
):
    event = make_session(marseille, capacity=max(count, 1))
    for index in range(count):
        register(db.session, event.id, applicant(f"p{index}@x.fr"), now=now)
    login(organiser)
    client.set_cookie("lang", language)

    cancel = _text(client.get(f"/organiser/sessions/{event.id}/cancel"))
    attendees = _text(client.get(f"/organiser/sessions/{event.id}/attendees"))

    assert CANCEL_PAGE[language][count] in cancel
    assert ATTENDEE_LIST[language][count] in attendees


def test_a_plan_with_room_for_one_table_says_so(app):
    reason = Reason(ReasonCode.FEWER_TABLES, {"asked": 3, "people": 3, "tables": 1})
    with app.test_request_context():
        with force_locale("en"):
            assert "only 1 can seat" in str(reason.message)
        with force_locale("fr"):
            assert "seule 1 peut en accueillir au moins deux." in str(reason.message)
