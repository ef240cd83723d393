"""What a ticket (QR code) adds to a reminder: drawing it, and the message with and without it.

Run with `make bench-tickets`. It prints figures; it asserts nothing. The confirmation
carries no ticket because a newsletter rush composes thousands of confirmations at once;
reminders go out in the quiet, spread over the day before each session.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from business_corner.services.mail.compose import InlineImage, build_message
from business_corner.services.tickets import ticket_png, ticket_svg

RUNS = 300
#: As long as a real check-in address (site, path and a signed token).
ADDRESS = "https://business-corner.example.org/organiser/check-in/MTIzNDU.aXw8Kq.3kdPq8Zv2N9xL1mT0rYw-QbE5sF"


def per_call_ms(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds, over ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def message(with_ticket: bool) -> bytes:
    from datetime import UTC, datetime

    images = [InlineImage("ticket@x", ticket_png(ADDRESS), "ticket.png")] if with_ticket else []
    return build_message(
        sender="Business corner <no-reply@x.org>",
        recipient="ana@example.com",
        recipient_name="Ana Martin",
        reply_to="marseille@x.org",
        subject="Reminder",
        text="Hello\n" * 40,
        html="<p>Hello</p>" * 40,
        locale="en",
        now=datetime.now(UTC),
        inline_images=images,
    ).as_bytes()


def main() -> None:
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    png = ticket_png(ADDRESS)
    print(f"ticket PNG: {len(png)} bytes; SVG: {len(ticket_svg(ADDRESS))} bytes")
    for name, action in (
        ("draw the ticket (PNG)", lambda: ticket_png(ADDRESS)),
        ("draw the ticket (SVG, the attendee's page)", lambda: ticket_svg(ADDRESS)),
        ("build a message without a ticket", lambda: message(False)),
        ("build a message with the ticket", lambda: message(True)),
    ):
        median, p95 = per_call_ms(action)
        print(f"{name}: median {median:.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
