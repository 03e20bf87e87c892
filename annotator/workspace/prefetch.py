"""Reading ahead in a helper thread: the database driver fetches the next pages (the
SQLite and PostgreSQL drivers release the interpreter lock while they wait) while the
caller computes on the current one, so a long read and the work on it overlap on two
cores."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_END = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def prefetched(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """The items of ``items``, produced by a helper thread up to ``depth`` ahead. Only
    the helper touches ``items`` (and the session behind it) until it has finished, which
    this generator waits for before it returns, also when the caller stops early or an
    error is raised on either side."""
    ready: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    break
                ready.put(item)
        except BaseException as exc:  # handed to the caller, raised there
            ready.put(_Failed(exc))
            return
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()
        ready.put(_END)

    helper = threading.Thread(target=produce, name="prefetch", daemon=True)
    helper.start()
    try:
        while True:
            item = ready.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        while helper.is_alive():  # let a blocked put through so the helper can end
            try:
                ready.get_nowait()
            except queue.Empty:
                helper.join(0.01)
