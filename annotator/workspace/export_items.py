"""The items an export writes, with their tokens for the formats that need them.

Tokenizing is most of a token format's export (4-7 ms for an 8 KB article), so with more
than one worker the documents are tokenized in helper processes, ``BATCH`` at a time,
while this process reads and writes; items still come out in the order the records came
in. An export of a single batch is tokenized here, so it never starts a process.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from annotator.core.export import Exporter, ExportItem
from annotator.core.model import Annotation, Document
from annotator.nlp.chunk_pool import ChunkPool
from annotator.nlp.tokens import offsets_uncached, packed_offsets, unpack_offsets

BATCH = 100  # documents per helper task
MAX_WORKERS = 4
Record = tuple[Document, Annotation | None]


def worker_count(requested: int) -> int:
    """``requested`` processes, or for 0 one per CPU this process may use (at most 4)."""
    if requested > 0:
        return requested
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cpus))


def item_builder(exporter: Exporter) -> Callable[[Document, Annotation | None], ExportItem]:
    """Makes the exporter's items, with the project tokenizer's tokens if it needs them."""
    if exporter.needs_tokens:
        return lambda document, annotation: ExportItem(
            document, annotation, offsets_uncached(document.text)
        )
    return ExportItem


def export_items(
    records: Iterable[Record], exporter: Exporter, workers: int = 1
) -> Iterator[tuple[Document, Annotation | None, ExportItem]]:
    """``(document, annotation, item)`` per record, in order; tokens made in ``workers``
    helper processes when the exporter needs them and there is more than one batch."""
    if not exporter.needs_tokens or workers <= 1:
        make_item = item_builder(exporter)
        for document, annotation in records:
            yield document, annotation, make_item(document, annotation)
        return
    records = iter(records)
    first = list(islice(records, BATCH))
    second = list(islice(records, BATCH))
    if not second:  # one batch: not worth a process
        yield from export_items(first, exporter, 1)
        return
    pool = ChunkPool(workers)
    pending: deque[tuple[list[Record], AsyncResult]] = deque()
    try:
        batch = first
        while batch:
            pending.append((batch, pool.submit(packed_offsets, [d.text for d, _ in batch])))
            while len(pending) > workers:
                yield from _ready(*pending.popleft())
            batch, second = second, list(islice(records, BATCH)) if second else []
        while pending:
            yield from _ready(*pending.popleft())
        pool.close()
    finally:
        pool.close(wait=False)  # after an error or a cancel: stop without waiting


def _ready(
    batch: list[Record], tokens: AsyncResult
) -> Iterator[tuple[Document, Annotation | None, ExportItem]]:
    for (document, annotation), packed in zip(batch, tokens.get(), strict=True):
        yield document, annotation, ExportItem(document, annotation, unpack_offsets(packed))
