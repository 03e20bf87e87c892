"""Silver NER examples: the rule suggester's spans (:mod:`annotator.nlp.entity_rules`) on a
project's unlabelled paragraphs, what a new NER is first trained on before the confirmed
spans ("starting from the rules").

A silver example has the rules' spans with labels the confirmed spans use, nothing (a
missing value, no loss) on the tokens of a rule span whose label the confirmed spans never
use (NORP, DATE on CoNLL-2003), and ``O`` elsewhere. Marking the capitalised words the
rules left alone as missing instead of ``O`` scored lower (combined suggestions F1 0.761
against 0.771 on held-out CoNLL-2003 ``eng.train``, 100 labelled documents, two passes of
1,200 paragraphs; 0.764 with no silver pass, 0.753 with one); either way the gain is too
small and unsteady for its training time, so silver passes are off by default
(``Recipe.silver_passes``).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator, Sequence

from spacy.language import Language
from spacy.training import Example

from annotator.nlp.entity_rules import rules

MIN_TOKENS = 4  # shorter paragraphs (datelines, scores) teach little
MISSING = "-"


def silver_examples(
    nlp: Language,
    texts: Sequence[str],
    labels: Collection[str],
    skip: Collection[str],
    limit: int,
    rng: random.Random,
) -> list[Example]:
    """Up to ``limit`` silver examples from paragraphs (lines) of ``texts`` in a random
    order of the texts, leaving out paragraphs whose text is in ``skip`` (the confirmed
    ones); only spans labelled with one of ``labels`` are taught."""
    order = list(range(len(texts)))
    rng.shuffle(order)
    found: list[Example] = []
    finder = rules()
    for index in order:
        if len(found) >= limit:
            break
        text = texts[index]
        spans = finder.find(text, None)
        for start, line in _lines(text):
            if len(found) >= limit:
                break
            if line in skip:
                continue
            doc = nlp.make_doc(line)
            if len(doc) < MIN_TOKENS:
                continue
            end = start + len(line)
            inside = [s for s in spans if start <= s.start and s.end <= end]
            tags = _tags(doc, [(s.start - start, s.end - start, s.label) for s in inside], labels)
            if any(tag not in ("O", MISSING) for tag in tags):
                found.append(Example.from_dict(doc, {"entities": tags}))
    return found


def _tags(doc, spans: Sequence[tuple[int, int, str]], labels: Collection[str]) -> list[str]:  # noqa: ANN001 (a spaCy Doc)
    """BILUO tags: the spans with taught labels, missing on the other spans' tokens, ``O``
    elsewhere."""
    tags = ["O"] * len(doc)
    for start, end, label in spans:
        aligned = doc.char_span(start, end)
        if aligned is None:
            for token in doc:
                if token.idx < end and start < token.idx + len(token):
                    tags[token.i] = MISSING
            continue
        if label not in labels:
            for i in range(aligned.start, aligned.end):
                tags[i] = MISSING
            continue
        if len(aligned) == 1:
            tags[aligned.start] = f"U-{label}"
            continue
        tags[aligned.start] = f"B-{label}"
        for i in range(aligned.start + 1, aligned.end - 1):
            tags[i] = f"I-{label}"
        tags[aligned.end - 1] = f"L-{label}"
    return tags


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1
