"""Run the application under gunicorn with several worker processes, for tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(base + "/privacy", timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    pass  # not listening yet, or still loading the application
                if process.poll() is not None or time.monotonic() > deadline:
                    output.seek(0)
                    raise RuntimeError(f"gunicorn did not start:\n{output.read().decode()[-4000:]}")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
