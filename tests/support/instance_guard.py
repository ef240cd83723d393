"""The developer's own instance/ folder, recorded so a test can prove the suite left it alone.

The suite runs in a throwaway instance folder (BUSINESS_CORNER_INSTANCE_PATH, set by
tests/conftest.py before any app exists; each test's app gets its own INSTANCE_PATH).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from business_corner.config import PROJECT_ROOT

REAL_INSTANCE = PROJECT_ROOT / "instance"


def snapshot(folder: Path = REAL_INSTANCE) -> dict[str, str] | None:
    """Every file and folder under ``folder`` with a hash of its content (None if absent)."""
    if not folder.exists():
        return None
    listing: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_dir():
            listing[name] = "folder"
        else:
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            listing[name] = f"{digest} mode={stat.st_mode:o}"
    return listing


#: The real instance folder as it was when the suite started: tests/conftest.py imports this
#: module before any app exists, so nothing the tests do has touched it yet.
AT_START = snapshot()
