"""Reasons are stored as data and read in the reader's language."""

from __future__ import annotations

from flask_babel import force_locale

from business_corner.services.tables import Reason, ReasonCode


def test_a_reason_is_english_outside_the_app_and_survives_storage():
    reason = Reason(ReasonCode.NOT_ENOUGH_HOSTS, {"hosts": 1, "tables": 3})
    assert str(reason.message) == (
        "Only 1 host for 3 tables: some tables have no host in each round."
    )
    assert Reason.from_dict(reason.to_dict()) == reason


def test_a_reason_is_shown_in_french_with_the_sector_translated(app):
    reason = Reason(
        ReasonCode.SECTOR_CROWDED, {"sector": "health", "count": 7, "tables": 6, "minimum": 2}
    )
    with force_locale("fr"):
        assert str(reason.message) == (
            "Les 7 personnes du secteur Santé & action sociale ne peuvent pas toutes être à des "
            "tables différentes\u00a0: au moins 2 paires du même secteur partagent une table."
        )
