"""Helper processes for work cut into independent chunks (export tokenizing, DocBin
chunks), started with "spawn" only when the first chunk is submitted."""

from __future__ import annotations

import signal
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.pool import AsyncResult, Pool
from typing import Any


class ChunkPool:
    """A pool of ``workers`` processes, shared by everything one export runs (the DocBin
    writers of every split part, the tokenizing of a token format). ``submit`` returns
    an ``AsyncResult``: ``.get()`` waits for the chunk and raises what the helper raised.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: Pool | None = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def submit(self, fn: Callable[..., Any], *args: Any) -> AsyncResult:
        if self._pool is None:
            self._pool = get_context("spawn").Pool(self.workers, _ignore_interrupts)
        return self._pool.apply_async(fn, args)

    def close(self, wait: bool = True) -> None:
        """Stop the processes. ``wait=False`` (after an error, a cancel or Ctrl+C) kills
        them at once, chunks still running included: nothing of theirs is wanted."""
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        if wait:
            pool.close()
        else:
            pool.terminate()
        pool.join()


def _ignore_interrupts() -> None:
    """Ctrl+C is for the main process, which stops the helpers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
