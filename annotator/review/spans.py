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
from itertools import combinations
from typing import Any

import orjson

from annotator.review.inputs import Finished

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


def compare_quotes(a: Iterable[Quote], b: Iterable[Quote]) -> QuoteCounts:
    left = sorted(set(a))
    right = sorted(set(b))
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


Stored = list[Any] | str | bytes
_EMPTY: frozenset = frozenset()


def _sets(found: list[Stored], width: int) -> list[set | frozenset]:
    """Sets of item tuples (first ``width`` fields); equal stored texts parsed once."""
    out: list[set | frozenset] = []
    seen: dict[Any, set | frozenset] = {}
    for item in found:
        if isinstance(item, str | bytes):
            parsed = seen.get(item)
            if parsed is None:
                if item in ("[]", b"[]"):
                    parsed = _EMPTY
                else:
                    parsed = {tuple(x[:width]) for x in orjson.loads(item)}
                seen[item] = parsed
            out.append(parsed)
        else:
            out.append({tuple(x[:width]) for x in item})
    return out


def _group(spans: Iterable[Span]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for start, end, label in spans:
        out.setdefault(label, []).append((start, end))
    return out


class SpanCollector:
    """Entity and quote counts per annotator pair and label, summed over documents;
    per-document F1 (over all the document's pairs) kept for the document table.

    Rows are plain lists ``[left, right, exact, overlap]`` (quotes: ``+ [matched,
    speakers_agree]``) while collecting: a corpus has hundreds of thousands of pairs,
    and identical sets (the common case) take a fast path."""

    def __init__(self) -> None:
        self._entities: dict[tuple[str, str], dict[str, list[int]]] = {}
        self._quotes: dict[tuple[str, str], list[int]] = {}
        self.doc_entity_f1: list[float | None] = []
        self.doc_quote_f1: list[float | None] = []

    def add(self, work: Finished) -> None:
        self.add_lists(
            list(work), [a.spans for a in work.values()], [a.quotes for a in work.values()]
        )

    def add_lists(
        self, names: list[str], span_lists: list[Stored], quote_lists: list[Stored]
    ) -> None:
        """One document: each annotator's compact spans and quotes (lists, or the stored
        JSON text, parsed only where annotators differ), names sorted."""
        spans = _sets(span_lists, 3)
        quotes = _sets(quote_lists, 4)
        doc_e = [0, 0, 0]  # left, right, exact
        doc_q = [0, 0, 0]
        for i, j in combinations(range(len(names)), 2):
            pair = (names[i], names[j])
            sa, sb = spans[i], spans[j]
            if sa or sb:
                table = self._entities.get(pair)
                if table is None:
                    table = self._entities[pair] = {}
                self._add_spans(table, sa, sb, doc_e)
            qa, qb = quotes[i], quotes[j]
            row = self._quotes.get(pair)
            if row is None:
                row = self._quotes[pair] = [0, 0, 0, 0, 0, 0]
            if qa or qb:
                self._add_quotes(row, qa, qb, doc_q)
        self.doc_entity_f1.append(f1(doc_e[2], doc_e[0], doc_e[1]))
        self.doc_quote_f1.append(f1(doc_q[2], doc_q[0], doc_q[1]))

    @staticmethod
    def _add_spans(table: dict[str, list[int]], sa: set, sb: set, doc: list[int]) -> None:
        doc[0] += len(sa)
        doc[1] += len(sb)
        common = sa & sb if sa != sb else sa
        doc[2] += len(common)
        for _s, _e, label in common:
            row = table.get(label)
            if row is None:
                row = table[label] = [0, 0, 0, 0]
            row[0] += 1
            row[1] += 1
            row[2] += 1
            row[3] += 1
        if common is sa:
            return
        rest_a = _group(sa - common)
        rest_b = _group(sb - common)
        for label, ranges in rest_a.items():
            row = table.get(label)
            if row is None:
                row = table[label] = [0, 0, 0, 0]
            row[0] += len(ranges)
            other = rest_b.get(label)
            if other:
                row[3] += len(overlap_matches(sorted(ranges), sorted(other)))
        for label, ranges in rest_b.items():
            row = table.get(label)
            if row is None:
                row = table[label] = [0, 0, 0, 0]
            row[1] += len(ranges)

    @staticmethod
    def _add_quotes(row: list[int], qa: set, qb: set, doc: list[int]) -> None:
        if qa == qb:
            n = len(qa)
            counts = (n, n, n, n, n, n)
        else:
            c = compare_quotes(qa, qb)
            counts = (c.left, c.right, c.exact, c.overlap, c.matched, c.speakers_agree)
        for k in range(6):
            row[k] += counts[k]
        doc[0] += counts[0]
        doc[1] += counts[1]
        doc[2] += counts[2]

    @property
    def entities(self) -> dict[tuple[str, str], dict[str, SpanCounts]]:
        return {
            pair: {label: SpanCounts(*row) for label, row in table.items()}
            for pair, table in self._entities.items()
        }

    @property
    def quotes(self) -> dict[tuple[str, str], QuoteCounts]:
        return {pair: QuoteCounts(*row) for pair, row in self._quotes.items()}


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
