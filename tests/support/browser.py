"""The real application served on loopback, and Debian's Chromium driven by Playwright.

Shared by the browser tests (tests/browser/) and ``make screenshots``. Playwright's own
browser downloads are never used: the machine's Chromium is, so everything works offline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.support.databases import migrate
from tests.support.server import gunicorn, mail_sender
from tests.support.smtp import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Phone and laptop widths the design is checked at.
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1440, "height": 900}


def chromium_missing_reason() -> str | None:
    """Why browser work cannot run here, or None when Chromium is installed."""
    if not CHROMIUM.exists():
        return (
            f"Chromium is not installed at {CHROMIUM} (apt-get install chromium, "
            f"or set CHROMIUM=/path/to/chromium); browser tests skipped"
        )
    return None


def launch_chromium(playwright: Playwright, language: str | None = None) -> Browser:
    """Chromium; with ``language``, its own interface too (date pickers write dd/mm/yyyy).

    Date and time inputs follow the browser's interface language, not the page's. The old
    headless mode always speaks en-US, so a language needs the new one (``--headless=new``)
    and Debian's chromium-l10n for the translations.
    """
    if not language:
        return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, "--headless=new", f"--lang={language}"],
        ignore_default_args=["--headless"],
        env={**os.environ, "LANGUAGE": language},
    )


def live_settings(folder: Path) -> dict[str, Any]:
    """Settings for a fresh migrated SQLite database in ``folder``, mail as .eml files there."""
    database = f"sqlite:///{folder / 'business_corner.sqlite3'}"
    migrate(database)
    return {
        "DATABASE_URL": database,
        "SECRET_KEY": "browser tests",
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": str(folder / "mail"),
        "RATELIMIT_ENABLED": False,
    }


@contextmanager
def serving(settings: dict[str, Any]) -> Iterator[str]:
    """The application under gunicorn with its mail sender, as in production; yields its
    address. PUBLIC_URL follows the port, so the links in e-mails lead back to this server."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = {**settings, "PUBLIC_URL": base}
    with gunicorn(settings, workers=2, port=port), mail_sender(settings):
        yield base
