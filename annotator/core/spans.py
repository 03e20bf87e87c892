"""Rules of entity spans and quotes, and the tokens a caret moves over.

Pure Python. The GUI asks these functions whether a change is allowed (and why not)
before it builds a command; the commands check again, so a replayed change can never
break the rules:

- entities form one layer: two entity spans never overlap (an entity may sit inside a
  quote);
- quotes form another layer: two quotes never overlap; a quote may cross blocks;
- a quote's speaker and cue are ranges outside the quote's content.

Offsets are ``[start, end)`` code-point indices into the document text; the token
index only decides where selections may start and end (never inside a token).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.model import Quote, Range, Span


class SpanConflict(ValueError):
    """A span or quote change that breaks a rule; the message says which and why."""


# ------------------------------------------------------------------------ finding
QUOTE_MARKS = frozenset("“\"«‘'„")


def excerpt(text: str, start: int, end: int, limit: int = 48) -> str:
    """The text of a range, quoted and shortened for a message."""
    shown = " ".join(text[start:end].split())
    if len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    if shown[:1] in QUOTE_MARKS:  # a quote keeps its own marks
        return shown
    return f"“{shown}”"


def overlapping_entity(
    spans: Iterable[Span], start: int, end: int, ignore: Span | None = None
) -> Span | None:
    """The first entity span overlapping ``[start, end)``, other than ``ignore``."""
    for span in spans:
        if span != ignore and span.start < end and start < span.end:
            return span
    return None


def overlapping_quote(
    quotes: Iterable[Quote], start: int, end: int, ignore: Quote | None = None
) -> Quote | None:
    for quote in quotes:
        if quote != ignore and quote.start < end and start < quote.end:
            return quote
    return None


def entity_at(spans: Iterable[Span], start: int, end: int | None = None) -> Span | None:
    """The entity under ``[start, end)`` (or the offset ``start``): the smallest one."""
    end = start + 1 if end is None else max(end, start + 1)
    found = [s for s in spans if s.start < end and start < s.end]
    return min(found, key=lambda s: (s.end - s.start, s.start)) if found else None


def quote_at(quotes: Iterable[Quote], start: int, end: int | None = None) -> Quote | None:
    end = start + 1 if end is None else max(end, start + 1)
    return next((q for q in quotes if q.start < end and start < q.end), None)


def role_at(
    quotes: Iterable[Quote], start: int, end: int | None = None
) -> tuple[Quote, str] | None:
    """The quote whose speaker or cue lies under the range, and which of the two."""
    end = start + 1 if end is None else max(end, start + 1)
    for quote in quotes:
        for role in ("speaker", "cue"):
            linked: Range | None = getattr(quote, role)
            if linked is not None and linked.start < end and start < linked.end:
                return quote, role
    return None


def nearest_quote(quotes: Iterable[Quote], start: int, end: int) -> Quote | None:
    """The quote containing the range, else the one with the smallest gap to it (the
    earlier one on a tie: speakers and cues usually follow the quote)."""
    best, best_key = None, None
    for quote in quotes:
        if quote.start < end and start < quote.end:
            return quote
        gap = start - quote.end if quote.end <= start else quote.start - end
        key = (gap, 0 if quote.end <= start else 1)
        if best_key is None or key < best_key:
            best, best_key = quote, key
    return best


# -------------------------------------------------------------------------- rules
def entity_problem(spans: Sequence[Span], span: Span, text: str | None = None) -> str | None:
    """Why ``span`` cannot join ``spans`` (``None`` when it can)."""
    if span.end <= span.start:
        return "an entity cannot be empty"
    if text is not None and "\n" in text[span.start : span.end]:
        return "an entity cannot run across lines or paragraphs (quotes can)"
    other = overlapping_entity(spans, span.start, span.end)
    if other is None:
        return None
    what = excerpt(text, other.start, other.end) if text is not None else ""
    where = f"[{other.start}, {other.end})"
    return (
        f"it overlaps the {other.label} span {what or where}; entities may not overlap "
        "(delete that one first, or select exactly it to relabel it)"
    )


def quote_problem(quotes: Sequence[Quote], quote: Quote, text: str | None = None) -> str | None:
    """Why ``quote`` cannot join ``quotes`` (``None`` when it can)."""
    if quote.end <= quote.start:
        return "a quote cannot be empty"
    other = overlapping_quote(quotes, quote.start, quote.end)
    if other is not None:
        what = excerpt(text, other.start, other.end) if text is not None else ""
        what = what or f"[{other.start}, {other.end})"
        return f"it overlaps the quote {what}; quotes may not overlap"
    for role in ("speaker", "cue"):
        linked: Range | None = getattr(quote, role)
        if linked is not None and linked.overlaps(quote.range):
            return f"the {role} must lie outside the quote's own words"
    return None


# ------------------------------------------------------------------------- tokens
class TokenIndex:
    """Token ``[start, end)`` offsets of one document, sorted, without whitespace."""

    def __init__(self, offsets: Iterable[tuple[int, int]]) -> None:
        pairs = sorted((s, e) for s, e in offsets if e > s)
        self.starts = [s for s, _ in pairs]
        self.ends = [e for _, e in pairs]

    def __len__(self) -> int:
        return len(self.starts)

    def token_at(self, offset: int) -> int:
        """The token containing ``offset``, else the next one (the last at the end)."""
        return min(bisect_right(self.ends, offset), len(self.starts) - 1)

    def snap(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last token touched by ``[start, end)``; ``None`` when none is."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, max(end, start + 1)) - 1
        return (first, last) if first <= last else None

    def range(self, first: int, last: int) -> Range:
        lo, hi = min(first, last), max(first, last)
        return Range(self.starts[lo], self.ends[hi])

    def in_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens starting inside ``[start, end)`` as ``first, stop`` (stop exclusive)."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)


@dataclass(slots=True)
class Caret:
    """The span-mode caret: a focus token and an anchor token; the selection is every
    token between them. Moves by token, to the neighbouring block, or to a block's
    ends; ``blocks`` are the ``[start, end)`` ranges of the document's blocks."""

    tokens: TokenIndex
    blocks: Sequence[tuple[int, int]]
    anchor: int = 0
    focus: int = 0
    _firsts: list[int] = field(default_factory=list, init=False, repr=False)
    _stops: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        firsts, stops = [], []
        for start, end in self.blocks:
            first, stop = self.tokens.in_range(start, end)
            firsts.append(first)
            stops.append(stop)
        self._firsts, self._stops = firsts, stops

    @property
    def empty(self) -> bool:
        return len(self.tokens) == 0

    @property
    def selection(self) -> Range:
        return self.tokens.range(self.anchor, self.focus)

    @property
    def collapsed(self) -> bool:
        return self.anchor == self.focus

    @property
    def caret_offset(self) -> int:
        """Where the caret bar is drawn: after the focus token, or before it when the
        selection was extended backwards."""
        if self.focus < self.anchor:
            return self.tokens.starts[self.focus]
        return self.tokens.ends[self.focus]

    def block_of(self, token: int) -> int:
        """The block holding ``token`` (the nearest one before it for stray tokens)."""
        return max(0, bisect_right(self._firsts, token) - 1)

    @property
    def block(self) -> int:
        return self.block_of(self.focus)

    def _go(self, token: int, extend: bool) -> None:
        self.focus = max(0, min(token, len(self.tokens) - 1))
        if not extend:
            self.anchor = self.focus

    def step(self, step: int, extend: bool = False) -> None:
        if not self.empty:
            self._go(self.focus + step, extend)

    def to_block(self, block: int, extend: bool = False) -> bool:
        """Go to the first token of ``block``; False when it has no tokens."""
        if not (0 <= block < len(self.blocks)) or self._firsts[block] >= self._stops[block]:
            return False
        self._go(self._firsts[block], extend)
        return True

    def line(self, step: int, extend: bool = False) -> None:
        """To the first token of the next (``+1``) or previous (``-1``) block with text."""
        block = self.block
        while 0 <= block + step < len(self.blocks):
            block += step
            if self.to_block(block, extend):
                return

    def block_edge(self, end: bool, extend: bool = False) -> None:
        block = self.block
        first, stop = self._firsts[block], self._stops[block]
        if first < stop:
            self._go(stop - 1 if end else first, extend)

    def place(self, offset: int, extend: bool = False) -> None:
        if not self.empty:
            self._go(self.tokens.token_at(offset), extend)

    def select(self, start: int, end: int) -> bool:
        """Select the tokens of ``[start, end)``; False when it holds none."""
        found = self.tokens.snap(start, end)
        if found is None:
            return False
        self.anchor, self.focus = found
        return True

    def collapse(self) -> None:
        self.anchor = self.focus
