"""Span-mode speaker and cue links, always to a named target quote.

The target quote is the quote of mine the caret was last in (moving into one, making
one, accepting a suggested one or jumping to one makes it the target), or the one
chosen with the cycle key among the quotes near the caret. ``s``/``v`` link to the
target, never to another quote; the status bar names the target whenever it changes.
With no target near, the nearest quote is used only when that changes nothing already
linked: replacing its speaker or cue asks for a second press. Replacing a link says
what it replaced; one undo restores it. Mixed into the session with ``SpanEditing``.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.commands import EditSpans
from annotator.core.model import Quote, Range
from annotator.core.spans import entity_at, nearest_quote, quote_problem

NEAR_BLOCKS = 2  # a speaker or cue is linked to a quote at most this many blocks away


class SpanQuotes:
    _target: tuple[int, int] | None = None  # (start, end) of the target quote
    _confirm: tuple | None = None  # (role, range, quote range) waiting for a second press

    # ---------------------------------------------------------------- the target
    def target_quote(self) -> Quote | None:
        """The target quote of ``s``/``v`` (``None`` when there is none)."""
        if self._target is None or self.document is None:
            return None
        start, end = self._target
        return next((q for q in self._mine().quotes if (q.start, q.end) == (start, end)), None)

    def _set_target(self, quote: Quote | None, announce: bool = True) -> None:
        key = None if quote is None else (quote.start, quote.end)
        if key == self._target:
            return
        self._target = key
        if announce and quote is not None:
            self.message.emit(f"Target quote: {self._describe(quote)} (t: another one)")

    def _describe(self, quote: Quote) -> str:
        text = self._quoted(quote.start, quote.end)
        row = self.model.row_at(quote.start) + 1
        speaker = quote.speaker
        said = f", speaker {self._quoted(speaker.start, speaker.end)}" if speaker else ""
        return f"{text} (block {row}{said})"

    def _follow_quote(self) -> None:
        """The caret moved: a quote of mine under it becomes the target."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        chosen = caret.selection
        under = next(
            (q for q in self._mine().quotes if q.start < chosen.end and chosen.start < q.end),
            None,
        )
        if under is not None:
            self._set_target(under)

    def near_quotes(self) -> list[Quote]:
        """My quotes within ``NEAR_BLOCKS`` blocks of the caret, in text order."""
        chosen = self.caret.selection
        return [q for q in self._mine().quotes if self._blocks_apart(q, chosen) <= NEAR_BLOCKS]

    def cycle_target(self) -> None:
        """Make the next quote near the caret the target (from the nearest one)."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        near = self.near_quotes()
        if not near:
            self.message.emit("No quote near the caret: mark one first (q)")
            return
        current = self.target_quote()
        if current in near:
            chosen = near[(near.index(current) + 1) % len(near)]
        else:
            chosen = nearest_quote(near, caret.selection.start, caret.selection.end)
        self._target = None
        self._set_target(chosen)
        if len(near) == 1:
            self.message.emit(f"Target quote: {self._describe(chosen)} (the only one near)")

    # ------------------------------------------------------------------ linking
    def attach(self, role: str) -> None:
        """Link the selection (or the entity under the caret) as the ``role`` (speaker or
        cue) of the target quote."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        chosen, mine = caret.selection, self._mine()
        if caret.collapsed:
            entity = entity_at(mine.spans, chosen.start, chosen.end)
            if entity is not None:
                chosen = entity.range
        what = self._quoted(chosen.start, chosen.end)
        quote = self.target_quote()
        explicit = quote is not None and self._blocks_apart(quote, chosen) <= NEAR_BLOCKS
        if not explicit:
            near = [q for q in mine.quotes if self._blocks_apart(q, chosen) <= NEAR_BLOCKS]
            quote = nearest_quote(near, chosen.start, chosen.end)
        if quote is None:
            self.message.emit(f"No quote near the caret to give a {role}: mark the quote first (q)")
            return
        old: Range | None = getattr(quote, role)
        if old == chosen:
            self.message.emit(f"{what} is already the {role} of {self._describe(quote)}")
            return
        pending = (role, chosen, (quote.start, quote.end))
        if old is not None and not explicit and self._confirm != pending:
            self._confirm = pending
            self.message.emit(
                f"{self._describe(quote)} already has the {role} "
                f"{self._quoted(old.start, old.end)}: press {role[0]} again to replace it, "
                "or t to choose another quote"
            )
            return
        self._confirm = None
        changed = replace(quote, **{role: Range(chosen.start, chosen.end)})
        others = [q for q in mine.quotes if q != quote]
        problem = quote_problem(others, changed, self.document.text)
        if problem:
            self.message.emit(f"Not linked: {problem}")
            return
        title = f"link {role}" if old is None else f"replace {role}"
        command = EditSpans(remove_quotes=(quote,), add_quotes=(changed,), title=title)
        if self._execute(command):
            self._target = (quote.start, quote.end)
            target = self._quoted(quote.start, quote.end)
            if old is None:
                self.message.emit(f"{role.capitalize()} {what} linked to the quote {target}")
            else:
                self.message.emit(
                    f"{role.capitalize()} of the quote {target}: replaced "
                    f"{self._quoted(old.start, old.end)} with {what} (Ctrl+Z restores it)"
                )
            caret.collapse()
            self._caret_moved()

    def _blocks_apart(self, quote: Quote, chosen: Range) -> int:
        """How many blocks lie between a quote and a range (0: they share a block)."""
        row_at = self.model.row_at
        first, last = row_at(quote.start), row_at(max(quote.start, quote.end - 1))
        lo, hi = row_at(chosen.start), row_at(max(chosen.start, chosen.end - 1))
        return max(0, lo - last, first - hi)
