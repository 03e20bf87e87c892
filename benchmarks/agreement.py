"""Agreement over a large corpus: 100,000 documents, three annotators each.

    .venv/bin/python benchmarks/agreement.py [--docs 100000] [--repeat 3] [--json out.json]
        [--what read,agreement,disagreements] [--baseline DIR]

1. Generates (once) ``benchmarks/out/agreement-<docs>.db``: the seed-like articles of
   ``make_corpus.corpus_document`` (about 8 KB, 30-50 blocks), each with the done
   annotations of ``alice``, ``bob`` and ``carol``, stored through
   ``annotator.store.documents.add_documents``. The annotators start from one "true"
   labelling (block labels from the article's structure, its three dateline entity spans,
   one quote with its speaker) and each deviates independently: 5% of block labels
   changed to another label, 5% of spans dropped and 5% shifted by a character, 10% of
   speakers dropped.
2. Times ``Workspace.agreement()`` (the whole report: blocks per label and pair, Fleiss,
   Krippendorff, entities and quotes per pair and label, per-document figures) in a fresh
   process per run, median of ``--repeat``; the same process records its peak RSS (VmHWM).
   Also times reading alone (``store.reviewing.iter_finished_pages``), ``disagreements()``
   (every document in detail) and ``queue``: ``disagreements(limit=100)`` (every document
   scored, the 100 worst in detail).
3. With ``--baseline DIR`` (a tree of an earlier commit, e.g. ``git archive COMMIT | tar -x
   -C DIR``), the same agreement measurement runs with that tree's code, alternating with
   this tree's runs, so the ratio compares the two under the same machine load. The
   1-minute load average is recorded around every run (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_common import machine, make_article, peak_rss_mib, run_child  # noqa: E402
from make_corpus import corpus_document  # noqa: E402

from annotator.core.model import (  # noqa: E402
    Annotation,
    Block,
    Document,
    Quote,
    Range,
    Span,
    Status,
)
from annotator.core.text import text_fingerprint  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
ANNOTATORS = ("alice", "bob", "carol")
LABELS = ("body", "boilerplate", "title", "byline", "caption", "heading")
BATCH = 1000


def _truth(index: int):
    doc = corpus_document(index)
    article = make_article(index)
    labels = {}
    for i, block in enumerate(doc.blocks):
        text = doc.text[block.start : block.end]
        if i == 1:
            labels[i] = "title"
        elif text.startswith("By "):
            labels[i] = "byline"
        elif "(AP Photo/" in text:
            labels[i] = "caption"
        elif len(text) > 160:
            labels[i] = "body"
        elif 5 < len(text) < 40 and text.istitle() and i > 8:
            labels[i] = "heading"
        else:
            labels[i] = "boilerplate"
    spans = [Span(s, e, label) for s, e, label in article.spans]
    person = next(s for s in spans if s.label == "PERSON")
    body = [doc.blocks[i] for i, label in labels.items() if label == "body"]
    quote = Quote(body[-1].start, body[-1].end, Range(person.start, person.end))
    plain = (doc.id, doc.text, [(b.start, b.end) for b in doc.blocks], doc.meta)  # picklable
    return plain, text_fingerprint(doc.text), labels, spans, quote


def _annotation(doc_id, name, labels, spans, quote, rng: random.Random) -> Annotation:
    mine = {
        i: (rng.choice([x for x in LABELS if x != label]) if rng.random() < 0.05 else label)
        for i, label in labels.items()
    }
    my_spans = []
    for span in spans:
        roll = rng.random()
        if roll < 0.05:
            continue
        if roll < 0.10:
            span = Span(span.start + 1, span.end, span.label)
        my_spans.append(span)
    speaker = None if rng.random() < 0.10 else quote.speaker
    return Annotation(
        doc_id,
        name,
        status=Status.DONE,
        blocks=mine,
        spans=my_spans,
        quotes=[Quote(quote.start, quote.end, speaker)],
    )


def make_project(path: Path, docs: int) -> None:
    from annotator.store.database import Database
    from annotator.store.documents import NewDocument, add_documents

    db = Database(f"sqlite:///{path}")
    rng = random.Random(5)
    start = time.perf_counter()
    batch: list[NewDocument] = []

    def flush() -> None:
        with db.writing() as session:
            add_documents(session, batch)
        batch.clear()

    try:
        with multiprocessing.Pool(max(1, os.cpu_count() or 1)) as pool:
            for n, (plain, fingerprint, labels, spans, quote) in enumerate(
                pool.imap(_truth, range(docs), chunksize=200), 1
            ):
                doc_id, text, blocks, meta = plain
                doc = Document(doc_id, text, [Block(s, e) for s, e in blocks], meta)
                anns = [_annotation(doc.id, a, labels, spans, quote, rng) for a in ANNOTATORS]
                batch.append(NewDocument(doc, fingerprint, anns, doc.meta.source or ""))
                if len(batch) >= BATCH:
                    flush()
                    rate = n / (time.perf_counter() - start)
                    print(f"\r{n:,}/{docs:,} documents ({rate:,.0f}/s)", end="", file=sys.stderr)
        if batch:
            flush()
    finally:
        db.close()
    print(f"\rgenerated {docs:,} documents in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def ensure_project(docs: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"agreement-{docs}.db"
    if not path.exists():
        partial = OUT / f"agreement-{docs}.partial.db"
        for leftover in OUT.glob(f"{partial.name}*"):
            leftover.unlink()
        make_project(partial, docs)
        partial.rename(path)
    return path


def child(path: str, what: str) -> None:
    """One measurement in this fresh process; prints one JSON object."""
    from annotator.store import reviewing as review_repo
    from annotator.workspace import Workspace

    with Workspace.open(f"sqlite:///{path}") as ws:
        start = time.perf_counter()
        cpu = time.process_time()
        result: dict = {}
        if what == "agreement":
            report = ws.agreement()
            data = report.as_dict(documents=True)
            result = {
                "documents": data["documents"],
                "units": data["blocks"]["overall"]["units"],
                "alpha": data["blocks"]["overall"]["krippendorff_alpha"],
                "fleiss": data["blocks"]["overall"]["fleiss_kappa"],
                "mean_cohen": data["blocks"]["mean_cohen_kappa"],
                "entity_exact_f1": data["entities"]["overall"]["exact_f1"],
                "entity_overlap_f1": data["entities"]["overall"]["overlap_f1"],
                "quote_speaker_agreement": data["quotes"]["overall"]["speaker_agreement"],
            }
        elif what == "read":
            with ws.db.reading() as session:
                pages = review_repo.iter_finished_pages(session)
                result = {"annotations": sum(len(page.sources) for page in pages)}
        elif what == "disagreements":
            result = {"documents_with_disagreements": len(ws.disagreements())}
        elif what == "queue":  # the review queue: all scored, the 100 worst in detail
            worst = ws.disagreements(limit=100)
            result = {"worst_score": worst[0].score if worst else None}
        result["seconds"] = time.perf_counter() - start
        result["cpu_seconds"] = time.process_time() - cpu
        result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))


def _measure(script: str, path: Path, what: str) -> dict:
    before = os.getloadavg()[0]
    result = run_child([script, "--child", str(path), what])
    result["load_1min"] = [round(before, 2), round(os.getloadavg()[0], 2)]
    return result


def _summary(runs: list[dict]) -> dict:
    return {
        **runs[-1],
        "median_s": statistics.median(r["seconds"] for r in runs),
        "median_cpu_s": statistics.median(r["cpu_seconds"] for r in runs),
        "runs_s": [round(r["seconds"], 2) for r in runs],
        "runs_cpu_s": [round(r["cpu_seconds"], 2) for r in runs],
        "max_peak_rss_mib": max(r["peak_rss_mib"] for r in runs),
        "load_1min": [r["load_1min"] for r in runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=OUT / "agreement.json")
    parser.add_argument("--what", default="read,agreement,disagreements")
    parser.add_argument("--baseline", type=Path, help="a tree of an earlier commit")
    parser.add_argument("--child", nargs=2, metavar=("DB", "WHAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    path = ensure_project(args.docs)
    results: dict = {"docs": args.docs, "machine": machine(), "date": time.strftime("%Y-%m-%d")}
    baseline = str(args.baseline / "benchmarks" / "agreement.py") if args.baseline else None
    for what in args.what.split(","):
        runs, base_runs = [], []
        for _ in range(args.repeat):
            if baseline and what == "agreement":
                base_runs.append(_measure(baseline, path, what))
            runs.append(_measure(__file__, path, what))
        results[what] = _summary(runs)
        print(what, json.dumps(results[what]), file=sys.stderr)
        if base_runs:
            base = results["baseline_agreement"] = _summary(base_runs)
            base["tree"] = str(args.baseline)
            new = results[what]
            new["speedup_vs_baseline"] = base["median_s"] / new["median_s"]
            new["cpu_speedup_vs_baseline"] = base["median_cpu_s"] / new["median_cpu_s"]
            print("baseline", json.dumps(base), file=sys.stderr)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if "agreement" in results:
        agreement = results["agreement"]
        verdict = "met" if agreement["median_s"] < 10 else "missed"
        print(
            f"agreement over {args.docs:,} documents x 3 annotators: median"
            f" {agreement['median_s']:.1f} s (target < 10 s: {verdict}), peak RSS"
            f" {agreement['max_peak_rss_mib']:.0f} MiB"
        )


if __name__ == "__main__":
    main()
