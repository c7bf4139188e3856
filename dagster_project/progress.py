"""How far a long step is: items done of the total, the rate, and the time left.

A step reports through `Progress`, which writes to the run's log (what the Dagster UI shows) at
most every few seconds and once at the end. `koperasi run` executes the run in its own process
and also wants the lines on its terminal, where the run's log is kept to warnings: it
registers a listener with `listen`, and every report reaches it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_listeners: list[Callable[[str], None]] = []


@contextmanager
def listen(listener: Callable[[str], None]) -> Iterator[None]:
    """Every progress line reported in this process while inside the block also goes to `listener`."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """`progress(done, total, size)` after each item; a line every `every_s` seconds and at the end."""

    def __init__(self, what: str, log: Callable[[str], None], every_s: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.what, self.log, self.every_s, self.clock = what, log, every_s, clock
        self.started = self.last = clock()

    def line(self, done: int, total: int, size: int, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        left = (total - done) / rate if rate else float("inf")
        share = 100 * done / total if total else 100.0
        return (f"{self.what}: {done} / {total} ({share:.0f} %), {rate:.0f}/s, {size / 1e6 / elapsed:.2f} MB/s, "
                + (f"about {_duration(left)} left" if done < total else f"done in {_duration(elapsed)}"))

    def __call__(self, done: int, total: int, size: int) -> None:
        now = self.clock()
        if done < total and now - self.last < self.every_s:
            return
        self.last = now
        message = self.line(done, total, size, now)
        self.log(message)
        for listener in list(_listeners):
            listener(message)
