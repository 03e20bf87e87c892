"""Team mode: label changes per second with concurrent writers, and the latency of "next
document" with a million documents in the work queue, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/team.py [--changes 300] [--documents 1000000]
        [--backends sqlite,postgresql] [--json benchmarks/out/team.json]

1. Throughput: 1, 4 and 8 writer processes (spawned and warmed up before the clock
   starts; they start together at a set time), each making ``--changes`` label changes
   through ``Workspace.apply`` (one short transaction each), on a project of 8 documents
   of 32 blocks. "own": each writer is another annotator labelling their own annotations
   (the normal team case: no two writers touch one row). "shared": all writers edit the
   same annotator's annotations of the 8 documents, so the version check refuses stale
   writes and ``apply_with_retry`` applies them again; refusals are counted.
2. Next-document latency: ``--documents`` documents added with one bulk SQL statement
   (not the importer), ``annotator queue`` equivalent (``enable_queue``: a million slots),
   then ``Workspace.next_document()`` timed 300 times by one annotator who finishes each
   document (untimed) before asking again: at the start of the queue, and "deep", after
   90% of the slots were marked finished by bulk SQL. Median and p95.

PostgreSQL is the throwaway cluster of the tests (``tests/postgres_server.py``: fsync off,
so the figures show the work, not the disk).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_common import machine  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
LABELS = ("body", "boilerplate", "title", "byline", "caption", "heading")
DOCUMENTS, BLOCKS = 8, 32


# --------------------------------------------------------------------- writer processes
def _warm(_: int) -> bool:
    import annotator.workspace  # noqa: F401

    return True


def _writer(url: str, ids: list[str], writer: int, changes: int, shared: bool, at: float):
    from annotator.core.commands import SetBlockLabels
    from annotator.workspace import Workspace

    refusals = 0

    def refused(_conflict) -> None:
        nonlocal refusals
        refusals += 1

    with Workspace.open(url, "shared" if shared else f"writer{writer}") as ws:
        ws.my_annotation(ids[0])  # connect before the start
        while time.time() < at:
            time.sleep(0.001)
        for change in range(changes):
            doc = ids[(writer + change) % len(ids)]
            block = (writer * 4 + change) % BLOCKS
            command = SetBlockLabels({block: LABELS[change % len(LABELS)]})
            ws.apply_with_retry(doc, command, attempts=10_000, on_conflict=refused)
        return time.time(), refusals


def _seed_small(url: str) -> list[str]:
    from annotator.core.model import Block, Document
    from annotator.core.text import text_fingerprint
    from annotator.store.database import Database
    from annotator.store.documents import NewDocument, add_documents

    db = Database(url)
    batch = []
    for i in range(DOCUMENTS):
        lines = [f"Document {i}, paragraph {b} of the story." for b in range(BLOCKS)]
        text = "\n".join(lines)
        blocks, at = [], 0
        for line in lines:
            blocks.append(Block(at, at + len(line)))
            at += len(line) + 1
        batch.append(NewDocument(Document(f"t{i}", text, blocks), text_fingerprint(text)))
    with db.writing() as session:
        add_documents(session, batch)
    db.close()
    return [item.document.id for item in batch]


def throughput(pool, url_for, changes: int) -> list[dict]:
    rows = []
    for shared in (False, True):
        for writers in (1, 4, 8):
            url = url_for(f"w{writers}{'s' if shared else 'o'}")
            ids = _seed_small(url)
            at = time.time() + 2.0
            jobs = [pool.submit(_writer, url, ids, w, changes, shared, at) for w in range(writers)]
            results = [job.result() for job in jobs]
            elapsed = max(end for end, _ in results) - at
            total = writers * changes
            rows.append(
                {
                    "case": "shared" if shared else "own",
                    "writers": writers,
                    "changes": total,
                    "seconds": round(elapsed, 2),
                    "changes_per_s": round(total / elapsed, 1),
                    "refused_and_retried": sum(r for _, r in results),
                }
            )
            print(rows[-1], flush=True)
    return rows


# ------------------------------------------------------------------ a million documents
def _bulk_documents(url: str, n: int) -> float:
    """``n`` small documents in one INSERT ... SELECT (SQLite: a recursive CTE;
    PostgreSQL: generate_series)."""
    from sqlalchemy import create_engine, text

    from annotator.store.database import Database

    Database(url).close()  # the schema
    started = time.perf_counter()
    engine = create_engine(url)
    body = "'Document ' || n || ' of the queue benchmark.'"
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(
                text(
                    "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < :n) "
                    "INSERT INTO documents (id, fingerprint, text, blocks, meta_extra, imported_at)"
                    f" SELECT printf('q%07d', n), printf('%064d', n), {body},"
                    " '[[0, 40]]', '{}', '2026-11-28 00:00:00' FROM s"
                ),
                {"n": n},
            )
        else:
            conn.execute(
                text(
                    "INSERT INTO documents (id, fingerprint, text, blocks, meta_extra, imported_at)"
                    " SELECT 'q' || lpad(n::text, 7, '0'), lpad(n::text, 64, '0'), "
                    f"{body}, '[[0, 40]]'::jsonb, '{{}}'::jsonb, now()"
                    " FROM generate_series(1, :n) AS n"
                ),
                {"n": n},
            )
    engine.dispose()
    return time.perf_counter() - started


def _finish_most(url: str, share: float) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        top = conn.execute(text("SELECT max(document_pk) FROM claims")).scalar()
        conn.execute(
            text(
                "UPDATE claims SET claimant = 'bulk', claimed_at = :now, finished_at = :now"
                " WHERE queue = 'annotate' AND document_pk <= :upto AND claimant IS NULL"
            ),
            {"upto": int(top * share), "now": "2026-11-28 00:00:00"},
        )
    engine.dispose()


def _next_latencies(url: str, name: str, n: int) -> tuple[list[float], list[float]]:
    """(next_document times, times of the label change before each): the second is the
    baseline of the same run, one short write transaction."""
    from annotator.core.commands import SetStatus
    from annotator.core.model import Status
    from annotator.workspace import Workspace

    times, changes = [], []
    with Workspace.open(url, name) as ws:
        doc = ws.next_document()  # connect, warm the caches
        for _ in range(n):
            started = time.perf_counter()
            ws.apply(doc, SetStatus(Status.DONE))
            changes.append(time.perf_counter() - started)
            started = time.perf_counter()
            doc = ws.next_document(doc)
            times.append(time.perf_counter() - started)
    return times, changes


def _stats(measured: tuple[list[float], list[float]]) -> dict:
    times, changes = measured
    ordered = sorted(times)
    median = statistics.median(ordered)
    return {
        "median_ms": round(1000 * median, 2),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 2),
        "n": len(ordered),
        "label_change_median_ms": round(1000 * statistics.median(changes), 2),
        "ratio_to_label_change": round(median / statistics.median(changes), 2),
    }


def queue_latency(url: str, documents: int) -> dict:
    from annotator.workspace import Workspace

    result = {"documents": documents, "bulk_insert_s": round(_bulk_documents(url, documents), 1)}
    started = time.perf_counter()
    with Workspace.open(url, "curator") as ws:
        counts = ws.enable_queue(1)
    result["enable_queue_s"] = round(time.perf_counter() - started, 1)
    result["slots"] = counts.documents
    result["start"] = _stats(_next_latencies(url, "alice", 300))
    print(result, flush=True)
    _finish_most(url, 0.9)
    result["deep"] = _stats(_next_latencies(url, "bob", 300))
    print(result, flush=True)
    return result


# ------------------------------------------------------------------------------ main
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--json", type=Path, default=OUT / "team.json")
    parser.add_argument("--only-queue", action="store_true", help="Skip the throughput part.")
    args = parser.parse_args()
    results: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC")}
    folder = Path(tempfile.mkdtemp(prefix="annotator-team-bench-"))
    server = None
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(8, mp_context=context) as pool:
        list(pool.map(_warm, range(8)))
        for backend in args.backends.split(","):
            if backend == "sqlite":

                def url_for(name: str) -> str:
                    return f"sqlite:///{folder / name}.db"

            else:
                from tests.postgres_server import PostgresServer

                server = PostgresServer()
                if server.available:
                    print(f"PostgreSQL skipped: {server.available}")
                    continue
                server.start()
                url_for = server.create_database
            print(f"== {backend}", flush=True)
            results[backend] = {
                "throughput": [] if args.only_queue else throughput(pool, url_for, args.changes),
                "next_document": queue_latency(url_for("queue"), args.documents),
            }
    if server is not None:
        server.stop()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
