"""What a dev-server build round leaves behind (a build a newer save stopped, the collector's
pass over the round's objects), cleared when no save is waiting on it."""

from __future__ import annotations

import gc
import threading


# A build turns the garbage collector off (build.pipeline.build: its millions of objects make few
# cycles); the build loop keeps it off for the whole round and lets it pass once the round's frames
# are gone (after a stopped build ~1,000 objects, 2-3 ms). When a newer save is already waiting,
# that pass and the freeing of the build it stopped (its frames, held by the Cancelled exception:
# ~10 ms at 1,000 case studies, while the newer build waited) are left until the newer save's page
# has been served: `served` runs them in that request's thread once its answer is sent (run by the
# build thread as soon as the page was in place, neither lets go of the interpreter, and the page's
# request waited for them). Failing that, the next round's end clears them. Only one round's
# leftovers wait so: a second round's are cleared at once.
class Leftovers:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._stopped: BaseException | None = None   # a stopped build's exception, with its frames
        self._waiting = False                       # a round's leftovers are not cleared yet
        self._on_serve: int | None = None           # ... and the epoch that put a newer save's pages in place

    def keep(self, stopped: BaseException) -> None:
        """A build stopped by a newer save: free it later."""
        with self._lock:
            self._stopped = stopped

    def round_ended(self, save_waiting: bool) -> bool:
        """At the end of a round, with the collector still off: True when it was cleared (turn
        the collector back on), False when left for the newer save waiting."""
        with self._lock:
            if self._waiting or not save_waiting:
                self.clear()
                return True
            self._waiting, self._on_serve = True, None
            return False

    def shown(self, epoch: int) -> None:
        """The newer save's pages are in place, announced as `epoch`: clear once one is served."""
        with self._lock:
            self._on_serve = epoch if self._waiting else None

    def served(self, epoch: int) -> None:
        """A page of `epoch` was sent (called from its request's thread). A request that took
        its snapshot before the pages were in place is not the one the writer waits for."""
        on_serve = self._on_serve
        if on_serve is not None and epoch >= on_serve:
            self.clear()

    def clear(self) -> None:
        """Free the stopped build and let the collector pass (what it would do at its next
        allocation: the oldest generation it walks by itself, as ever)."""
        with self._lock:
            self._stopped = None
            self._waiting, self._on_serve = False, None
            gc.collect(1 if gc.get_count()[1] >= gc.get_threshold()[1] else 0)
