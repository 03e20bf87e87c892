"""Where annotators of one document disagree, item by item, and how badly.

An item is a block that anyone labelled, a distinct entity span (start, end, label) or a
distinct quote content range. A block is in disagreement when not every annotator gave it
the same label (no label counts as a different answer); a span when not every annotator
marked it; a quote when not every annotator marked that content, or when they all did but
with different speakers or cues. ``score`` is the share of items in disagreement; the
review queue shows the worst documents first (highest score, then most disagreements).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.review.inputs import Finished, block_labels, quote_keys, span_keys

RangeTuple = tuple[int, int]


@dataclass(frozen=True, slots=True)
class BlockDifference:
    index: int
    labels: dict[str, str | None]  # every annotator's label (None: left unlabelled)


@dataclass(frozen=True, slots=True)
class SpanDifference:
    start: int
    end: int
    label: str
    marked_by: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteDifference:
    start: int
    end: int
    marked_by: tuple[str, ...]
    missing: tuple[str, ...]
    speakers: dict[str, RangeTuple | None]  # of those who marked this content
    cues: dict[str, RangeTuple | None]

    @property
    def kind(self) -> str:
        """``content``: not everyone marked it; ``speaker``: everyone did, differently."""
        return "content" if self.missing else "speaker"


@dataclass(slots=True)
class DocumentDisagreement:
    document_id: str
    annotators: tuple[str, ...]
    items: int
    blocks: list[BlockDifference] = field(default_factory=list)
    spans: list[SpanDifference] = field(default_factory=list)
    quotes: list[QuoteDifference] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.blocks) + len(self.spans) + len(self.quotes)

    @property
    def score(self) -> float:
        return self.count / self.items if self.items else 0.0

    def as_dict(self) -> dict:
        return {
            "id": self.document_id,
            "annotators": list(self.annotators),
            "items": self.items,
            "disagreements": self.count,
            "score": self.score,
            "blocks": [{"index": b.index, "labels": b.labels} for b in self.blocks],
            "spans": [
                {"start": s.start, "end": s.end, "label": s.label, "marked_by": list(s.marked_by)}
                for s in self.spans
            ],
            "quotes": [
                {
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    "marked_by": list(q.marked_by),
                    "speakers": {k: list(v) if v else None for k, v in q.speakers.items()},
                }
                for q in self.quotes
            ],
        }


def _range(start: int | None, end: int | None) -> RangeTuple | None:
    return None if start is None or end is None else (start, end)


def find_disagreements(document_id: str, work: Finished) -> DocumentDisagreement:
    """Every difference between the annotators' finished work on one document (an empty
    list of each when they agree on everything)."""
    names = tuple(work)
    labels = {name: block_labels(a) for name, a in work.items()}
    spans = {name: span_keys(a) for name, a in work.items()}
    quotes = {name: quote_keys(a) for name, a in work.items()}
    indices = sorted(set().union(*(set(v) for v in labels.values())))
    result = DocumentDisagreement(document_id, names, 0)
    for index in indices:
        given = {name: labels[name].get(index) for name in names}
        if len(set(given.values())) > 1:
            result.blocks.append(BlockDifference(index, given))
    all_spans = sorted(set().union(*spans.values()))
    for span in all_spans:
        marked = tuple(n for n in names if span in spans[n])
        if len(marked) < len(names):
            missing = tuple(n for n in names if n not in marked)
            result.spans.append(SpanDifference(span[0], span[1], span[2], marked, missing))
    by_content: dict[RangeTuple, dict[str, tuple]] = {}
    for name in names:
        for q in quotes[name]:
            by_content.setdefault((q[0], q[1]), {})[name] = q
    for (start, end), marks in sorted(by_content.items()):
        same = len({q[2:] for q in marks.values()}) == 1
        if len(marks) == len(names) and same:
            continue
        marked = tuple(n for n in names if n in marks)
        result.quotes.append(
            QuoteDifference(
                start,
                end,
                marked,
                tuple(n for n in names if n not in marks),
                {n: _range(marks[n][2], marks[n][3]) for n in marked},
                {n: _range(marks[n][4], marks[n][5]) for n in marked},
            )
        )
    result.items = len(indices) + len(all_spans) + len(by_content)
    return result


def worst_first(found: Iterable[DocumentDisagreement]) -> list[DocumentDisagreement]:
    """Documents with any disagreement, highest score first, then most disagreements;
    equal ones keep their order (import order)."""
    return sorted((d for d in found if d.count), key=lambda d: (-d.score, -d.count))
