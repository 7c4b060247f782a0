"""Work off the GUI thread: a function runs on Qt's thread pool, its result comes back by signal.

Like Anki's ``QueryOp``: the work takes plain arguments and returns plain data (it never touches
a widget); ``on_done`` / ``on_failed`` run on the GUI thread. Each task has a *key*; starting a
task again under the same key makes the earlier one stale, and a stale result is dropped — so a
user clicking "next day" three times sees the third day, never the first one late.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call back to the GUI thread."""

    finished = Signal(str, int, object, object)  # key, generation, result, error


class _Job(QRunnable):
    def __init__(self, relay: _Relay, key: str, generation: int, work: Callable[[], Any]):
        super().__init__()
        self._relay, self._key, self._generation, self._work = relay, key, generation, work

    def run(self) -> None:
        try:
            result, error = self._work(), None
        except Exception as exc:  # handed to on_failed on the GUI thread
            result, error = None, exc
        self._relay.finished.emit(self._key, self._generation, result, error)


class TaskRunner(QObject):
    """Runs tasks on a thread pool (its own, so ``wait`` waits for its tasks only)."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_relay_finished)
        self._generations: dict[str, int] = {}
        self._callbacks: dict[tuple[str, int], tuple[Callable, Callable | None]] = {}
        self.dropped = 0
        """How many stale results were dropped (for tests and measurements)."""

    def run(
        self,
        key: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
    ) -> int:
        """Start ``work`` on a worker thread; returns the task's generation for ``key``."""
        generation = self._generations.get(key, 0) + 1
        self._generations[key] = generation
        self._callbacks[(key, generation)] = (on_done, on_failed)
        self._pool.start(_Job(self._relay, key, generation, work))
        return generation

    def is_current(self, key: str, generation: int) -> bool:
        return self._generations.get(key) == generation

    def pending(self) -> int:
        """Tasks started whose result has not come back yet."""
        return len(self._callbacks)

    def invalidate(self, key: str) -> None:
        """Make every task under ``key`` stale (their results will be dropped)."""
        self._generations[key] = self._generations.get(key, 0) + 1

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has run (the results still arrive through the event loop)."""
        return self._pool.waitForDone(msecs)

    def _on_relay_finished(self, key: str, generation: int, result, error) -> None:
        on_done, on_failed = self._callbacks.pop((key, generation), (None, None))
        if not self.is_current(key, generation) or on_done is None:
            self.dropped += 1
            return
        if error is None:
            on_done(result)
        elif on_failed is not None:
            on_failed(error)
        else:
            log.error("background task %s failed", key, exc_info=error)
