"""A PostgreSQL that accepts connections and never answers: the 503 page within seconds.

Both faults are injected with sockets of our own: a server that completes the handshake and
then stays silent (the connect timeout), and a proxy to the real PostgreSQL frozen while a
connection sits in the pool (the client-side bound, ``database.WaitLimit``).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.support.deadline import within
from tests.support.tcp import SilentServer, TCPProxy

TITLES = [("fr", "Service momentanément indisponible"), ("en", "Service briefly unavailable")]
# Generous for a shared machine; before these bounds each request waited for ever.
FEW_SECONDS = 8


def fetch(client, path, language="fr"):
    return within(20, lambda: client.get(path, headers={"Accept-Language": language}))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_server_that_never_completes_the_connection_gives_the_503(make_app):
    with SilentServer() as silent:
        client = make_app(
            DATABASE_URL=f"postgresql://postgres@127.0.0.1:{silent.port}/none",
            TESTING=False,
            DATABASE_CONNECT_TIMEOUT_SECONDS=2,
        ).test_client()
        for language, title in TITLES:
            response, seconds = fetch(client, "/", language)
            assert response.status_code == 503 and seconds < FEW_SECONDS
            assert title in response.get_data(as_text=True)
        health, seconds = fetch(client, "/healthz")
        assert health.status_code == 503 and health.json["database"] == "unreachable"
        assert seconds < FEW_SECONDS


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_server_that_stops_answering_mid_session_gives_the_503(make_app, database_url):
    real = sa.make_url(database_url)
    with TCPProxy(real.port or 5432) as proxy:
        through_proxy = real.set(host="127.0.0.1", port=proxy.port)
        client = make_app(
            DATABASE_URL=through_proxy.render_as_string(hide_password=False),
            TESTING=False,
            DATABASE_CONNECT_TIMEOUT_SECONDS=2,
            DATABASE_WAIT_SECONDS=2,
        ).test_client()
        assert fetch(client, "/")[0].status_code == 200  # a connection now waits in the pool
        assert fetch(client, "/healthz")[0].status_code == 200
        proxy.freeze()
        for language, title in TITLES:
            response, seconds = fetch(client, "/", language)
            assert response.status_code == 503 and seconds < FEW_SECONDS
            assert title in response.get_data(as_text=True)
        health, seconds = fetch(client, "/healthz")
        assert health.status_code == 503 and seconds < FEW_SECONDS
