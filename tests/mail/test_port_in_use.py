"""`make run` on a port another program holds says which command to type instead."""

from __future__ import annotations

import os
import socket
import subprocess

from tests.support.server import ROOT


def test_a_port_in_use_names_the_command_to_type():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        started = subprocess.run(
            ["sh", "scripts/serve-dev.sh"],
            cwd=ROOT,
            env={**os.environ, "FLASK": "false", "PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert started.returncode == 1
    assert f"Port {port} is already in use" in started.stderr
    assert "PORT=8000 make run" in started.stderr
