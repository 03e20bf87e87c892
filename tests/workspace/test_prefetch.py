"""Reading ahead in a helper thread: same items, errors raised in the caller, and the
source closed whether it ends, fails or the caller stops early."""

from __future__ import annotations

import threading

import pytest

from annotator.workspace.prefetch import prefetched


class Source:
    def __init__(self, n: int, fail_at: int | None = None) -> None:
        self.n, self.fail_at = n, fail_at
        self.closed = threading.Event()
        self.threads: set[str] = set()

    def __iter__(self):
        return self._items()

    def _items(self):
        try:
            for i in range(self.n):
                self.threads.add(threading.current_thread().name)
                if i == self.fail_at:
                    raise ValueError(f"bad page {i}")
                yield i
        finally:
            self.closed.set()


def test_the_items_arrive_in_order_from_the_helper_thread():
    source = Source(50)
    assert list(prefetched(iter(source), depth=3)) == list(range(50))
    assert source.threads == {"prefetch"} and source.closed.is_set()


def test_an_error_in_the_source_is_raised_in_the_caller():
    source = Source(10, fail_at=4)
    got = []
    with pytest.raises(ValueError, match="bad page 4"):
        for item in prefetched(iter(source)):
            got.append(item)
    assert got == [0, 1, 2, 3] and source.closed.is_set()


def test_stopping_early_ends_the_helper_and_closes_the_source():
    source = Source(1000)
    items = prefetched(iter(source), depth=2)
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    items.close()
    assert source.closed.wait(5)
    assert not any(t.name == "prefetch" for t in threading.enumerate())
