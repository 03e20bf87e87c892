"""The body-extraction metric of ``../shared/data/README.md``, and oracle block labels.

Both texts are tokenised into ``\\w+`` words; each page's multisets of 4-word shingles
give tp/fp/fn; precision and recall are averaged over pages (both 1 when the extracted
text and the truth are empty) and F1 comes from the averaged precision and recall.

``oracle_labels`` says which blocks a perfect labeller would mark as body given a page's
ground-truth text: the "confirmed labels" the benchmark and the tests learn from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from annotator.core.model import Document

WORD = re.compile(r"\w+")
SHINGLE = 4
BODY_LABELS = frozenset({"body", "heading"})


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-word shingles of ``\\w+`` tokens (a shorter text is one)."""
    words = WORD.findall(text)
    if 0 < len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def page_precision_recall(extracted: str, truth: str) -> tuple[float, float]:
    """Shingle precision and recall of one page; both 1 when both texts are empty."""
    got, want = shingles(extracted), shingles(truth)
    tp = sum((got & want).values())
    fp, fn = sum(got.values()) - tp, sum(want.values()) - tp
    if tp + fp + fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def corpus_f1(pages: Iterable[tuple[str, str]]) -> tuple[float, float, float]:
    """(P, R, F1) over ``(extracted, truth)`` pages: P and R averaged, F1 from those."""
    scores = [page_precision_recall(extracted, truth) for extracted, truth in pages]
    if not scores:
        raise ValueError("no pages to score")
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def extracted_text(document: Document, labels: dict[int, str]) -> str:
    """The concatenation of the blocks labelled body or heading, in document order."""
    return "\n".join(document.block_text(i) for i in sorted(labels) if labels[i] in BODY_LABELS)


def oracle_body(document: Document, truth: Sequence[str]) -> list[bool]:
    """Per block: does a perfect labeller mark it body given the page's truth paragraphs?

    A block is body when most of its shingles occur in the truth (a block of fewer than
    four words: when its words occur in the truth in that order).
    """
    truth_shingles: set[tuple[str, ...]] = set()
    for paragraph in truth:
        truth_shingles.update(shingles(paragraph))
    truth_words = " " + " ".join(" ".join(WORD.findall(p)) for p in truth) + " "
    body = []
    for index in range(len(document.blocks)):
        text = document.block_text(index)
        words = WORD.findall(text)
        if len(words) >= SHINGLE:
            own = shingles(text)
            hits = sum(n for shingle, n in own.items() if shingle in truth_shingles)
            body.append(2 * hits >= sum(own.values()))
        else:
            body.append(bool(words) and f" {' '.join(words)} " in truth_words)
    return body


def oracle_labels(document: Document, truth: Sequence[str]) -> dict[int, str]:
    """Full block labels from the truth: body blocks that are ``h2``-``h6`` are headings,
    the first ``h1`` outside the body is the title, the rest is boilerplate."""
    labels: dict[int, str] = {}
    title_seen = False
    for index, is_body in enumerate(oracle_body(document, truth)):
        tag = document.blocks[index].features.get("tag", "")
        if is_body:
            labels[index] = "heading" if tag in {"h2", "h3", "h4", "h5", "h6"} else "body"
        elif tag == "h1" and not title_seen:
            labels[index], title_seen = "title", True
        else:
            labels[index] = "boilerplate"
    return labels
