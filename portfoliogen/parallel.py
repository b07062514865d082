"""CPU-bound work spread over all cores by forked workers."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

MIN_ITEMS = 48   # below this, starting workers costs more than it saves

_JOB: tuple[Callable, Any] | None = None


def workers() -> int:
    """Cores to use; 1 where forking is unsafe (a process with threads, such
    as the dev server, or a platform without fork)."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def forks(count: int) -> bool:
    """Whether run() spreads `count` items over forked workers: then what every item needs (a
    cache, a compiled pattern) is best made before, once, than in each worker."""
    return count >= MIN_ITEMS and workers() >= 2


# Forked workers inherit the parent's state (the resolved site, compiled templates, the Markdown
# instance), so a work unit crossing to a worker is an index and what comes back is a small result:
# nothing is re-read from disk or re-parsed.
def run(func: Callable[[Any, int], T], state: Any, count: int) -> list[T]:
    """[func(state, i) for i in range(count)], on every core when worth it."""
    if not forks(count):
        return [func(state, i) for i in range(count)]
    n = workers()
    global _JOB
    _JOB = (func, state)
    try:
        size = max(8, count // (n * 4))
        chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
        # Frozen objects are left alone by the collector, so a worker's
        # collections do not write to (and copy) the pages it shares with us.
        gc.freeze()
        with multiprocessing.get_context("fork").Pool(n, initializer=_worker_start) as pool:
            parts = pool.map(_run_chunk, chunks, chunksize=1)
    finally:
        gc.unfreeze()
        _JOB = None
    return [item for part in parts for item in part]


def _worker_start() -> None:
    gc.enable()
    # The pool ends its workers with SIGTERM; a handler inherited from the
    # parent (`serve` turns SIGTERM into KeyboardInterrupt) would print a
    # traceback for each of them.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_chunk(indices: Sequence[int]) -> list:
    func, state = _JOB
    return [func(state, i) for i in indices]
