"""Production wiring: health check, reverse proxy, the gunicorn configuration and its logs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from business_corner.extensions import db
from business_corner.services.registration import register
from tests.support.applicants import applicant, registration_form
from tests.support.smtp import free_port
from tests.support.tokens import make_manage_token

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["database"] == "ok"


def test_healthz_says_unavailable_when_it_does_not(make_app, tmp_path):
    client = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing/db.sqlite3").test_client()
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "unreachable"


def test_without_a_proxy_forwarded_headers_are_ignored(make_app, marseille, make_session):
    event = make_session(marseille, capacity=10)
    client = make_app(
        RATELIMIT_ENABLED=True, REGISTRATION_RATE_LIMIT_PER_IP="1 per hour"
    ).test_client()
    codes = [
        client.post(
            f"/sessions/{event.id}/register",
            data=registration_form(email=f"p{i}@x.fr"),
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        ).status_code
        for i in range(2)
    ]
    assert codes == [302, 429]  # a client cannot pose as someone else


def test_behind_a_proxy_each_visitor_is_counted_and_https_is_recognised(
    make_app, marseille, make_session
):
    event = make_session(marseille, capacity=10)
    client = make_app(
        RATELIMIT_ENABLED=True, REGISTRATION_RATE_LIMIT_PER_IP="1 per hour", PROXY_FIX_HOPS=1
    ).test_client()
    codes = [
        client.post(
            f"/sessions/{event.id}/register",
            data=registration_form(email=f"p{i}@x.fr"),
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        ).status_code
        for i in range(2)
    ]
    assert codes == [302, 302]
    secure = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in secure.headers


def test_the_gunicorn_configuration_serves_and_keeps_secrets_out_of_its_log(
    app_settings, marseille, make_session, now, tmp_path
):
    import json

    event = make_session(marseille)
    outcome = register(db.session, event.id, applicant(), now=now)
    token = make_manage_token(outcome.registration_id)
    port = free_port()
    log = tmp_path / "access.log"
    env = {
        **os.environ,
        "BUSINESS_CORNER_TEST_SETTINGS": json.dumps(app_settings),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": str(log),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tests.support.race_app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if requests.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        assert requests.get(f"{base}/manage/{token}", timeout=10).status_code == 200
        # A page opened from the manage page sends it as the referrer.
        requests.get(f"{base}/privacy", timeout=10, headers={"Referer": f"{base}/manage/{token}"})
    finally:
        process.terminate()
        process.wait(timeout=30)
    written = log.read_text()
    assert "/healthz" in written and "/manage/[redacted]" in written
    assert token not in written


def test_every_command_the_deploy_files_run_exists(app):
    """The systemd units and the crontab name commands the application has."""
    import re
    from pathlib import Path

    deploy = Path(__file__).resolve().parents[2] / "deploy"
    texts = [path.read_text() for path in sorted(deploy.iterdir()) if path.is_file()]
    commands = {
        match.group(1)
        for text in texts
        for match in re.finditer(r"flask --app business_corner ([\w-]+)", text)
    }
    assert {
        "send-reminders",
        "send-feedback-requests",
        "confirm-or-release",
        "record-no-shows",
        "purge",
    } <= commands
    assert commands <= set(app.cli.list_commands(None)) | {"db"}
