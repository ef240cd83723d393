"""``database.WaitLimit``: a statement on a connection whose server went silent fails after
the bound instead of waiting for ever; one that is answered in time is left alone."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from business_corner.config import engine_options, sqlalchemy_url
from business_corner.database import prepare_engine
from tests.support.databases import POSTGRES_BASE_URL
from tests.support.deadline import within
from tests.support.tcp import TCPProxy

pytestmark = pytest.mark.skipif(not POSTGRES_BASE_URL, reason="TEST_DATABASE_URL is not set")


@pytest.fixture
def proxy():
    real = sa.make_url(sqlalchemy_url(POSTGRES_BASE_URL))
    with TCPProxy(real.port or 5432) as running:
        yield running, real.set(host="127.0.0.1", port=running.port)


def bounded_engine(url: sa.URL, wait_seconds: float) -> sa.Engine:
    engine = sa.create_engine(url, **engine_options(url.render_as_string(), 2))
    prepare_engine(engine, wait_seconds=wait_seconds)
    return engine


def test_a_statement_the_server_never_answers_fails_after_the_bound(proxy):
    running, url = proxy
    engine = bounded_engine(url, wait_seconds=1.5)
    with engine.connect() as connection:
        assert connection.scalar(sa.text("SELECT 1")) == 1
        running.freeze()
        with pytest.raises(sa.exc.OperationalError) as failure:
            within(20, lambda: connection.execute(sa.text("SELECT 2")))
        assert failure.value.connection_invalidated  # the pool will not hand it out again
    engine.dispose()


def test_a_slow_answer_within_the_bound_is_left_alone(proxy):
    _, url = proxy
    engine = bounded_engine(url, wait_seconds=2)
    with engine.connect() as connection:
        for _ in range(3):  # deadlines armed and passed while idle cut nothing
            assert connection.scalar(sa.text("SELECT 1 FROM pg_sleep(0.8)")) == 1
    engine.dispose()


def test_a_statement_longer_than_the_bound_is_cut_off(proxy):
    _, url = proxy
    engine = bounded_engine(url, wait_seconds=1)
    with engine.connect() as connection, pytest.raises(sa.exc.OperationalError):
        within(20, lambda: connection.execute(sa.text("SELECT pg_sleep(10)")))
    engine.dispose()
