"""Import and native-export throughput and memory, against plain sqlite3 + orjson baselines.

    .venv/bin/python benchmarks/import_export.py [--n 20000] [--json out.json] [--quick]

What it does (issue 2, "Benchmark"):

1. Writes ``--n`` generated seed-like articles (about 8 KB, about 47 blocks, three entity
   spans each: PERSON, ORG, GPE of the dateline, as annotator ``alice``'s done annotation)
   as native JSONL records (DESIGN.md), built with ``annotator.io.native.to_record``.
2. Our import: ``Workspace.open(db, "bench").import_paths([jsonl])`` on a fresh SQLite
   file, median of ``--repeat`` runs. Baselines, same run: the same (id, text) pairs
   inserted with ``sqlite3.executemany`` into a fresh WAL file database, one transaction
   (texts already in memory), and the same again reading and parsing the JSONL file.
3. Our export: ``workspace.export(out, "jsonl", "all")``, median of ``--repeat``; baseline:
   the same rows (documents joined with their annotation rows, JSON columns parsed) read
   from our project database with plain sqlite3 and dumped one orjson line per row; for
   reference also ``SELECT id, text`` alone. The export must give back the imported file
   byte for byte.
4. Memory, each in a fresh subprocess (peak RSS, ``ru_maxrss``): export of 5,000 vs --n
   vs 2 x --n documents, and import of a ~200 MB JSONL file vs a 5,000-document import.

``--profile`` adds a cProfile of one import and one export (top functions by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_common import (  # noqa: E402
    machine,
    make_article,
    median_seconds,
    peak_rss_mib,
    run_child,
)

from annotator.core.model import Annotation, Document, DocumentMeta, Span, Status  # noqa: E402
from annotator.io.native import to_record  # noqa: E402
from annotator.io.segment import text_blocks  # noqa: E402
from annotator.workspace import Workspace  # noqa: E402

ANNOTATOR = "alice"
TARGET_IMPORT = 3.0
TARGET_EXPORT = 2.0
TARGET_MEMORY = 1.2
MIB = 1024 * 1024


# --------------------------------------------------------------------------- the corpus


def article_record(index: int) -> dict:
    article = make_article(index)
    document = Document(
        f"bench-{index:07d}",
        article.text,
        text_blocks(article.text),
        DocumentMeta(
            source="bench.jsonl",
            url=f"https://news.example.org/story/{index}",
            title=article.title,
            publisher="Example News",
            published=article.published,
        ),
    )
    annotation = Annotation(
        document.id,
        ANNOTATOR,
        status=Status.DONE,
        spans=[Span(s, e, label) for s, e, label in sorted(article.spans)],
    )
    return to_record(document, annotation)


def write_corpus(path: Path, indexes: Iterable[int], max_bytes: int | None = None) -> int:
    """Stream records to ``path`` (never more than one in memory); returns the count."""
    count = 0
    with open(path, "wb", buffering=MIB) as out:
        for index in indexes:
            out.write(orjson.dumps(article_record(index)))
            out.write(b"\n")
            count += 1
            if max_bytes is not None and out.tell() >= max_bytes:
                break
    return count


def head_lines(src: Path, dst: Path, n: int) -> None:
    with open(src, "rb") as f, open(dst, "wb") as out:
        for _, line in zip(range(n), f, strict=False):
            out.write(line)


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    with open(path, "rb") as f:
        for line in f:
            record = orjson.loads(line)
            pairs.append((record["id"], record["text"]))
    return pairs


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(MIB):
            digest.update(chunk)
    return digest.hexdigest()


# ----------------------------------------------------------------------- what is timed


def our_import(db: Path, paths: list[Path]) -> int:
    with Workspace.open(str(db), "bench") as workspace:
        report = workspace.import_paths(paths)
    if not report.ok:
        raise RuntimeError(f"import failed: {report.rejected[:3]}")
    return report.added


def our_export(db: Path, out: Path) -> int:
    with Workspace.open(str(db), "bench") as workspace:
        return workspace.export(out, "jsonl", "all").records


def _baseline_db(db: Path) -> sqlite3.Connection:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")  # what our engine sets too
    conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, text TEXT)")
    return conn


def baseline_insert(db: Path, pairs: list[tuple[str, str]]) -> None:
    """The issue's import baseline: the texts, already in memory, in one executemany."""
    conn = _baseline_db(db)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents (id, text) VALUES (?, ?)", pairs)
    conn.execute("COMMIT")
    conn.close()


