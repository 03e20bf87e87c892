"""Entity suggestions on CoNLL-2003: the zero-label point and the learning curve of the app's
NER training, against plain ``spacy train`` on the same documents.

Every point goes through the code the app runs. A fresh SQLite project in a temporary
folder gets, as native JSONL records: the ``n`` labelled documents (annotator ``bench``,
status ``done``, one ``body`` block per sentence, the gold spans), the rest of
``eng.train`` without its labels (the project's unlabelled documents), and the scoring
documents without annotations. ``Workspace.train_ner`` trains and registers the model
(nothing at 0 labels: the app's suggester as it is on a new project),
``Workspace.preannotate(what={"entities"})`` suggests for the scoring documents, and the
``suggestions`` spans read back from the project are scored (exact spans, PER/ORG/LOC, see
``benchmarks/conll.py``).

The baseline: ``python -m spacy init config --lang en --pipeline ner`` (CPU, efficiency: spaCy's
default NER config) and ``python -m spacy train`` on DocBins of the same labelled documents
(one Doc per sentence, as the app trains); spaCy needs a dev set, so ``DEV_SHARE`` of the
labelled documents is held out for it (never the scoring documents). Its ``model-best``
predicts the scoring sentences and the same scorer scores them.

The labelled documents of a draw are the first ``n`` of one seeded shuffle of the pool, so
the points of a draw are nested. ``--score-on dev`` scores on the last ``DEV_DOCS`` documents
of ``eng.train`` instead of ``eng.testa`` (and leaves them out of the pool): that is where the
training recipe's hyper-parameters were chosen, never on ``eng.testa``.

    .venv/bin/python benchmarks/entities.py                      # the recorded table
    .venv/bin/python benchmarks/entities.py --sizes 100 --score-on dev --no-baseline
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import conll  # noqa: E402
from conll import ConllDocument, Score  # noqa: E402

from annotator.core.model import SUGGESTIONS  # noqa: E402
from annotator.nlp.entities import EntitySuggester, Gazetteer  # noqa: E402
from annotator.nlp.pipeline import load_pipeline  # noqa: E402
from annotator.workspace import Workspace  # noqa: E402

DEV_DOCS = 150  # --score-on dev: the last documents of eng.train
DEV_SHARE = 0.2  # of the labelled documents, held out as spacy train's dev set
TARGET_F1_100 = 0.80
TARGET_F1_ZERO = 0.65
TARGET_SECONDS_100 = 60.0
LABELS = ("all", *conll.SCORED_LABELS)
AS_IS = "app"


def native_record(doc: ConllDocument, labelled: bool) -> dict:
    """The document as a native JSONL record: one block per sentence, labelled ``body``
    with the gold spans by ``bench`` (status done) when ``labelled``."""
    record: dict = {"id": doc.id, "text": doc.text}
    if labelled:
        record["blocks"] = [{"start": s, "end": e, "label": "body"} for s, e in doc.paragraphs]
        record["annotator"] = "bench"
        record["status"] = "done"
        record["spans"] = [{"start": s, "end": e, "label": lab} for s, e, lab in doc.spans]
    else:
        record["blocks"] = [{"start": s, "end": e} for s, e in doc.paragraphs]
    return record


def app_point(
    labelled: Sequence[ConllDocument],
    unlabelled: Sequence[ConllDocument],
    scoring: Sequence[ConllDocument],
    folder: Path,
) -> dict:
    """Train and suggest through a real project; the scores, timings and model id."""
    source = folder / "project.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for doc in labelled:
            out.write(json.dumps(native_record(doc, True)) + "\n")
        for doc in [*unlabelled, *scoring]:
            out.write(json.dumps(native_record(doc, False)) + "\n")
    result: dict = {}
    with Workspace.open(f"sqlite:///{folder / 'project.db'}", "bench") as ws:
        report = ws.import_paths([source])
        assert report.ok and report.added == len(labelled) + len(unlabelled) + len(scoring)
        train_s = 0.0
        if labelled:
            start = time.perf_counter()
            cpu = time.process_time()
            trained = ws.train_ner(folder / "model")
            train_s = time.perf_counter() - start
            result["train_cpu_s"] = time.process_time() - cpu
            result["problems"] = len(trained.problems)
        start = time.perf_counter()
        pre = ws.preannotate(what={"entities"}, documents=[d.id for d in scoring])
        result["suggest_s"] = time.perf_counter() - start
        result["model"] = pre.meta.get("entities")
        predicted = []
        for doc in scoring:
            annotation = ws.annotation(doc.id, SUGGESTIONS)
            spans = annotation.spans if annotation else []
            predicted.append([(s.start, s.end, s.label) for s in spans])
        labels = tuple(ws.schema.entity_label_names)
    result["train_s"] = train_s
    result["scores"] = conll.score(scoring, predicted)
    if labelled:  # what the gazetteer and the rules add: the trained model alone
        model = load_pipeline(str(folder / "model"))
        alone = EntitySuggester(model, Gazetteer(), labels, use_rules=False)
        spans = alone.suggest([doc.text for doc in scoring])
        result["model_only"] = conll.score(
            scoring, [[(s.start, s.end, s.label) for s in found] for found in spans]
        )
    return result


def _docbin(docs: Sequence[ConllDocument], path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    out = DocBin()
    for doc in docs:
        for start, end in doc.paragraphs:
            sentence = nlp.make_doc(doc.text[start:end])
            ents = []
            for s, e, label in doc.spans:
                if start <= s and e <= end:
                    span = sentence.char_span(s - start, e - start, label=label)
                    if span is not None:
                        ents.append(span)
            sentence.ents = ents
            out.add(sentence)
    out.to_disk(path)


def baseline_point(
    labelled: Sequence[ConllDocument],
    scoring: Sequence[ConllDocument],
    folder: Path,
    seed: int,
    max_steps: int | None,
) -> dict:
    """``spacy train`` with spaCy's default NER config on the same labelled documents."""
    import spacy

    config = folder / "config.cfg"
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "config", str(config), "--lang", "en"]
        + ["--pipeline", "ner", "--optimize", "efficiency", "--force"],
        check=True,
        capture_output=True,
    )
    held = max(1, round(len(labelled) * DEV_SHARE))
    _docbin(labelled[held:], folder / "train.spacy")
    _docbin(labelled[:held], folder / "dev.spacy")
    command = [sys.executable, "-m", "spacy", "train", str(config)]
    command += ["--output", str(folder / "spacy-out"), "--system.seed", str(seed)]
    command += ["--paths.train", str(folder / "train.spacy")]
    command += ["--paths.dev", str(folder / "dev.spacy")]
    if max_steps:
        command += ["--training.max_steps", str(max_steps)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    train_s = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"spacy train failed:\n{done.stderr[-3000:]}")
    nlp = spacy.load(folder / "spacy-out" / "model-best")
    predicted = []
    for doc in scoring:
        pieces = [doc.text[s:e] for s, e in doc.paragraphs]
        spans = []
        for (offset, _), parsed in zip(doc.paragraphs, nlp.pipe(pieces), strict=True):
            spans += [(offset + e.start_char, offset + e.end_char, e.label_) for e in parsed.ents]
        predicted.append(spans)
    return {"train_s": train_s, "scores": conll.score(scoring, predicted)}


