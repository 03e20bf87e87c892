"""Helper processes for work cut into independent chunks (export tokenizing, DocBin
chunks), started with "spawn" only when the first chunk is submitted."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any


class ChunkPool:
    """A pool of ``workers`` processes, shared by everything one export runs (the DocBin
    writers of every split part, the tokenizing of a token format)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._executor: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        return self._executor is not None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))
        return self._executor.submit(fn, *args)

    def close(self, wait: bool = True) -> None:
        """Stop the processes; chunks not yet started are dropped. ``wait=False`` (after an
        error or a cancel) returns at once and lets running chunks end on their own."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None
