"""Screenshots of the main pages at phone and desktop widths, in French and in English.

Run with `make screenshots`: it starts the application on a temporary database with the demo
data, drives Debian's Chromium through every page of the tour (tests/support/tour.py) and
writes docs/screenshots/<page>-<language>-<phone|desktop>.png.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from business_corner import create_app  # noqa: E402
from business_corner.extensions import db  # noqa: E402
from tests.support.browser import (  # noqa: E402
    DESKTOP,
    PHONE,
    chromium_missing_reason,
    launch_chromium,
    live_settings,
    serving,
)
from tests.support.tour import TOUR, demo_site, open_page  # noqa: E402

OUTPUT = ROOT / "docs" / "screenshots"
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def shrink(png: Path) -> None:
    """Fewer colours, a third of the size, the same look: with pngquant when installed
    (apt-get install pngquant); otherwise the file stays as Chromium wrote it."""
    if shutil.which("pngquant"):
        subprocess.run(
            [
                "pngquant",
                "--force",
                "--skip-if-larger",
                "--strip",
                "--quality=70-95",
                "--output",
                str(png),
                str(png),
            ],
            check=False,
        )


def main(only: set[str]) -> int:
    """Every stop of the tour, or only the stops named (``--only check-in``): pages added
    later get their screenshots without the others' files being written again."""
    reason = chromium_missing_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        settings = live_settings(Path(folder))
        app = create_app(settings)
        with serving(settings) as base, sync_playwright() as playwright:
            site = demo_site(app, base)
            for language in ("fr", "en"):
                browser = launch_chromium(playwright, language)
                for width_name, viewport in WIDTHS.items():
                    pages = {
                        role: open_page(browser, site, language, viewport, organiser=role)
                        for role in (False, True)
                    }
                    for stop in TOUR:
                        if not stop.screenshot or (only and stop.name not in only):
                            continue
                        page = pages[stop.organiser]
                        stop.visit(page, site)
                        target = OUTPUT / f"{stop.name}-{language}-{width_name}.png"
                        page.screenshot(path=str(target), full_page=True)
                        shrink(target)
                        print(target.relative_to(ROOT))
                    for page in pages.values():
                        page.context.close()
                browser.close()
        with app.app_context():
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", default=[], help="the tour stops to photograph")
    sys.exit(main(set(parser.parse_args().only)))
