"""Agreement on entity spans and quotes between pairs of annotators.

Entities: F1 of one annotator's spans against another's (symmetric:
``2 * matched / (spans of a + spans of b)``), per label and over all labels, with two
matchings: *exact* (same start, end and label) and *overlap* (same label and overlapping
ranges, matched one to one: exact matches first, then the largest overlaps).

Quotes: the same two F1 scores over the content ranges, and *speaker agreement*: of the
quotes matched by overlap, the share whose speakers agree (both have none, or both have
one and the two ranges overlap).

Counts are summed over documents and pairs, so corpus figures are micro-averages; a
score with nothing to compare (no spans on either side) is ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[int, int, str]
Quote = tuple[int, int, int | None, int | None]  # start, end, speaker start, speaker end


def f1(matched: int, left: int, right: int) -> float | None:
    total = left + right
    return None if total == 0 else 2.0 * matched / total


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


def overlap_matches(
    left: list[tuple[int, int]], right: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping ranges: identical ranges first, then the pairs
    with the largest overlap. Returns index pairs (into ``left``, into ``right``)."""
    pairs: list[tuple[int, int]] = []
    free_right = {r: j for j, r in enumerate(right)}
    rest_left = []
    for i, r in enumerate(left):
        j = free_right.pop(r, None)
        if j is None:
            rest_left.append(i)
        else:
            pairs.append((i, j))
    if not rest_left or not free_right:
        return pairs
    candidates = []
    for i in rest_left:
        a0, a1 = left[i]
        for (b0, b1), j in free_right.items():
            size = _overlap(a0, a1, b0, b1)
            if size > 0:
                candidates.append((-size, i, j))
    candidates.sort()
    used_left: set[int] = set()
    used_right: set[int] = set()
    for _size, i, j in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j))
    return pairs


@dataclass(slots=True)
class SpanCounts:
    """Counts of one annotator pair (or all pairs) for one label (or all labels)."""

    left: int = 0
    right: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, other: SpanCounts) -> None:
        self.left += other.left
        self.right += other.right
        self.exact += other.exact
        self.overlap += other.overlap


@dataclass(slots=True)
class QuoteCounts(SpanCounts):
    matched: int = 0  # quotes matched by overlap
    speakers_agree: int = 0

    def add(self, other: QuoteCounts) -> None:  # type: ignore[override]
        SpanCounts.add(self, other)
        self.matched += other.matched
        self.speakers_agree += other.speakers_agree


def compare_spans(a: Iterable[Span], b: Iterable[Span]) -> dict[str, SpanCounts]:
    """Per-label counts of two annotators' spans on one document."""
    by_label: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    for s in set(a):
        by_label.setdefault(s[2], ([], []))[0].append((s[0], s[1]))
    for s in set(b):
        by_label.setdefault(s[2], ([], []))[1].append((s[0], s[1]))
    out = {}
    for label, (left, right) in by_label.items():
        exact = len(set(left) & set(right))
        overlap = exact if exact == len(left) or exact == len(right) else None
        if overlap is None:
            overlap = len(overlap_matches(sorted(left), sorted(right)))
        out[label] = SpanCounts(len(left), len(right), exact, overlap)
    return out


def _quote_order(quote: Quote) -> tuple:
    """Sort key of a quote: one without a speaker (None) sorts before one with."""
    return tuple(-1 if v is None else v for v in quote)


def compare_quotes(a: Iterable[Quote], b: Iterable[Quote]) -> QuoteCounts:
    left = sorted(set(a), key=_quote_order)
    right = sorted(set(b), key=_quote_order)
    ranges_l = [(q[0], q[1]) for q in left]
    ranges_r = [(q[0], q[1]) for q in right]
    exact = len(set(ranges_l) & set(ranges_r))
    matches = overlap_matches(ranges_l, ranges_r)
    agree = 0
    for i, j in matches:
        sl, sr = left[i], right[j]
        if sl[2] is None or sr[2] is None:
            agree += sl[2] is None and sr[2] is None
        else:
            agree += _overlap(sl[2], sl[3], sr[2], sr[3]) > 0
    return QuoteCounts(len(left), len(right), exact, len(matches), len(matches), agree)


def total(counts: Iterable[SpanCounts]) -> SpanCounts:
    out = SpanCounts()
    for c in counts:
        out.add(c)
    return out


def total_quotes(counts: Iterable[QuoteCounts]) -> QuoteCounts:
    out = QuoteCounts()
    for c in counts:
        out.add(c)
    return out