def baseline_fts_insert(db: Path, pairs: list[tuple[str, str]]) -> None:
    """The executemany baseline plus the full-text index our schema keeps (migration 0002:
    FTS5 with external content, filled by a trigger), to show what that index costs."""
    conn = _baseline_db(db)
    conn.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='documents',"
        " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', detail='none')"
    )
    conn.execute(
        "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
        " INSERT INTO documents_fts(rowid, text) VALUES (new.rowid, new.text); END"
    )
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents (id, text) VALUES (?, ?)", pairs)
    conn.execute("COMMIT")
    conn.close()


def baseline_file_insert(db: Path, jsonl: Path) -> None:
    """The same, reading and parsing the JSONL file as it goes (streamed)."""
    conn = _baseline_db(db)

    def pairs():
        with open(jsonl, "rb") as f:
            for line in f:
                record = orjson.loads(line)
                yield record["id"], record["text"]

    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents (id, text) VALUES (?, ?)", pairs())
    conn.execute("COMMIT")
    conn.close()


def baseline_export(db: Path, out: Path) -> int:
    """The issue's export baseline: the same rows (every document with its annotation
    rows, JSON columns parsed) read with plain sqlite3 and dumped one orjson line each."""
    conn = sqlite3.connect(db)
    n = 0
    query = (
        "SELECT d.id, d.text, d.blocks, d.source, d.url, d.title, d.publisher, d.published,"
        " d.meta_extra, a.source, a.status, a.blocks, a.spans, a.quotes"
        " FROM documents d LEFT JOIN annotations a ON a.document_pk = d.pk"
        " ORDER BY d.pk, a.source"
    )
    loads = orjson.loads
    with open(out, "wb", buffering=MIB) as f:
        for row in conn.execute(query):
            record = {
                "id": row[0],
                "text": row[1],
                "blocks": loads(row[2]),
                "meta": {
                    "source": row[3],
                    "url": row[4],
                    "title": row[5],
                    "publisher": row[6],
                    "published": row[7],
                    **loads(row[8]),
                },
                "annotator": row[9],
                "status": row[10],
                "labels": loads(row[11]) if row[11] else [],
                "spans": loads(row[12]) if row[12] else [],
                "quotes": loads(row[13]) if row[13] else [],
            }
            f.write(orjson.dumps(record))
            f.write(b"\n")
            n += 1
    conn.close()
    return n


def thin_export(db: Path, out: Path) -> int:
    """For reference only: ``SELECT id, text`` dumped, the least any export must do."""
    conn = sqlite3.connect(db)
    n = 0
    with open(out, "wb", buffering=MIB) as f:
        for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY pk"):
            f.write(orjson.dumps({"id": doc_id, "text": text}))
            f.write(b"\n")
            n += 1
    conn.close()
    return n


def fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


# ------------------------------------------------------------------- child processes


def child_main(args: argparse.Namespace) -> None:
    """One measured operation in a fresh interpreter; prints its figures as JSON."""
    db = Path(args.db)
    start = time.perf_counter()
    if args.child == "import":
        docs = our_import(db, [Path(p) for p in args.paths])
    elif args.child == "export":
        docs = our_export(db, Path(args.out))
    elif args.child == "baseline-export":
        docs = baseline_export(db, Path(args.out))
    else:  # "idle": the interpreter with the workspace loaded and a project open
        with Workspace.open(str(db), "bench"):
            docs = 0
    seconds = time.perf_counter() - start
    print(json.dumps({"docs": docs, "seconds": seconds, "peak_rss_mib": peak_rss_mib()}))


