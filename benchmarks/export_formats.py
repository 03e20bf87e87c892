"""Export formats: time and peak memory of each format against a plain orjson dump.

    .venv/bin/python benchmarks/export_formats.py [--sizes 10000,50000,100000]
        [--formats all] [--big-formats jsonl,docbin] [--json out.json]

1. Corpora: ``benchmarks/out/export-<n>.db`` for each size, made once by importing
   generated seed-like articles (``bench_common.make_article``: about 8 KB, about 47
   blocks) with annotator ``alice``'s done annotation: the three entity spans of the
   dateline and every block labelled (body if longer than 150 characters, else
   boilerplate).
2. Each export runs in a fresh child process that reports wall time, CPU time and peak
   RSS (VmHWM): ``workspace.export(out, FORMAT, "annotator:alice")`` for the single-file
   formats, and for ``docbin`` the folder export (``.spacy`` files of 1,000 Docs: a
   single DocBin holds the whole corpus in memory). The baseline, also a child of the same
   run at the same size: the same rows (documents joined with alice's annotation, JSON
   columns parsed) read with plain sqlite3 and written one ``orjson`` line each.
3. Every format runs at the smallest size; ``--big-formats`` also at the larger sizes,
   which shows whether memory stays flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_common import machine, make_article, peak_rss_mib, run_child  # noqa: E402

from annotator.core.model import Annotation, Document, DocumentMeta, Span, Status  # noqa: E402
from annotator.io.native import to_record  # noqa: E402
from annotator.io.segment import text_blocks  # noqa: E402
from annotator.workspace import FolderExportOptions, Workspace  # noqa: E402
from annotator.workspace.export_formats import all_exporters  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
MIB = 1024 * 1024
SOURCE = "annotator:alice"


def record(index: int) -> dict:
    article = make_article(index)
    blocks = text_blocks(article.text)
    document = Document(
        f"bench-{index:07d}",
        article.text,
        blocks,
        DocumentMeta(
            source="bench.jsonl",
            url=f"https://site{index % 40}.example/story/{index}",
            title=article.title,
            published=article.published,
        ),
    )
    labels = {i: "body" if b.end - b.start > 150 else "boilerplate" for i, b in enumerate(blocks)}
    annotation = Annotation(
        document.id,
        "alice",
        status=Status.DONE,
        blocks=labels,
        spans=[Span(s, e, label) for s, e, label in sorted(article.spans)],
    )
    return to_record(document, annotation)


def ensure_corpus(n: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"export-{n}.db"
    if path.exists():
        return path
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        with jsonl.open("wb", buffering=MIB) as out:
            for index in range(n):
                out.write(orjson.dumps(record(index), option=orjson.OPT_APPEND_NEWLINE))
        partial = Path(tmp) / "project.db"
        with Workspace.open(str(partial), "bench") as workspace:
            report = workspace.import_paths([jsonl])
            assert report.added == n, report
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        partial.rename(path)
    return path


# ---------------------------------------------------------------------- child processes


def baseline(db: Path, out: Path) -> int:
    """The same rows dumped with plain sqlite3 + orjson: one line per annotated document."""
    conn = sqlite3.connect(db)
    loads, dumps = orjson.loads, orjson.dumps
    query = (
        "SELECT d.id, d.text, d.blocks, d.source, d.url, d.title, d.publisher, d.published,"
        " a.source, a.status, a.blocks, a.spans, a.quotes"
        " FROM documents d JOIN annotations a ON a.document_pk = d.pk"
        " WHERE a.source = 'alice' AND a.status = 'done' ORDER BY d.pk"
    )
    n = 0
    with open(out, "wb", buffering=MIB) as f:
        for row in conn.execute(query):
            f.write(
                dumps(
                    {
                        "id": row[0],
                        "text": row[1],
                        "blocks": loads(row[2]),
                        "meta": {
                            "source": row[3],
                            "url": row[4],
                            "title": row[5],
                            "publisher": row[6],
                            "published": row[7],
                        },
                        "annotator": row[8],
                        "status": row[9],
                        "labels": loads(row[10]),
                        "spans": loads(row[11]),
                        "quotes": loads(row[12]),
                    },
                    option=orjson.OPT_APPEND_NEWLINE,
                )
            )
            n += 1
    conn.close()
    return n


def child_main(fmt: str, db: Path, out: Path) -> None:
    cpu, start = time.process_time(), time.perf_counter()
    if fmt == "baseline":
        records = baseline(db, out)
    elif fmt.startswith("docbin"):  # docbin: a process per CPU; docbin-serial: one
        options = FolderExportOptions("docbin", SOURCE, workers=1 if "serial" in fmt else 0)
        with Workspace.open(str(db), "bench") as workspace:
            report = workspace.export_folder(out, options)
            records = sum(p.records for p in report.parts.values())
    else:  # FORMAT-serial: the same export in one process
        name, serial = fmt.removesuffix("-serial"), fmt.endswith("-serial")
        with Workspace.open(str(db), "bench") as workspace:
            records = workspace.export(out, name, SOURCE, workers=1 if serial else 0).records
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the export's helper processes
    size = sum(p.stat().st_size for p in out.rglob("*")) if out.is_dir() else out.stat().st_size
    print(
        json.dumps(
            {
                "records": records,
                "wall_s": wall,
                "cpu_s": cpu,
                "peak_rss_mib": peak_rss_mib(),
                "helpers_cpu_s": children.ru_utime + children.ru_stime,
                "helper_peak_rss_mib": children.ru_maxrss / 1024,
                "bytes": size,
            }
        )
    )


def measure(fmt: str, db: Path, work: Path) -> dict:
    out = work / f"{fmt}-{db.stem}"
    result = run_child([__file__, "--child", fmt, str(db), str(out)], timeout=7200)
    if out.is_dir():
        shutil.rmtree(out)
    else:
        out.unlink(missing_ok=True)
    print(
        f"  {fmt:>10} n={result['records']:,}: {result['wall_s']:.1f} s wall,"
        f" {result['cpu_s']:.1f} s CPU, {result['peak_rss_mib']:.0f} MiB",
        file=sys.stderr,
        flush=True,
    )
    return result


def run(args: argparse.Namespace) -> dict:
    sizes = sorted(int(s) for s in args.sizes.split(","))
    names = [e.name for e in all_exporters()] if args.formats == "all" else args.formats.split(",")
    big = args.big_formats.split(",")
    results: dict = {"date": date.today().isoformat(), "machine": machine(), "sizes": {}}
    work = Path(tempfile.mkdtemp(dir=OUT if OUT.exists() else None, prefix="export-bench-"))
    try:
        for n in sizes:
            db = ensure_corpus(n)
            print(f"{n:,} documents ({db.name})", file=sys.stderr, flush=True)
            row = results["sizes"][str(n)] = {"baseline": measure("baseline", db, work)}
            for fmt in names:
                if n == sizes[0] or fmt in big:
                    row[fmt] = measure(fmt, db, work)
                    if args.json:  # figures so far, in case the run is stopped
                        args.json.write_text(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def table(results: dict) -> str:
    """CPU counts the export's helper processes too; their peak RSS is the largest one's."""
    lines = [
        "| documents | format | wall s | CPU s | wall / orjson | CPU / orjson | peak RSS MiB |"
        " helper peak RSS MiB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, row in results["sizes"].items():
        base = row["baseline"]
        for fmt, r in row.items():
            cpu = r["cpu_s"] + r.get("helpers_cpu_s", 0.0)
            helpers = r.get("helper_peak_rss_mib", 0.0)
            lines.append(
                f"| {int(n):,} | {fmt} | {r['wall_s']:.1f} | {cpu:.1f} |"
                f" {r['wall_s'] / base['wall_s']:.2f}x | {cpu / base['cpu_s']:.2f}x |"
                f" {r['peak_rss_mib']:.0f} | {f'{helpers:.0f}' if helpers else '–'} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--formats", default="all", help="comma-separated names, or all")
    parser.add_argument("--big-formats", default="jsonl,docbin", help="also run at larger sizes")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fmt, db, out = args.child
        child_main(fmt, Path(db), Path(out))
        return
    results = run(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(table(results))


if __name__ == "__main__":
    main()
