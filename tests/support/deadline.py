"""Run a call that may hang, and say how long it took (or that it did not come back)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def within(seconds: float, call: Callable[[], T]) -> tuple[T, float]:
    """``call()``'s result and duration; fails the test if it has not returned after
    ``seconds`` (the call is left running in a daemon thread: that is the bug shown)."""
    outcome: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as error:
            errors.append(error)

    started = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    elapsed = time.monotonic() - started
    if worker.is_alive():
        raise AssertionError(f"no answer after {seconds:.0f} s: it hangs")
    if errors:
        raise errors[0]
    return outcome[0], elapsed