def _median_scores(runs: Sequence[dict[str, Score]]) -> dict[str, float]:
    return {label: statistics.median(r[label].f1 for r in runs) for label in LABELS}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,25,50,100,200", help="labelled documents per point")
    parser.add_argument("--draws", type=int, default=1, help="draws of labelled documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--score-on", choices=("testa", "dev"), default="testa")
    parser.add_argument("--no-baseline", action="store_true", help="skip spacy train")
    parser.add_argument(
        "--baseline-max-steps", type=int, default=None, help="cap spacy train's steps"
    )
    parser.add_argument(
        "--unlabelled",
        type=int,
        default=None,
        help="import only this many unlabelled eng.train documents (default: all the rest)",
    )
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    if not conll.TRAIN.exists():
        print(f"no CoNLL-2003 data at {conll.DATA}", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    train = conll.load(conll.TRAIN)
    if args.score_on == "dev":
        pool, scoring = train[:-DEV_DOCS], train[-DEV_DOCS:]
    else:
        pool, scoring = train, conll.load(conll.DEV)
    load = os.getloadavg()[0]
    print(
        f"scoring on {args.score_on}: {len(scoring)} documents, pool {len(pool)} documents, "
        f"seed {args.seed}, {args.draws} draw(s), load average {load:.2f} on "
        f"{os.cpu_count()} CPUs"
    )
    variants = [AS_IS]
    runs: dict[str, dict[int, list[dict]]] = {v: {n: [] for n in sizes} for v in variants}
    runs["spacy train"] = {n: [] for n in sizes}
    for draw in range(args.draws):
        order = list(pool)
        random.Random(args.seed + draw).shuffle(order)
        for n in sizes:
            labelled, rest = order[:n], order[n:]
            if args.unlabelled is not None:
                rest = rest[: args.unlabelled]
            for variant in variants:
                if n == 0 and variant != variants[0]:
                    continue  # nothing is trained at 0: the variants are the same
                with tempfile.TemporaryDirectory(prefix="bench-ner-") as tmp:
                    point = app_point(labelled, rest, scoring, Path(tmp))
                runs[variant][n].append(point)
                if n:
                    print(
                        f"draw {draw} n={n:3d} {variant:12s} the model alone: "
                        f"{conll.format_scores(point['model_only'])}"
                    )
                print(
                    f"draw {draw} n={n:3d} {variant:12s} train {point['train_s']:6.1f} s "
                    f"(CPU {point.get('train_cpu_s', 0.0):5.1f} s)  suggest "
                    f"{point['suggest_s']:5.1f} s  {conll.format_scores(point['scores'])}"
                    f"  [{point['model']}]",
                    flush=True,
                )
            if n and not args.no_baseline:
                with tempfile.TemporaryDirectory(prefix="bench-spacy-") as tmp:
                    base = baseline_point(
                        labelled, scoring, Path(tmp), args.seed + draw, args.baseline_max_steps
                    )
                runs["spacy train"][n].append(base)
                print(
                    f"draw {draw} n={n:3d} spacy train  train {base['train_s']:6.1f} s  "
                    f"{conll.format_scores(base['scores'])}",
                    flush=True,
                )
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}\n")
    print("| labelled docs | trained by | F1 | PER | ORG | LOC | train s | train CPU s |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    summary: dict[str, dict[int, dict]] = {}
    for name, points in runs.items():
        for n in sizes:
            if not points[n]:
                continue
            f1 = _median_scores([p["scores"] for p in points[n]])
            wall = statistics.median(p["train_s"] for p in points[n])
            cpu = statistics.median(p.get("train_cpu_s", float("nan")) for p in points[n])
            summary.setdefault(name, {})[n] = {"f1": f1, "train_s": wall, "train_cpu_s": cpu}
    for n in sizes:
        for name in summary:
            if n in summary[name]:
                row = summary[name][n]
                scores = " | ".join(f"{row['f1'][k]:.3f}" for k in LABELS)
                cpu = (
                    "–" if row["train_cpu_s"] != row["train_cpu_s"] else f"{row['train_cpu_s']:.1f}"
                )
                print(f"| {n} | {name} | {scores} | {row['train_s']:.1f} | {cpu} |")
    print()
    lines = []
    first = summary[variants[0]]
    if 0 in first:
        f1 = first[0]["f1"]["all"]
        lines.append((f1 >= TARGET_F1_ZERO, f"zero labels F1 {f1:.3f} >= {TARGET_F1_ZERO}"))
    for variant in variants:
        mine = summary[variant]
        if 100 in mine:
            f1, secs = mine[100]["f1"]["all"], mine[100]["train_s"]
            lines.append(
                (f1 >= TARGET_F1_100, f"{variant}: 100 documents F1 {f1:.3f} >= {TARGET_F1_100}")
            )
            lines.append(
                (
                    secs < TARGET_SECONDS_100,
                    f"{variant}: 100 documents training {secs:.1f} s "
                    f"(CPU {mine[100]['train_cpu_s']:.1f} s) < 60 s",
                )
            )
        for n in sizes:
            other = summary.get("spacy train", {}).get(n)
            if other is not None and n in mine:
                f1 = mine[n]["f1"]["all"]
                lines.append(
                    (
                        f1 >= other["f1"]["all"],
                        f"{variant}: {n} documents F1 {f1:.3f} >= spacy train "
                        f"{other['f1']['all']:.3f}",
                    )
                )
    for ok, text in lines:
        print(f"{'met' if ok else 'MISSED'}: {text}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
