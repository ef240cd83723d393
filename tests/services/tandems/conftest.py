from __future__ import annotations

from datetime import UTC, datetime

import pytest


@pytest.fixture
def before_round() -> datetime:
    """A week before the tandem rounds the tests run (8 March 2027)."""
    return datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
