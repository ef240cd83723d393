"""Run the application under gunicorn with several worker processes, for tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import requests

from tests.support.seat_faults import SeatFault
from tests.support.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def gunicorn(
    settings: dict[str, Any],
    workers: int = 4,
    port: int | None = None,
    fault: SeatFault | None = None,
) -> Iterator[str]:
    """The application at the returned address, with ``fault`` injected in every worker."""
    port = port or free_port()
    environment = {
        **os.environ,
        "BUSINESS_CORNER_TEST_SETTINGS": json.dumps(settings),
        **(fault.environment() if fault else {}),
    }
    # The server's output goes to a file: a pipe nobody reads fills up, and then the
    # workers block on their next log line.
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                "--log-level",
                "warning",
                "tests.support.race_app:app",
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(base, process, output, "gunicorn")
            yield base
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ask the process to end; kill it if it has not within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_serving(
    base: str, process: subprocess.Popen[bytes], output: IO[bytes], what: str
) -> None:
    """Until the site answers a page; its output in the error if it stops or takes a minute."""
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(base + "/privacy", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet, or still loading the application
        if process.poll() is not None or time.monotonic() > deadline:
            output.seek(0)
            raise RuntimeError(f"{what} did not start:\n{output.read().decode()[-4000:]}")
        time.sleep(0.2)


def _test_app_environment(settings: dict[str, Any]) -> dict[str, str]:
    return {**os.environ, "BUSINESS_CORNER_TEST_SETTINGS": json.dumps(settings)}


FLASK_WITH_TEST_SETTINGS = f"{sys.executable} -m flask --app tests.support.race_app"


@contextmanager
def mail_sender(
    settings: dict[str, Any], interval: float = 0.2
) -> Iterator[subprocess.Popen[bytes]]:
    """``flask send-mail --loop`` on these settings, as production runs it beside the web."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(
        [*FLASK_WITH_TEST_SETTINGS.split(), "send-mail", "--loop", "--interval", str(interval)],
        cwd=ROOT,
        env=_test_app_environment(settings),
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        stop(process)
        output.close()


@contextmanager
def as_make_run(settings: dict[str, Any], port: int) -> Iterator[str]:
    """The site as ``make run`` starts it: scripts/serve-dev.sh, the development server plus
    the mail sender, in a process group of their own (stopped together, like Ctrl-C)."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(
        ["sh", "scripts/serve-dev.sh"],
        cwd=ROOT,
        env={
            **_test_app_environment(settings),
            "FLASK": FLASK_WITH_TEST_SETTINGS,
            "PORT": str(port),
        },
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, output, "make run")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        output.close()
