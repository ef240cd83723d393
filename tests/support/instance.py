"""Start the application on an instance folder of the test's own, mounted (read-only if
asked) over the real one in a private mount namespace: the real folder is never touched,
and "read-only" is a real read-only mount, which even root cannot write."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from business_corner.config import PROJECT_ROOT

INSTANCE = PROJECT_ROOT / "instance"
_START = (
    "import logging, sys; logging.basicConfig(stream=sys.stderr); "
    "from business_corner import create_app; create_app(); print('started')"
)


def private_mounts_available() -> bool:
    if shutil.which("unshare") is None or not INSTANCE.is_dir():
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False, timeout=30)
    return probe.returncode == 0


def start_on(folder: Path, *, read_only: bool) -> subprocess.CompletedProcess[str]:
    """Run ``create_app()`` as a server would, with ``folder`` as its instance folder."""
    options = "-o ro " if read_only else ""
    script = f'mount --bind {options}"$1" "$2" && exec "$3" -c "$4"'
    return subprocess.run(
        [
            "unshare",
            "-rm",
            "sh",
            "-c",
            script,
            "sh",
            str(folder),
            str(INSTANCE),
            sys.executable,
            _START,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=PROJECT_ROOT,
        # Nothing from the developer's environment: the defaults put everything in instance/.
        env={"PATH": "/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8"},
    )
