"""Zero-label entity suggestions (the rule suggester) on CoNLL-2003 and on the seed (issue 15).

    .venv/bin/python benchmarks/entity_rules.py [--limit N] [--errors 30] [--json out.json]

Protocol: ``benchmarks/conll.py`` documents (12 sentences each); the rules
(``annotator.nlp.entity_rules``) run through ``EntitySuggester`` with no pipeline and an
empty gazetteer, as in a new project. Exact spans on PER/ORG/LOC (GPE and LOC both count as
LOC). The rules were tuned by looking at eng.train only (``conll.TRAIN``: per-rule precision,
which becomes each rule's confidence, and the costliest errors with ``--errors``); eng.testa
(``conll.DEV``) is held out and scored once. Also printed: the seed's entities, build time
and memory of the rules, and suggester throughput (documents/s on testa).
Target: zero labels F1 >= 0.65 on testa.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import conll  # noqa: E402

from annotator.nlp.entities import EntitySuggester, Gazetteer  # noqa: E402

SCHEMA = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT", "MISC")
SEED = ROOT.parent / "shared" / "seeds" / "000_08d65a8e5416cb17.txt"
TARGET_F1 = 0.65


def per_rule_precision(docs: list[conll.ConllDocument]) -> dict[str, tuple[int, int]]:
    """rule -> (correct, suggested) on the scored labels."""
    from annotator.nlp.entity_rules import RULES, rules

    engine = rules()
    counts: dict[str, list[int]] = {name: [0, 0] for name in RULES}
    for document in docs:
        gold = {
            (s, e, conll.SCORED[label]) for s, e, label in document.spans if label in conll.SCORED
        }
        doc = engine.nlp.make_doc(document.text)
        for c in engine.candidates(doc):
            if c.label not in conll.SCORED:
                continue
            start, end = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])
            counts[c.rule][1] += 1
            counts[c.rule][0] += (start, end, conll.SCORED[c.label]) in gold
    return {name: (a, b) for name, (a, b) in counts.items()}


def errors(docs: list[conll.ConllDocument], predicted: list[list], top: int) -> None:
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for document, spans in zip(docs, predicted, strict=True):
        gold = {
            (s, e, conll.SCORED[label]) for s, e, label in document.spans if label in conll.SCORED
        }
        guess = {(s.start, s.end, conll.SCORED[s.label]) for s in spans if s.label in conll.SCORED}
        for s, e, label in guess - gold:
            fp[f"{document.text[s:e]!r} {label}"] += 1
        for s, e, label in gold - guess:
            fn[f"{document.text[s:e]!r} {label}"] += 1
    print("false positives:", ", ".join(f"{k} x{n}" for k, n in fp.most_common(top)))
    print("missed:", ", ".join(f"{k} x{n}" for k, n in fn.most_common(top)))


def evaluate(name: str, docs: list[conll.ConllDocument], suggester: EntitySuggester, top: int):
    started = time.perf_counter()
    predicted = suggester.suggest([d.text for d in docs])
    seconds = time.perf_counter() - started
    scores = conll.score(docs, [[(s.start, s.end, s.label) for s in p] for p in predicted])
    print(f"{name} ({len(docs)} documents): {conll.format_scores(scores)}")
    if top:
        errors(docs, predicted, top)
    return scores, len(docs) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per split")
    parser.add_argument(
        "--errors", type=int, default=0, help="print the N costliest errors (train)"
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if not conll.DEV.exists():
        sys.exit(f"no CoNLL-2003 data at {conll.DATA}")

    import psutil
    import spacy

    from annotator.nlp.entity_rules import rules

    spacy.blank("en")  # spaCy itself is loaded before the rules in the app, too
    process = psutil.Process()
    before = process.memory_info().rss
    started = time.perf_counter()
    rules()
    build = time.perf_counter() - started
    memory = (process.memory_info().rss - before) / 2**20
    print(f"rules built in {build:.2f} s, +{memory:.0f} MiB resident (spaCy already loaded)")

    suggester = EntitySuggester(None, Gazetteer(), SCHEMA)
    print("model_id:", suggester.model_id)
    train = conll.load(conll.TRAIN, args.limit)
    dev = conll.load(conll.DEV, args.limit)
    train_scores, _ = evaluate("eng.train (tuning)", train, suggester, args.errors)
    precision = per_rule_precision(train)
    print(
        "per-rule precision on eng.train:",
        ", ".join(f"{k} {a / b:.2f} ({b})" for k, (a, b) in precision.items() if b),
    )
    dev_scores, rate = evaluate("eng.testa (held out)", dev, suggester, 0)
    print(f"throughput: {rate:.0f} documents/s on eng.testa (12 sentences each, one process)")

    if SEED.exists():
        text = SEED.read_text(encoding="utf-8")
        spans = suggester.suggest([text])[0]
        found = Counter((text[s.start : s.end], s.label) for s in spans)
        print(
            f"seed: {len(spans)} spans:",
            ", ".join(f"{t}/{lab} x{n}" for (t, lab), n in found.most_common(40)),
        )
    f1 = dev_scores["all"].f1
    print(
        f"{'met' if f1 >= TARGET_F1 else 'MISSED'}: zero labels F1 {f1:.3f} on eng.testa "
        f"(target >= {TARGET_F1})"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "build_seconds": build,
                    "build_mib": memory,
                    "docs_per_second": rate,
                    "train": {k: [s.precision, s.recall, s.f1] for k, s in train_scores.items()},
                    "dev": {k: [s.precision, s.recall, s.f1] for k, s in dev_scores.items()},
                    "rule_precision": precision,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
