"""Training a spaCy NER pipeline from confirmed entity spans (the model-in-the-loop cycle).

Examples are paragraphs (a document's blocks, only those labelled body or heading when
the annotation labels blocks): annotators mark entities in the article, not in the site
chrome, so the chrome must not teach the model that names there are not entities. A span
that does not fall on token boundaries, crosses a block boundary or overlaps another
span is reported (``TrainResult.problems``), never silently dropped.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from annotator.core.model import Span

PIPELINE_NAME = "annotator_ner"


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of text and its confirmed entity spans (offsets into ``text``)."""

    text: str
    spans: tuple[Span, ...]
    origin: str = ""  # "document id @ offset", for messages


@dataclass
class TrainResult:
    nlp: Language
    examples: int
    entities: int
    labels: list[str]
    losses: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    base: str = "blank:en"


def passages_from_document(
    doc_id: str,
    text: str,
    blocks: Sequence[tuple[int, int]],
    spans: Iterable[Span],
    body_blocks: set[int] | None,
    problems: list[str],
) -> list[Passage]:
    """Cut a document into paragraph passages, spans re-based; ``body_blocks`` (block
    indices) restricts them to the article, None keeps every block."""
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    ranges = list(blocks) or [(0, len(text))]
    chosen = [
        (i, start, end)
        for i, (start, end) in enumerate(ranges)
        if body_blocks is None or i in body_blocks
    ]
    placed: set[int] = set()
    passages = []
    for _, start, end in chosen:
        inside = []
        for n, span in enumerate(spans):
            if start <= span.start and span.end <= end:
                inside.append(Span(span.start - start, span.end - start, span.label))
                placed.add(n)
        passages.append(Passage(text[start:end], tuple(inside), f"{doc_id}@{start}"))
    for n, span in enumerate(spans):
        if n in placed:
            continue
        crosses = any(s < span.end and span.start < e for _, s, e in chosen)
        why = "crosses a block boundary" if crosses else "is outside the body blocks"
        problems.append(f"{doc_id}: {span.label} span [{span.start}, {span.end}) {why}")
    return passages


def train_ner(
    passages: Sequence[Passage],
    base: Language | None = None,
    iterations: int = 20,
    seed: int = 0,
    dropout: float = 0.2,
    progress: Callable[[int, int, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> TrainResult:
    """Train (or, from ``base`` with an ``ner``, fine-tune) an NER pipeline.

    ``progress(iteration, iterations, loss)`` after each pass over the examples.
    """
    fix_random_seed(seed)
    nlp = base if base is not None else spacy.blank("en")
    problems: list[str] = []
    examples: list[Example] = []
    entity_count = 0
    for passage in passages:
        doc = nlp.make_doc(passage.text)
        ents, occupied = [], set()
        for span in passage.spans:
            aligned = doc.char_span(span.start, span.end, label=span.label)
            if aligned is None:
                problems.append(
                    f"{passage.origin}: {span.label} span {passage.text[span.start : span.end]!r}"
                    " does not fall on token boundaries"
                )
                continue
            tokens = set(range(aligned.start, aligned.end))
            if tokens & occupied:
                problems.append(
                    f"{passage.origin}: {span.label} span {aligned.text!r} overlaps another span"
                )
                continue
            occupied |= tokens
            ents.append(aligned)
        reference = nlp.make_doc(passage.text)
        reference.ents = ents
        entity_count += len(ents)
        examples.append(Example(doc, reference))
    labels = sorted({ent.label_ for ex in examples for ent in ex.reference.ents})
    base_name = "blank:en"
    if base is not None:
        base_name = f"{base.meta.get('lang')}_{base.meta.get('name')}-{base.meta.get('version')}"
    if "ner" in nlp.pipe_names:
        ner = nlp.get_pipe("ner")
        for label in labels:
            ner.add_label(label)
        optimizer = nlp.resume_training()
    else:
        ner = nlp.add_pipe("ner")
        for label in labels:
            ner.add_label(label)
        optimizer = nlp.initialize(lambda: examples)
    other_pipes = [name for name in nlp.pipe_names if name != "ner"]
    losses_per_iteration = []
    order = list(examples)
    rng = random.Random(seed)
    with nlp.select_pipes(disable=other_pipes):
        for iteration in range(iterations):
            if cancelled and cancelled():
                break
            rng.shuffle(order)
            losses: dict[str, float] = {}
            for batch in minibatch(order, size=8):
                nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
            losses_per_iteration.append(losses.get("ner", 0.0))
            if progress:
                progress(iteration + 1, iterations, losses.get("ner", 0.0))
    nlp.meta["name"] = PIPELINE_NAME
    nlp.meta["description"] = (
        f"NER trained by annotator from a project's confirmed entity spans (base: {base_name})"
    )
    return TrainResult(
        nlp, len(examples), entity_count, labels, losses_per_iteration, problems, base_name
    )


def save_pipeline(nlp: Language, out_dir: Path, version: str) -> Path:
    nlp.meta["version"] = version
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir
