"""A pool of eight spawned processes for the team tests, started once per session (the
imports of each process are paid once) and shared by every test that needs it."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from tests.team import workers

POOL_SIZE = 8


@pytest.fixture(scope="session")
def pool():
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(POOL_SIZE, mp_context=context) as executor:
        assert all(executor.map(workers.ready, range(POOL_SIZE)))
        yield executor
