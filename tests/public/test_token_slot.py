"""A remembered page's slot for the visitor's CSRF token cannot be written by content."""

from __future__ import annotations

import re

from flask import Flask

from tests.public.test_page_cache import TOKEN

OLD_SLOT = "@@visitor-csrf-token@@"


def _slot(app: Flask) -> str:
    return str(app.extensions["visitor_token_slot"])


def test_a_title_holding_a_slot_lookalike_shows_as_written(make_app, marseille, make_session):
    app = make_app(PAGE_CACHE_SECONDS=60, WTF_CSRF_ENABLED=True)
    lookalike = _slot(app)  # even knowing this process's slot, content cannot produce it
    plain = make_session(marseille, title_fr="Sans piège")
    trap = make_session(marseille, title_fr=f"Piège {OLD_SLOT} et {lookalike}")
    visitor = app.test_client()
    baseline = visitor.get(f"/sessions/{plain.id}").get_data(as_text=True)
    visitor.get(f"/sessions/{trap.id}")  # remembered for everyone
    page = visitor.get(f"/sessions/{trap.id}").get_data(as_text=True)
    token = TOKEN.search(page).group(1)
    # The visitor's token is where the form needs it, and nowhere else.
    assert page.count(token) == baseline.count(TOKEN.search(baseline).group(1)) == 1
    assert f"Piège {OLD_SLOT} et " in page
    assert "&lt;visitor-token " in page and lookalike not in page


def test_each_process_draws_its_own_slot(make_app):
    first, second = _slot(make_app()), _slot(make_app())
    assert first != second
    assert re.fullmatch(r"<visitor-token [0-9a-f]{32}>", first)
