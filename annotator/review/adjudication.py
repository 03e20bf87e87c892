"""Building gold from annotators' finished work: what everyone agrees on, a majority
vote merge with its ties reported, and folding either into an existing gold annotation.

Majority vote (``majority``): every annotator has one vote per item.
- A block gets the label most annotators gave it, "no label" counting as an answer; when
  two or more answers share the top count it stays unlabelled and a ``Tie`` is reported.
- A span (start, end, label) is kept when more annotators marked it than did not; a tie
  (as many for as against) is reported and the span left out.
- A quote content range likewise; its speaker and cue are those most of its markers gave,
  a tie leaving the speaker (or cue) empty and reported.

``agreed`` keeps only what every annotator gave identically. ``merge_into`` adds such a
result to gold without overriding a decision gold already holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import Annotation, Quote, Range, Span
from annotator.review.inputs import Finished, block_labels, quote_keys, span_keys


@dataclass(frozen=True, slots=True)
class Tie:
    kind: str  # "block", "span", "quote", "speaker" or "cue"
    key: Any  # block index, (start, end, label) or (start, end)
    votes: dict[str, list[str]]  # answer (as text; "" = none) -> annotators

    def as_dict(self) -> dict[str, Any]:
        key = list(self.key) if isinstance(self.key, tuple) else self.key
        return {"kind": self.kind, "key": key, "votes": self.votes}


@dataclass(slots=True)
class Merge:
    blocks: dict[int, str] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.blocks or self.spans or self.quotes)


def _rng(start: int | None, end: int | None) -> Range | None:
    return None if start is None or end is None else Range(start, end)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return f"{value[0]}-{value[1]}" if isinstance(value, tuple) else str(value)


def _vote(answers: dict[str, Any]) -> tuple[Any, dict[str, list[str]] | None]:
    """The unique most common answer, or (None, the votes) on a tie."""
    counts = Counter(answers.values()).most_common()
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        votes: dict[str, list[str]] = {}
        for name, answer in answers.items():
            votes.setdefault(_text(answer), []).append(name)
        return None, votes
    return counts[0][0], None


def majority(work: Finished) -> Merge:
    names = list(work)
    n = len(names)
    merge = Merge()
    labels = {name: block_labels(a) for name, a in work.items()}
    for index in sorted(set().union(*(set(v) for v in labels.values()))):
        winner, tie = _vote({name: labels[name].get(index) for name in names})
        if tie:
            merge.ties.append(Tie("block", index, tie))
        elif winner is not None:
            merge.blocks[index] = winner
    spans = {name: span_keys(a) for name, a in work.items()}
    for key in sorted(set().union(*spans.values())):
        marked = [name for name in names if key in spans[name]]
        if 2 * len(marked) > n:
            merge.spans.append(Span(*key))
        elif 2 * len(marked) == n:
            others = [name for name in names if name not in marked]
            merge.ties.append(Tie("span", key, {"marked": marked, "": others}))
    by_content: dict[tuple[int, int], dict[str, tuple]] = {}
    for name in names:
        for q in quote_keys(work[name]):
            by_content.setdefault((q[0], q[1]), {})[name] = q
    for content, marks in sorted(by_content.items()):
        if 2 * len(marks) < n:
            continue
        if 2 * len(marks) == n:
            others = [name for name in names if name not in marks]
            merge.ties.append(Tie("quote", content, {"marked": list(marks), "": others}))
            continue
        speaker, speaker_tie = _vote(
            {k: (q[2], q[3]) if q[2] is not None else None for k, q in marks.items()}
        )
        cue, cue_tie = _vote(
            {k: (q[4], q[5]) if q[4] is not None else None for k, q in marks.items()}
        )
        if speaker_tie:
            merge.ties.append(Tie("speaker", content, speaker_tie))
        if cue_tie:
            merge.ties.append(Tie("cue", content, cue_tie))
        merge.quotes.append(
            Quote(
                content[0],
                content[1],
                Range(*speaker) if speaker else None,
                Range(*cue) if cue else None,
            )
        )
    return merge


def _none_first(key: tuple) -> tuple:
    """Sort key of a quote key: a missing speaker or cue (None) before a present one."""
    return tuple(-1 if v is None else v for v in key)


def agreed(work: Finished) -> Merge:
    """What every annotator gave identically: block labels, spans, whole quotes."""
    names = list(work)
    merge = Merge()
    if not names:
        return merge
    labels = [block_labels(work[name]) for name in names]
    for index, label in labels[0].items():
        if all(other.get(index) == label for other in labels[1:]):
            merge.blocks[index] = label
    spans = set.intersection(*(span_keys(work[name]) for name in names))
    merge.spans = [Span(*key) for key in sorted(spans)]
    quotes = set.intersection(*(quote_keys(work[name]) for name in names))
    merge.quotes = [
        Quote(q[0], q[1], _rng(q[2], q[3]), _rng(q[4], q[5]))
        for q in sorted(quotes, key=_none_first)
    ]
    return merge


def merge_into(gold: Annotation, merge: Merge) -> tuple[Annotation, int]:
    """Gold with ``merge`` added where gold has not decided: blocks gold has not labelled,
    spans and quotes overlapping none of gold's. Returns the new gold and how many items
    were added; ``gold`` itself is not changed."""
    blocks = dict(gold.blocks)
    added = 0
    for index, label in merge.blocks.items():
        if index not in blocks:
            blocks[index] = label
            added += 1
    spans = list(gold.spans)
    for span in merge.spans:
        if not any(span.range.overlaps(s.range) for s in spans):
            spans.append(span)
            added += 1
    quotes = list(gold.quotes)
    for quote in merge.quotes:
        if not any(quote.range.overlaps(q.range) for q in quotes):
            quotes.append(quote)
            added += 1
    result = Annotation(
        document_id=gold.document_id,
        source=gold.source,
        status=gold.status,
        blocks=blocks,
        block_scores={i: v for i, v in gold.block_scores.items() if i in gold.blocks},
        spans=sorted(spans, key=lambda s: (s.start, s.end, s.label)),
        quotes=sorted(quotes, key=lambda q: (q.start, q.end)),
        version=gold.version,
        updated_at=gold.updated_at,
        meta=dict(gold.meta),
    )
    return result, added
