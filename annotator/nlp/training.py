"""Training a spaCy NER pipeline from confirmed entity spans (the model-in-the-loop cycle).

Examples are paragraphs (a document's blocks, only those labelled body or heading when
the annotation labels blocks): annotators mark entities in the article, not in the site
chrome, so the chrome must not teach the model that names there are not entities. A span
that does not fall on token boundaries, crosses a block boundary or overlaps another
span is reported (``TrainResult.problems``), never silently dropped.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from spacy.vectors import Vectors

from annotator.core.model import Span
from annotator.nlp.corpus_vectors import ppmi_svd_vectors
from annotator.nlp.silver import silver_examples
from annotator.nlp.tokens import blank_english

PIPELINE_NAME = "annotator_ner"
MIN_BATCH = 4
MAX_VECTOR_CHARS = 5_000_000  # about a million tokens: a few seconds of tokenizing


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


@dataclass(frozen=True, slots=True)
class Recipe:
    """How a new NER is trained. The figures were chosen on held-out CoNLL-2003
    ``eng.train`` documents, never on its scoring split (benchmarks/README.md, "NER
    learning curve"): at most ``max_epochs`` passes in batches of ``batch_size`` (smaller
    for fewer than 32 batches' worth of examples, down to ``MIN_BATCH``), and
    ``vectors``-dimensional word vectors learned from the project's texts when the
    caller gives them. With ``patience``, ``held_out`` of the examples (when there are at
    least ``min_held_out``) are kept aside to pick the best epoch and stop after
    ``patience`` epochs without a better F1 on them; that scored lower than training on
    every example for ``max_epochs`` on 100 documents, so it is off by default. With
    ``silver_passes``, a new NER first makes that many passes over ``silver_examples``
    unlabelled paragraphs each, labelled by the rules (:mod:`annotator.nlp.silver`); on
    100 documents that changed the F1 of the combined suggestions by -0.011 to +0.007
    (three variants) for 10-15 s more training, so it is off by default."""

    batch_size: int = 32
    dropout: float = 0.2
    max_epochs: int = 10
    patience: int = 0
    held_out: float = 0.1
    min_held_out: int = 100
    width: int = 96
    depth: int = 4
    window: int = 1
    attrs: tuple[str, ...] = ("NORM", "PREFIX", "SUFFIX", "SHAPE")
    rows: tuple[int, ...] = (5000, 1000, 2500, 2500)
    hidden_width: int = 64
    vectors: int = 128  # dimensions of the word vectors from the project's texts (0: none)
    silver_passes: int = 0  # first passes over the rules' spans on unlabelled paragraphs
    silver_examples: int = 1200  # unlabelled paragraphs per silver pass

    def ner_config(self, static_vectors: bool = False) -> dict:
        """The ``ner`` component config: spaCy's transition-based NER over its own
        hash-embedding CNN."""
        return {
            "model": {
                "@architectures": "spacy.TransitionBasedParser.v2",
                "state_type": "ner",
                "extra_state_tokens": False,
                "hidden_width": self.hidden_width,
                "maxout_pieces": 2,
                "use_upper": True,
                "tok2vec": {
                    "@architectures": "spacy.Tok2Vec.v2",
                    "embed": {
                        "@architectures": "spacy.MultiHashEmbed.v2",
                        "width": self.width,
                        "attrs": list(self.attrs),
                        "rows": list(self.rows),
                        "include_static_vectors": static_vectors,
                    },
                    "encode": {
                        "@architectures": "spacy.MaxoutWindowEncoder.v2",
                        "width": self.width,
                        "depth": self.depth,
                        "window_size": self.window,
                        "maxout_pieces": 3,
                    },
                },
            }
        }


RECIPE = Recipe()


def _examples(
    nlp: Language, passages: Sequence[Passage], problems: list[str]
) -> tuple[list[Example], int]:
    """One example per passage, with the spans that align to tokens and overlap nothing
    (the others go to ``problems``); and the number of entities kept."""
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
    return examples, entity_count


def train_ner(
    passages: Sequence[Passage],
    base: Language | None = None,
    iterations: int = 20,
    seed: int = 0,
    dropout: float | None = None,
    progress: Callable[[int, int, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    recipe: Recipe = RECIPE,
    unlabelled: Iterable[str] | None = None,
) -> TrainResult:
    """Train (or, from ``base`` with an ``ner``, fine-tune) an NER pipeline for at most
    ``iterations`` (and ``recipe.max_epochs``) passes over the examples, stopping early
    as ``recipe`` says.

    ``progress(iteration, iterations, loss)`` after each pass over the examples (and
    ``(iterations, iterations, loss)`` when it stops early). The held-out examples are
    not trained on; the weights kept are those of the epoch that scored best on them.
    A new NER (no ``base``) starts from word vectors learned from the passages and the
    ``unlabelled`` texts (the project's other documents) when they are given.
    """
    fix_random_seed(seed)
    unlabelled_texts: list[str] = []
    nlp = base if base is not None else blank_english()
    problems: list[str] = []
    examples, entity_count = _examples(nlp, passages, problems)
    labels = sorted({ent.label_ for ex in examples for ent in ex.reference.ents})
    base_name = "blank:en"
    if base is not None:
        base_name = f"{base.meta.get('lang')}_{base.meta.get('name')}-{base.meta.get('version')}"
    rng = random.Random(seed)
    order = list(examples)
    held: list[Example] = []
    if len(order) >= recipe.min_held_out and recipe.patience:
        rng.shuffle(order)
        cut = max(1, round(len(order) * recipe.held_out))
        held, order = order[:cut], order[cut:]
    if "ner" in nlp.pipe_names:
        ner = nlp.get_pipe("ner")
        for label in labels:
            ner.add_label(label)
        optimizer = nlp.resume_training()
    else:
        unlabelled_texts = list(_first_chars(unlabelled or (), MAX_VECTOR_CHARS))
        static = bool(recipe.vectors) and unlabelled is not None
        static = static and add_corpus_vectors(
            nlp, [p.text for p in passages], unlabelled_texts, recipe.vectors, seed
        )
        ner = nlp.add_pipe("ner", config=recipe.ner_config(static))
        for label in labels:
            ner.add_label(label)
        optimizer = nlp.initialize(lambda: order)
    silver: list[Example] = []
    if recipe.silver_passes and unlabelled_texts:  # a new NER only
        gold_texts = {p.text for p in passages}
        silver = silver_examples(
            nlp,
            unlabelled_texts,
            set(labels),
            gold_texts,
            recipe.silver_passes * recipe.silver_examples,
            rng,
        )
    other_pipes = [name for name in nlp.pipe_names if name != "ner"]
    losses_per_iteration = []
    drop = recipe.dropout if dropout is None else dropout
    iterations = min(iterations, recipe.max_epochs)
    # small sets get smaller batches: at least ~32 updates per pass
    batch_size = max(MIN_BATCH, min(recipe.batch_size, len(order) // 32))
    best: tuple[float, bytes] | None = None
    stale = 0
    with nlp.select_pipes(disable=other_pipes):
        for start in range(0, len(silver), recipe.silver_examples):
            if cancelled and cancelled():
                break
            for batch in minibatch(silver[start : start + recipe.silver_examples], batch_size):
                nlp.update(batch, drop=drop, sgd=optimizer)
        for iteration in range(iterations):
            if cancelled and cancelled():
                break
            rng.shuffle(order)
            losses: dict[str, float] = {}
            for batch in minibatch(order, size=batch_size):
                nlp.update(batch, drop=drop, sgd=optimizer, losses=losses)
            losses_per_iteration.append(losses.get("ner", 0.0))
            if progress:
                progress(iteration + 1, iterations, losses.get("ner", 0.0))
            if held:
                f1 = nlp.evaluate(held).get("ents_f") or 0.0
                if best is None or f1 > best[0]:
                    best, stale = (f1, ner.to_bytes()), 0
                else:
                    stale += 1
                    if stale >= recipe.patience:
                        if progress:  # stopped early: the run is complete
                            progress(iterations, iterations, losses_per_iteration[-1])
                        break
    if best is not None:
        ner.from_bytes(best[1])
    nlp.meta["name"] = PIPELINE_NAME
    nlp.meta["description"] = (
        f"NER trained by annotator from a project's confirmed entity spans (base: {base_name})"
    )
    return TrainResult(
        nlp, len(examples), entity_count, labels, losses_per_iteration, problems, base_name
    )


def add_corpus_vectors(
    nlp: Language, texts: Iterable[str], unlabelled: Iterable[str], dims: int, seed: int = 0
) -> bool:
    """Word vectors from these texts (tokenised by ``nlp``; the first
    ``MAX_VECTOR_CHARS`` characters of them) into ``nlp``'s vocab; False when there were
    too few words to learn any."""
    words = (
        [token.text for token in nlp.make_doc(text) if not token.is_space]
        for text in _first_chars(chain(texts, unlabelled), MAX_VECTOR_CHARS)
    )
    rows, vectors = ppmi_svd_vectors(words, dims=dims, seed=seed)
    if not rows:
        return False
    keys = [nlp.vocab.strings.add(word) for word in rows]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=vectors, keys=keys)
    return True


def _first_chars(texts: Iterable[str], limit: int) -> Iterator[str]:
    used = 0
    for text in texts:
        if used >= limit:
            return
        used += len(text)
        yield text


def save_pipeline(nlp: Language, out_dir: Path, version: str) -> Path:
    nlp.meta["version"] = version
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir
