"""Browser tests: the real application on loopback, driven through Debian's Chromium.

One server, one database (the demo data) and one browser for the whole run; one browser
context per language and role, logged in once, its page reused from test to test.
Skipped, with the reason, where Chromium is not installed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from business_corner import create_app
from business_corner.extensions import db
from tests.support.browser import (
    PHONE,
    chromium_missing_reason,
    launch_chromium,
    live_settings,
    serving,
)
from tests.support.tour import Site, demo_site, open_page

LANGUAGES = ["fr", "en"]


@pytest.fixture(scope="session", autouse=True)
def chromium_installed() -> None:
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def site_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser-site")


@pytest.fixture(scope="session")
def site(site_folder: Path) -> Iterator[Site]:
    """The site under gunicorn, with the demo data loaded through an app of our own."""
    settings = live_settings(site_folder)
    with serving(settings) as base:
        app = create_app(settings)
        yield demo_site(app, base)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def page_for(browser: Any, site: Site) -> Iterator[Callable[..., Any]]:
    """``page_for("fr", organiser=True)``: a page in that language, reused across tests."""
    pages: dict[tuple[str, bool, str], Any] = {}

    def get(language: str, organiser: bool = False, viewport: dict[str, int] = PHONE) -> Any:
        key = (language, organiser, f"{viewport['width']}x{viewport['height']}")
        if key not in pages:
            pages[key] = open_page(browser, site, language, viewport, organiser=organiser)
        return pages[key]

    yield get
    for page in pages.values():
        page.context.close()


@dataclass
class Mailbox:
    """The .eml files the application writes (the `file` mail backend)."""

    folder: Path

    def wait_for(self, to: str, subject: str = "", timeout: float = 10.0) -> EmailMessage:
        """The message to ``to`` whose subject contains ``subject``; it is sent just after
        the response, so it may take a moment."""
        deadline = time.monotonic() + timeout
        while True:
            for path in sorted(self.folder.glob("*.eml")):
                message = message_from_bytes(path.read_bytes(), policy=policy.default)
                if to in str(message["To"]) and subject in str(message["Subject"]):
                    return message  # type: ignore[return-value]
            if time.monotonic() > deadline:
                raise AssertionError(f"no message to {to} about {subject!r} in {self.folder}")
            time.sleep(0.1)


@pytest.fixture(scope="session")
def mailbox(site_folder: Path) -> Mailbox:
    return Mailbox(site_folder / "mail")


def manage_link(message: EmailMessage, base: str) -> str:
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    match = re.search(re.escape(base) + r"/manage/[^\s<>\"]+", text)
    assert match, text
    return match.group(0)
