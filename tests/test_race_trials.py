"""A few of the race trials in CI (`make race-trials` runs a thousand)."""

from __future__ import annotations

import pytest

from benchmarks.race_trials import database, run_trials
from tests.support.databases import POSTGRES_BASE_URL

pytestmark = pytest.mark.concurrency


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_few_race_trials_are_clean(backend):
    if backend == "postgresql" and not POSTGRES_BASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    base = POSTGRES_BASE_URL if backend == "postgresql" else "sqlite://"
    with database(base) as url:
        report = run_trials(url, trials=8, clients=32, workers=4)
    assert report.trials == 8 and report.requests == 256
    assert (report.overbooked, report.errors) == (0, 0), report.error_codes
    assert (report.doubled_registrations, report.doubled_mails) == (0, 0)
