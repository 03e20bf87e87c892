"""The document list ordered least confident first, against import order, on a big project.

Uses ``benchmarks/out/corpus-<N>.db`` (make_corpus.py; 30% of the documents have
suggestions), copied, with a document confidence written into every suggestions row as
pre-annotation writes it. Times, as medians of 7 runs in the same process: the first
page (200 rows), a page in the middle (offset N/2), the row of a document (what the list
does to select the open document) and the count, in import order and least confident
first; and reports the ratios.

    uv run python benchmarks/uncertain_order.py [--docs 100000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import make_corpus  # noqa: E402
from bench_common import machine  # noqa: E402
from sqlalchemy import text  # noqa: E402

from annotator.workspace import Workspace  # noqa: E402
from annotator.workspace.listing import DocumentFilter  # noqa: E402

REPEAT = 7


class _InProcess:
    """make_corpus's worker pool, run in this process (Block's empty features, a
    mappingproxy, cannot be pickled to pool workers)."""

    def __init__(self, _processes: int) -> None:
        pass

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def imap(self, function, items, chunksize: int = 1):
        return map(function, items)


def _median_ms(run) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args()
    make_corpus.multiprocessing.Pool = _InProcess
    source = make_corpus.ensure_corpus(args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.db"
        shutil.copy(source, path)
        with Workspace.open(f"sqlite:///{path}", "alice") as ws:
            with ws.db.writing() as session:
                session.execute(
                    text(
                        "UPDATE annotations SET meta = json_set(meta, '$.block_confidence', "
                        "0.5 + (abs(random()) % 5000) / 10000.0) WHERE source = 'suggestions'"
                    )
                )
                session.execute(  # the column pre-annotation writes with it (migration 0006)
                    text(
                        "UPDATE annotations SET confidence = json_extract(meta, "
                        "'$.block_confidence') WHERE source = 'suggestions'"
                    )
                )
            middle_id = ws.list_documents(DocumentFilter(), args.docs // 2, 1)[0].id
            print(f"{machine()}; {args.docs:,} documents; medians of {REPEAT} runs (ms)")
            print(f"{'':28} {'import order':>13} {'least confident':>16} {'ratio':>6}")
            for name, run in (
                ("first page (200 rows)", lambda w: ws.list_documents(w, 0, 200)),
                ("page at offset N/2", lambda w: ws.list_documents(w, args.docs // 2, 200)),
                ("row of a document", lambda w: ws.document_row(middle_id, w)),
                ("count", lambda w: ws.document_count(w)),
            ):
                plain = _median_ms(lambda run=run: run(DocumentFilter()))
                uncertain = _median_ms(lambda run=run: run(DocumentFilter(order="uncertain")))
                print(f"{name:28} {plain:13.1f} {uncertain:16.1f} {uncertain / plain:6.1f}")


if __name__ == "__main__":
    main()
