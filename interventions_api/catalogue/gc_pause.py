"""Pause Python's cyclic garbage collector while a load builds many long-lived objects.

Reading, validating and loading 10,000 entries creates millions of objects that all live
until the load ends, and next to no reference cycles. The collector still runs every few
hundred allocations and, as the heap grows, traverses every live object in its full
collections: at 10,000 entries that cost about as much as the reading itself. Reference
counting frees everything outside cycles either way; cycles made meanwhile (an error's
traceback, say) are collected once the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Nestable; restores the collector only if it was running when entered."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
