"""How often span mode's name candidates are exactly the entity, on CoNLL-2003.

    .venv/bin/python benchmarks/name_candidates.py [--file eng.testa.gz] [--per-doc 12]

The sentences of ``../shared/data/conll2003/<file>`` are grouped into documents of
``--per-doc`` sentences (one paragraph per sentence, the tokens joined by single spaces)
and tokenized as span mode tokenizes them (``annotator.nlp.tokens``). With no
suggestions, the candidates are the capitalised runs of ``annotator.core.candidates`` (the
code behind span mode's ``w`` and ``n`` keys). For every gold PER/ORG/LOC/MISC entity
this counts whether a candidate is exactly it, and estimates the keys a user spends
marking the entities in text order: ``n`` once per unmarked candidate from the previous
entity up to this one, then the label key; an entity that is no candidate costs
``MISS_KEYS`` (jump near it, two or three Shift+arrows, the label key). It prints one
met/MISSED line against the issue's target of 2.5 keys per entity with no suggestions
(an estimate: the scripted keyboard session of ``benchmarks/keystrokes.py`` is the
measurement).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.core.candidates import capitalised_runs  # noqa: E402
from annotator.core.caret import TokenIndex  # noqa: E402
from annotator.nlp.tokens import token_offsets  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "conll2003"
LABELS = ("PER", "ORG", "LOC", "MISC")
MISS_KEYS = 5
TARGET = 2.5


def sentences(path: Path):
    current: list[tuple[str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if current:
                    yield current
                current = []
                continue
            current.append((parts[0], parts[-1]))
    if current:
        yield current


def documents(path: Path, per_doc: int):
    """``(text, [(start, end, label)])`` per group of sentences (IOB1 or IOB2 tags)."""
    group = list(sentences(path))
    for i in range(0, len(group), per_doc):
        text, gold = "", []
        for sentence in group[i : i + per_doc]:
            start = end = label = None
            for word, tag in sentence:
                at = len(text)
                text += word + " "
                kind = tag[2:] if tag != "O" else None
                begins = tag.startswith("B-") or kind != label
                if start is not None and (kind is None or begins):
                    gold.append((start, end, label))
                    start = None
                if kind is not None and start is None:
                    start = at
                label = kind
                end = at + len(word)
            if start is not None:
                gold.append((start, end, label))
            text = text.rstrip() + "\n\n"
        yield text, [g for g in gold if g[2] in LABELS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", default="eng.testa.gz")
    parser.add_argument("--per-doc", type=int, default=12)
    args = parser.parse_args()
    path = SHARED / args.file
    if not path.is_file():
        sys.exit(f"needs {path} (the shared data folder)")
    total, exact, keys, runs_total = Counter(), Counter(), 0, 0
    for text, gold in documents(path, args.per_doc):
        runs = capitalised_runs(text, TokenIndex(token_offsets(text)))
        runs_total += len(runs)
        found, previous = set(runs), -1
        for start, end, label in sorted(gold):
            total[label] += 1
            if (start, end) in found:
                exact[label] += 1
                keys += sum(1 for a, _b in runs if previous < a <= start) + 1
            else:
                keys += MISS_KEYS
            previous = start
    entities = sum(total.values())
    print(f"{entities} entities, {runs_total} candidates, documents of {args.per_doc} sentences")
    for label in LABELS:
        print(f"  {label:5} {exact[label] / total[label]:6.1%} exactly a candidate")
    print(f"  all   {sum(exact.values()) / entities:6.1%} exactly a candidate")
    per = keys / entities
    verdict = "met" if per <= TARGET else "MISSED"
    print(f"{verdict}: about {per:.2f} keys per entity with n + label (target <= {TARGET})")


if __name__ == "__main__":
    main()
