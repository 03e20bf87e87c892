"""The tokens a span-mode caret moves over, and the caret itself.

Pure Python. A caret sits on a token (``focus``); once the user starts selecting, the
selection runs from ``anchor`` to ``focus`` (whole tokens). Word moves step over words
only: punctuation tokens are passed over, so a selection made with them never starts or
ends on a comma or a quote mark ("SEOUL," is never selected by a word step); they are
inside a selection when words lie on both sides ("U.S.-led": "U.S." "-" "led",
"Procter & Gamble"). Token steps (``token_step``) move one token, punctuation included,
for the rare entity that really ends on one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.model import Range

OPENING_QUOTES = frozenset("“\"«‘'„‚‹")
CLOSING_QUOTES = frozenset("”\"»’'“‹›")


def is_word(token: str) -> bool:
    """A token with a letter or digit in it (``U.S.``, ``'s``, ``2024``), not ``,`` or ``—``."""
    return any(c.isalnum() for c in token)


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
    """The span-mode caret over ``tokens``; ``blocks`` are the ``[start, end)`` ranges of
    the document's blocks and ``text`` the document text (it tells words from
    punctuation; without it every token counts as a word).

    ``selecting`` is False while the caret merely sits on a token: the first extending
    step selects that token itself (as Shift+Ctrl+Right from the start of a word does in
    an editor), later ones grow or shrink the selection by a word."""

    tokens: TokenIndex
    blocks: Sequence[tuple[int, int]]
    text: str | None = None
    anchor: int = 0
    focus: int = 0
    selecting: bool = False
    _firsts: list[int] = field(default_factory=list, init=False, repr=False)
    _stops: list[int] = field(default_factory=list, init=False, repr=False)
    _words: list[bool] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        firsts, stops = [], []
        for start, end in self.blocks:
            first, stop = self.tokens.in_range(start, end)
            firsts.append(first)
            stops.append(stop)
        self._firsts, self._stops = firsts, stops
        text, tokens = self.text, self.tokens
        self._words = [
            text is None or is_word(text[s:e])
            for s, e in zip(tokens.starts, tokens.ends, strict=True)
        ]
        if self._words and not self._words[0]:
            self.anchor = self.focus = self._word_from(0, +1, 0)

    # ---------------------------------------------------------------- reading
    @property
    def empty(self) -> bool:
        return len(self.tokens) == 0

    @property
    def selection(self) -> Range:
        """The selected tokens; the token under the caret when nothing is selected."""
        return self.tokens.range(self.anchor, self.focus)

    @property
    def collapsed(self) -> bool:
        return not self.selecting

    @property
    def caret_offset(self) -> int:
        """Where the caret bar is drawn: before the token under it; after the selection,
        or before it when the selection was extended backwards."""
        if not self.selecting or self.focus < self.anchor:
            return self.tokens.starts[self.focus]
        return self.tokens.ends[self.focus]

    def is_word(self, token: int) -> bool:
        return self._words[token]

    def block_of(self, token: int) -> int:
        """The block holding ``token`` (the nearest one before it for stray tokens)."""
        return max(0, bisect_right(self._firsts, token) - 1)

    @property
    def block(self) -> int:
        return self.block_of(self.focus)

    def block_tokens(self, block: int) -> range:
        return range(self._firsts[block], self._stops[block])

    # ---------------------------------------------------------------- moving
    def _word_from(self, token: int, step: int, default: int) -> int:
        """The first word token from ``token`` on in direction ``step``; ``default``
        when there is none."""
        words, i = self._words, token
        while 0 <= i < len(words):
            if words[i]:
                return i
            i += step
        return default

    def _go(self, token: int, extend: bool) -> None:
        token = max(0, min(token, len(self.tokens) - 1))
        if extend and not self.selecting:
            self.anchor, self.selecting = self.focus, True
        self.focus = token
        if not extend:
            self.anchor, self.selecting = token, False

    def step(self, step: int, extend: bool = False) -> None:
        """To the next (``+1``) or previous (``-1``) word. Extending: the first step
        selects the word under the caret, later ones add (or drop) a word."""
        if self.empty:
            return
        if extend and not self.selecting:
            here = self.focus
            if not self._words[here]:
                here = self._word_from(here, step, here)
            self.anchor = self.focus = here
            self.selecting = True
            return
        if not extend and self.selecting:  # from the selection's edge on that side
            edge = max(self.anchor, self.focus) if step > 0 else min(self.anchor, self.focus)
        else:
            edge = self.focus
        self._go(self._word_from(edge + step, step, edge), extend)

    def token_step(self, step: int, extend: bool = False) -> None:
        """One token, punctuation included: for extending onto a comma on purpose."""
        if not self.empty:
            self._go(self.focus + step, extend)

    def to_block(self, block: int, extend: bool = False) -> bool:
        """Go to the first word of ``block``; False when it has no tokens."""
        if not (0 <= block < len(self.blocks)) or self._firsts[block] >= self._stops[block]:
            return False
        first, stop = self._firsts[block], self._stops[block]
        word = self._word_from(first, +1, first)
        self._go(word if word < stop else first, extend)
        return True

    def line(self, step: int, extend: bool = False) -> None:
        """To the first word of the next (``+1``) or previous (``-1``) block with text."""
        block = self.block
        while 0 <= block + step < len(self.blocks):
            block += step
            if self.to_block(block, extend):
                return

    def block_edge(self, end: bool, extend: bool = False) -> None:
        """To the block's last (``end``) or first word."""
        block = self.block
        first, stop = self._firsts[block], self._stops[block]
        if first >= stop:
            return
        if end:
            word = self._word_from(stop - 1, -1, stop - 1)
            self._go(word if word >= first else stop - 1, extend)
        else:
            word = self._word_from(first, +1, first)
            self._go(word if word < stop else first, extend)

    def place(self, offset: int, extend: bool = False) -> None:
        """On the token at ``offset`` (a click: punctuation too)."""
        if not self.empty:
            self._go(self.tokens.token_at(offset), extend)

    def place_near(self, offset: int, extend: bool = False) -> None:
        """On the word nearest ``offset`` in its block (a move by visual line): the
        token there, else (a space, a comma) the closest word beside it, the earlier
        one on a tie so a wrapped line's trailing space stays on its line."""
        if self.empty:
            return
        tokens = self.tokens
        token = tokens.token_at(offset)
        block = self.block_of(token)
        first, stop = self._firsts[block], self._stops[block]
        inside = tokens.starts[token] <= offset < tokens.ends[token]
        near = [token] if inside else [token - 1, token]
        near += [i for t in list(near) for i in (t - 1, t + 1)]
        near = [i for i in dict.fromkeys(near) if first <= i < stop] or [token]
        words = [i for i in near if self._words[i]] or near
        if inside and self._words[token]:
            words = [token]
        self._go(min(words, key=lambda i: (self._gap(i, offset), i)), extend)

    def _gap(self, token: int, offset: int) -> int:
        start, end = self.tokens.starts[token], self.tokens.ends[token]
        return 0 if start <= offset < end else min(abs(start - offset), abs(end - offset))

    def select(self, start: int, end: int) -> bool:
        """Select the tokens of ``[start, end)``; False when it holds none."""
        found = self.tokens.snap(start, end)
        if found is None:
            return False
        self.anchor, self.focus = found
        self.selecting = True
        return True

    def collapse(self) -> None:
        self.anchor, self.selecting = self.focus, False

    def sit(self, token: int) -> None:
        """The caret on ``token``, nothing selected."""
        self._go(token, extend=False)


def quote_extent(caret: Caret, first: int, last: int) -> tuple[int, int]:
    """The tokens ``first..last`` as a quote's content, the convention of the quote
    suggester: the words between the marks, without the marks themselves. A selection
    that took a mark at either end loses it, and one that stops just before the
    punctuation of a closing mark grows over it (``policy`` -> ``... policy,`` before
    ``”``), never past a line end or onto a word."""
    tokens, text = caret.tokens, caret.text
    if text is None:
        return first, last
    lo, hi = min(first, last), max(first, last)

    def piece(i: int) -> str:
        return text[tokens.starts[i] : tokens.ends[i]]

    def joined(a: int, b: int) -> bool:  # no line break between tokens a and b
        return "\n" not in text[tokens.ends[a] : tokens.starts[b]]

    if lo < hi and set(piece(lo)) <= OPENING_QUOTES:
        lo += 1
    if lo < hi and set(piece(hi)) <= CLOSING_QUOTES:
        hi -= 1
    i = hi
    while i + 1 < len(tokens) and not caret.is_word(i + 1) and joined(i, i + 1):
        if set(piece(i + 1)) & CLOSING_QUOTES:
            hi = i
            break
        i += 1
    return lo, hi