def child(kind: str, db: Path, *, paths: list[Path] = (), out: Path | None = None) -> dict:
    args = [__file__, "--child", kind, "--db", str(db)]
    if paths:
        args += ["--paths", *map(str, paths)]
    if out is not None:
        args += ["--out", str(out)]
    return run_child(args)


# ---------------------------------------------------------------------------- profile


def profile(label: str, run) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    buf = io.StringIO()
    stats = pstats.Stats(profiler, stream=buf)
    buf.write(f"\n==== {label}: top 25 by own time ====\n")
    stats.sort_stats("tottime").print_stats(25)
    buf.write(f"\n==== {label}: top 25 by cumulative time ====\n")
    stats.sort_stats("cumulative").print_stats(25)
    return buf.getvalue()


# ------------------------------------------------------------------------------- main


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> dict:
    n = args.n
    work = Path(args.workdir or tempfile.mkdtemp(prefix="annotator-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "date": date.today().isoformat(),
        "machine": machine(),
        "command": " ".join(["benchmarks/import_export.py", *sys.argv[1:]]),
        "n": n,
        "repeat": args.repeat,
    }
    try:
        corpus = work / "corpus.jsonl"
        log(f"writing {n} articles to {corpus} ...")
        t0 = time.perf_counter()
        write_corpus(corpus, range(n))
        size = corpus.stat().st_size
        pairs = read_pairs(corpus)
        text_bytes = sum(len(t.encode("utf-8")) for _, t in pairs)
        results["corpus"] = {
            "records": n,
            "file_mib": size / MIB,
            "mean_text_bytes": text_bytes / n,
            "spans_per_doc": 3,
            "generate_seconds": time.perf_counter() - t0,
        }
        log(f"  {size / MIB:.1f} MiB, {text_bytes / n:.0f} B text/doc")

        # -- import
        db = work / "project.sqlite"
        log("our import ...")
        added: list[int] = []
        results["import"] = median_seconds(
            lambda: added.append(our_import(db, [corpus])), args.repeat, lambda: fresh(db)
        )
        assert added and all(a == n for a in added), added

        base_db = work / "baseline.sqlite"
        log("baseline import (executemany, texts in memory) ...")
        results["baseline_import"] = median_seconds(
            lambda: baseline_insert(base_db, pairs), args.repeat
        )
        log("baseline import (executemany + FTS5 index, for reference) ...")
        results["baseline_fts_import"] = median_seconds(
            lambda: baseline_fts_insert(base_db, pairs), args.repeat
        )
        log("baseline import (reading the JSONL file + executemany) ...")
        results["baseline_file_import"] = median_seconds(
            lambda: baseline_file_insert(base_db, corpus), args.repeat
        )
        pairs.clear()

        # -- export (the project database of the last import run)
        out = work / "export.jsonl"
        log("our export ...")
        results["export"] = median_seconds(lambda: our_export(db, out), args.repeat)
        results["round_trip_identical"] = sha256(out) == sha256(corpus)
        base_out = work / "baseline-export.jsonl"
        log("baseline export (sqlite3, the same rows + orjson) ...")
        results["baseline_export"] = median_seconds(
            lambda: baseline_export(db, base_out), args.repeat
        )
        results["thin_export"] = median_seconds(
            lambda: thin_export(db, work / "thin.jsonl"), args.repeat
        )
        results["export_file_mib"] = out.stat().st_size / MIB
        results["baseline_export_file_mib"] = base_out.stat().st_size / MIB

        if args.profile:
            profiled = work / "profiled.sqlite"
            fresh(profiled)
            text = profile("import", lambda: our_import(profiled, [corpus]))
            text += profile("export", lambda: our_export(profiled, work / "profiled.jsonl"))
            (work / "profile.txt").write_text(text, encoding="utf-8")
            results["profile_file"] = str(work / "profile.txt")
            print(text)

        if not args.no_memory:
            results["memory"] = memory(work, corpus, db, n, args)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    return results


def memory(work: Path, corpus: Path, db20: Path, n: int, args: argparse.Namespace) -> dict:
    small_n = args.small
    mem: dict = {}
    idle_db = work / "idle.sqlite"
    fresh(idle_db)
    mem["idle"] = child("idle", idle_db)

    small_jsonl = work / f"corpus-{small_n}.jsonl"
    head_lines(corpus, small_jsonl, small_n)
    small_db = work / f"project-{small_n}.sqlite"
    fresh(small_db)
    log(f"memory: import of {small_n} documents (subprocess) ...")
    mem["import_small"] = child("import", small_db, paths=[small_jsonl])
    log(f"memory: export of {small_n} / {n} documents (subprocesses) ...")
    mem["export_small"] = child("export", small_db, out=work / "mem-small.jsonl")
    mem["export_n"] = child("export", db20, out=work / "mem-n.jsonl")
    mem["baseline_export_n"] = child("baseline-export", db20, out=work / "mem-base.jsonl")

    if not args.no_double:
        second = work / "corpus-second.jsonl"
        log(f"memory: writing {n} more articles for a {2 * n}-document project ...")
        write_corpus(second, range(n, 2 * n))
        db40 = work / "project-double.sqlite"
        fresh(db40)
        log(f"memory: import of {2 * n} documents, export of them (subprocesses) ...")
        mem["import_double"] = child("import", db40, paths=[corpus, second])
        mem["export_double"] = child("export", db40, out=work / "mem-double.jsonl")
        second.unlink()

    big = work / "big.jsonl"
    log(f"memory: writing a {args.big_mb} MB JSONL file (streamed) ...")
    big_n = write_corpus(big, range(10_000_000, 20_000_000), max_bytes=args.big_mb * 1_000_000)
    mem["big_file"] = {"records": big_n, "mib": big.stat().st_size / MIB}
    big_db = work / "project-big.sqlite"
    fresh(big_db)
    log(f"memory: import of the big file, {big_n} records (subprocess) ...")
    mem["import_big"] = child("import", big_db, paths=[big])
    return mem


# ------------------------------------------------------------------------------ report


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def verdict(value: float, target: float) -> str:
    return "PASS" if value <= target else "MISS"


def table(r: dict) -> str:
    n = r["n"]
    imp, b_imp, b_file = r["import"], r["baseline_import"], r["baseline_file_import"]
    exp, b_exp = r["export"], r["baseline_export"]

    def timing(label: str, t: dict) -> str:
        return (
            f"| {label} | {t['median_s']:.2f} | {t['median_cpu_s']:.2f}"
            f" | {n / t['median_s']:,.0f} | | |"
        )

    def ratios(label: str, ours: dict, base: dict, target: float) -> str:
        wall = ratio(ours["median_s"], base["median_s"])
        cpu = ratio(ours["median_cpu_s"], base["median_cpu_s"])
        return (
            f"| {label} | {wall:.2f}x | {cpu:.2f}x | | <= {target:g}x"
            f" | {verdict(wall, target)} (wall) |"
        )

    lines = [
        f"| {n:,} documents, median of {r['repeat']} | wall s | CPU s | docs/s (wall)"
        " | target | verdict |",
        "|---|---:|---:|---:|---|---|",
        timing("import: ours (Workspace.import_paths)", imp),
        timing("import baseline: executemany, texts in memory", b_imp),
        timing("import baseline: read JSONL + executemany", b_file),
        *(
            [
                timing(
                    "(reference) executemany + FTS5 index as in our schema",
                    r["baseline_fts_import"],
                )
            ]
            if "baseline_fts_import" in r
            else []
        ),
        ratios("import ratio vs executemany", imp, b_imp, TARGET_IMPORT),
        ratios("import ratio vs read JSONL + executemany", imp, b_file, TARGET_IMPORT),
        timing("export: ours (Workspace.export jsonl all)", exp),
        timing("export baseline: sqlite3, the same rows + orjson", b_exp),
        *(
            [timing("(reference) sqlite3 SELECT id, text + orjson", r["thin_export"])]
            if "thin_export" in r
            else []
        ),
        ratios("export ratio vs baseline", exp, b_exp, TARGET_EXPORT),
    ]
    mem = r.get("memory")
    if mem:
        lines += [
            "",
            "| peak RSS, fresh subprocess each | documents | MiB | seconds | ratio | target |",
            "|---|---:|---:|---:|---:|---|",
            f"| interpreter + workspace, project open (idle) | 0 | "
            f"{mem['idle']['peak_rss_mib']:.0f} | | | |",
        ]
        small = mem["export_small"]["peak_rss_mib"]
        for key, label in (
            ("export_small", "export"),
            ("export_n", "export"),
            ("export_double", "export"),
        ):
            if key in mem:
                m = mem[key]
                rat = ratio(m["peak_rss_mib"], small)
                tgt = "" if key == "export_small" else f"<= {TARGET_MEMORY:g} {verdict(rat, 1.2)}"
                lines.append(
                    f"| {label} | {m['docs']:,} | {m['peak_rss_mib']:.0f} | {m['seconds']:.2f}"
                    f" | {rat:.2f} | {tgt} |"
                )
        m = mem["baseline_export_n"]
        lines.append(
            f"| baseline export (sqlite3 + orjson) | {m['docs']:,} | {m['peak_rss_mib']:.0f}"
            f" | {m['seconds']:.2f} | | |"
        )
        small_imp = mem["import_small"]["peak_rss_mib"]
        for key, label in (
            ("import_small", "import"),
            ("import_double", "import (two files)"),
            ("import_big", f"import of a {mem['big_file']['mib']:.0f} MiB JSONL file"),
        ):
            if key in mem:
                m = mem[key]
                rat = ratio(m["peak_rss_mib"], small_imp)
                lines.append(
                    f"| {label} | {m['docs']:,} | {m['peak_rss_mib']:.0f} | {m['seconds']:.2f}"
                    f" | {rat:.2f} | {'' if key == 'import_small' else 'bounded'} |"
                )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="documents (default 20000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per median (default 3)")
    parser.add_argument("--small", type=int, default=5_000, help="small size for memory runs")
    parser.add_argument("--big-mb", type=int, default=200, help="size of the big JSONL (MB)")
    parser.add_argument("--json", help="write the results here as JSON")
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes, 1 run")
    parser.add_argument("--no-memory", action="store_true", help="skip the subprocess runs")
    parser.add_argument("--no-double", action="store_true", help="skip the 2 x n export run")
    parser.add_argument("--profile", action="store_true", help="cProfile one import/export")
    parser.add_argument("--workdir", help="work here instead of a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--paths", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args)
        return
    if args.quick:
        args.n, args.repeat, args.small, args.big_mb = 1_000, 1, 250, 10
    results = run(args)
    print(
        f"\n{results['date']} · {results['machine']['cpus']} CPUs ({results['machine']['cpu']})"
        f" · Python {results['machine']['python']} · SQLite {results['machine']['sqlite']}"
    )
    c = results["corpus"]
    print(
        f"corpus: {c['records']:,} records, {c['file_mib']:.0f} MiB JSONL,"
        f" {c['mean_text_bytes']:.0f} B of text per document, 3 entity spans each;"
        f" round trip identical: {results['round_trip_identical']}\n"
    )
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
