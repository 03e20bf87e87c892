"""CoNLL-2003 English news NER as Annotator documents, and the score the entity benchmarks use.

``../shared/data/conll2003`` holds ``eng.train.gz`` and ``eng.testa.gz``: one
``TOKEN POS CHUNK TAG`` line per token (IOB2 over PER, ORG, LOC, MISC), a blank line between
sentences and no ``-DOCSTART-`` lines. As its README says, consecutive sentences are grouped
into documents (12 sentences each here), each sentence is detokenised (no space before
``, . : ; ! ? 's n't )`` and the like) and becomes one paragraph, and every token keeps its
character offsets, so the gold entities are exact ``[start, end)`` spans into the text.

Labels are mapped onto the project's schema as PER -> PERSON, ORG -> ORG, LOC -> GPE,
MISC -> MISC. The score compares exact spans on PER/ORG/LOC only, where the two schemes agree:
a predicted PERSON counts as PER, ORG as ORG, GPE or LOC as LOC, anything else is ignored.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "conll2003"
TRAIN = DATA / "eng.train.gz"
DEV = DATA / "eng.testa.gz"
SENTENCES_PER_DOCUMENT = 12
PARAGRAPH = "\n\n"

TO_SCHEMA = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}
# the schema label a prediction is scored as (None: not scored)
SCORED = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
SCORED_LABELS = ("PER", "ORG", "LOC")

_NO_SPACE_BEFORE = frozenset(
    {
        ",",
        ".",
        ":",
        ";",
        "!",
        "?",
        ")",
        "]",
        "}",
        "%",
        "'s",
        "'S",
        "n't",
        "N'T",
        "'ll",
        "'re",
        "'ve",
        "'d",
        "'m",
        "'",
    }
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]  # IOB2: O, B-PER, I-PER, ...


@dataclass(frozen=True, slots=True)
class ConllDocument:
    """A document of consecutive sentences: text, gold spans ``(start, end, label)`` with
    schema labels, and the paragraph ``(start, end)`` of each sentence."""

    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]
    paragraphs: tuple[tuple[int, int], ...]


def read_sentences(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if tokens:
                    sentences.append(Sentence(tuple(tokens), tuple(tags)))
                tokens, tags = [], []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1])
    if tokens:
        sentences.append(Sentence(tuple(tokens), tuple(tags)))
    return sentences


def detokenise(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as text, and each token's ``(start, end)`` in it. Straight double quotes
    alternate: an opening one sticks to the next token, a closing one to the previous."""
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    glue_next = True
    quote_open = False
    for token in tokens:
        glue = glue_next or token in _NO_SPACE_BEFORE
        if token == '"':
            glue = glue_next or quote_open
        if not glue:
            pieces.append(" ")
            length += 1
        pieces.append(token)
        offsets.append((length, length + len(token)))
        length += len(token)
        glue_next = token in _NO_SPACE_AFTER
        if token == '"':
            glue_next = not quote_open
            quote_open = not quote_open
    return "".join(pieces), offsets


def _entities(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first token, last token + 1, CoNLL label)`` of each entity in IOB2 tags."""
    found: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if start is not None and (kind != "I" or name != label):
            found.append((start, i, label))
            start, label = None, None
        if kind == "B" or (kind == "I" and start is None):
            start, label = i, name
    return found


def documents(
    sentences: Sequence[Sentence], size: int = SENTENCES_PER_DOCUMENT, prefix: str = "conll"
) -> list[ConllDocument]:
    """Consecutive sentences grouped ``size`` at a time into documents."""
    out = []
    for n in range(0, len(sentences), size):
        text_parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        paragraphs: list[tuple[int, int]] = []
        base = 0
        for sentence in sentences[n : n + size]:
            if text_parts:
                text_parts.append(PARAGRAPH)
                base += len(PARAGRAPH)
            text, offsets = detokenise(sentence.tokens)
            for first, stop, label in _entities(sentence.tags):
                spans.append(
                    (base + offsets[first][0], base + offsets[stop - 1][1], TO_SCHEMA[label])
                )
            paragraphs.append((base, base + len(text)))
            text_parts.append(text)
            base += len(text)
        out.append(
            ConllDocument(
                f"{prefix}-{n // size:05d}", "".join(text_parts), tuple(spans), tuple(paragraphs)
            )
        )
    return out


def load(path: Path, limit: int | None = None, prefix: str | None = None) -> list[ConllDocument]:
    """The documents of one split (the first ``limit`` of them)."""
    docs = documents(read_sentences(path), prefix=prefix or path.name.split(".")[1])
    return docs[:limit] if limit is not None else docs


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _scored(spans: Iterable[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    return {(s, e, SCORED[label]) for s, e, label in spans if label in SCORED}


def score(
    gold: Sequence[ConllDocument], predicted: Sequence[Iterable[tuple[int, int, str]]]
) -> dict[str, Score]:
    """Exact-span scores per label (PER, ORG, LOC) and ``"all"`` (micro-averaged)."""
    counts = {label: [0, 0, 0] for label in (*SCORED_LABELS, "all")}
    for document, spans in zip(gold, predicted, strict=True):
        truth, guess = _scored(document.spans), _scored(spans)
        for label in SCORED_LABELS:
            t = {s for s in truth if s[2] == label}
            g = {s for s in guess if s[2] == label}
            for key in (label, "all"):
                counts[key][0] += len(t & g)
                counts[key][1] += len(g - t)
                counts[key][2] += len(t - g)
    return {label: Score(*c) for label, c in counts.items()}


def format_scores(scores: dict[str, Score]) -> str:
    return "  ".join(
        f"{label} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}" for label, s in scores.items()
    )
