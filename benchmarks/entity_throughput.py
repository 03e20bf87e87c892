"""Entity suggestion throughput against bare ``nlp.pipe`` on the same texts (issue 5).

    .venv/bin/python benchmarks/entity_throughput.py [--docs 60] [--model NAME_OR_PATH]
        [--repeat 3] [--json out.json]

Texts are seed-like scraped articles (``bench_common.make_article``, ~8 KB each). The
pipeline is ``--model`` when given, else a small NER trained here from the articles'
confirmed spans (``annotator.nlp.training``, spacy.blank("en") + ner): no official
pipeline is installed on this machine. Compared, on the same texts and the same enabled
components:

- bare: ``[doc.ents for doc in nlp.pipe(texts, batch_size=64)]``;
- ours: ``EntitySuggester.analyse`` (the same ``nlp.pipe`` with unneeded components
  disabled, label mapping to the schema, ``Span`` objects), without and with a gazetteer
  of the confirmed entity texts (what ``preannotate`` runs).

The target is ours >= 0.85x of bare (documents per second, median of ``--repeat`` runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_common import machine, make_article, median_seconds  # noqa: E402

from annotator.core.model import Span  # noqa: E402
from annotator.nlp.entities import EntitySuggester, Gazetteer  # noqa: E402
from annotator.nlp.pipeline import LoadedPipeline, load_pipeline  # noqa: E402
from annotator.nlp.training import Passage, train_ner  # noqa: E402

SCHEMA = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT", "MISC")


def trained_pipeline(train_docs: int) -> tuple[LoadedPipeline, Gazetteer]:
    passages, gazetteer = [], Gazetteer()
    for i in range(train_docs):
        article = make_article(10_000 + i)
        for start, end, label in article.spans:
            gazetteer.add(article.text[start:end], label)
        # the dateline paragraph holds the spans: train on it and the next paragraph
        first = min(s for s, _, _ in article.spans)
        p_start = article.text.rfind("\n\n", 0, first) + 2
        p_end = article.text.find("\n\n", p_start)
        spans = tuple(Span(s - p_start, e - p_start, label) for s, e, label in article.spans)
        passages.append(Passage(article.text[p_start:p_end], spans, f"a{i}"))
    result = train_ner(passages, iterations=10)
    return LoadedPipeline(result.nlp, "trained-here"), gazetteer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--train-docs", type=int, default=200)
    parser.add_argument("--model", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    started = time.perf_counter()
    pipeline, gazetteer = trained_pipeline(args.train_docs)
    train_seconds = time.perf_counter() - started
    if args.model:
        pipeline = load_pipeline(args.model)
    nlp = pipeline.nlp
    texts = [make_article(i).text for i in range(args.docs)]
    chars = sum(len(t) for t in texts)
    disabled = pipeline.disabled(entities=True, parse=False)

    def bare():
        with nlp.select_pipes(disable=disabled):
            return [doc.ents for doc in nlp.pipe(texts, batch_size=64)]

    plain = EntitySuggester(pipeline, Gazetteer(), SCHEMA)
    full = EntitySuggester(pipeline, gazetteer, SCHEMA)
    bare()  # warm up
    results = {
        "bare nlp.pipe": median_seconds(bare, args.repeat),
        "EntitySuggester": median_seconds(lambda: list(plain.analyse(texts)), args.repeat),
        "EntitySuggester + gazetteer": median_seconds(
            lambda: list(full.analyse(texts)), args.repeat
        ),
    }
    base = results["bare nlp.pipe"]["median_s"]
    base_cpu = results["bare nlp.pipe"]["median_cpu_s"]
    rows = []
    for name, timing in results.items():
        wall, cpu = timing["median_s"], timing["median_cpu_s"]
        rows.append(
            {
                "what": name,
                "seconds": round(wall, 3),
                "cpu_seconds": round(cpu, 3),
                "docs_per_s": round(args.docs / wall, 1),
                "kchars_per_s": round(chars / wall / 1000, 1),
                "vs_bare": round(base / wall, 3),
                "vs_bare_cpu": round(base_cpu / cpu, 3),
            }
        )
    report = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "pipeline": pipeline.label,
        "components": pipeline.needed(entities=True, parse=False),
        "docs": args.docs,
        "chars": chars,
        "gazetteer_terms": len(gazetteer),
        "train_seconds": round(train_seconds, 1),
        "rows": rows,
    }
    print(json.dumps(report, indent=2))
    print()
    print("| what | wall s | docs/s | kchars/s | x bare (wall) | x bare (CPU) |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['what']} | {row['seconds']} | {row['docs_per_s']} | {row['kchars_per_s']} "
            f"| {row['vs_bare']:.2f} | {row['vs_bare_cpu']:.2f} |"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
