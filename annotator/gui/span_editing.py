"""Span mode of the annotating session: the caret over the document's tokens and the
entity, quote and delete commands made from its selection.

Mixed into ``AnnotationSession`` (which provides the document, the block model, the
workspace, ``_execute`` and the signals), together with the name keys
(``span_names``), the quote speaker and cue links (``span_quotes``) and the suggestion
keys (``span_suggestions``). Every change is one ``EditSpans`` command on the
document's undo stack, committed at once; a change the overlap rules refuse is not
made and the status bar says why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from annotator.core.caret import quote_extent
from annotator.core.commands import EditSpans
from annotator.core.model import Annotation, Quote, Span
from annotator.core.rejections import without_rejected
from annotator.core.spans import (
    Caret,
    entity_at,
    entity_problem,
    excerpt,
    quote_at,
    quote_problem,
    role_at,
)
from annotator.gui.span_names import SpanNames
from annotator.gui.span_quotes import SpanQuotes
from annotator.gui.span_suggestions import SpanSuggestions


class VisualLines(Protocol):
    """Where the text is laid out on screen (the article view): the document offset at
    about the same x on the visual line above (``step`` -1) or below (+1) the one
    holding ``offset``, crossing into the neighbouring block at its first or last line;
    ``None`` past the document's ends. ``x`` is the goal column kept over several
    presses (``None``: the x of ``offset``); the answer returns it too."""

    def line_target(
        self, offset: int, step: int, x: float | None = None
    ) -> tuple[int, float] | None: ...


class SpanEditing(SpanNames, SpanQuotes, SpanSuggestions):
    caret: Caret | None = None
    line_layout: VisualLines | None = None  # the main window sets its article view
    _press_offset: int | None = None
    _goal_x: float | None = None

    # ------------------------------------------------------------------ the caret
    def _ensure_caret(self) -> Caret | None:
        if self.caret is None and self.document is not None:
            text = self.document.text
            tokens = self.workspace.tokens(self.document.id, text)
            self.caret = Caret(tokens, self.model.text_ranges(), text)
        return self.caret

    def enter_span_mode(self) -> None:
        caret = self._ensure_caret()
        if caret is None or caret.empty:
            self.message.emit("This document has no text to mark")
            return
        row = self.model.current
        if not caret.to_block(row):
            caret.place(self.model.text_start(row))
        self.set_mode("span")
        self._caret_moved()

    def leave_span_mode(self) -> None:
        self.set_mode("block")
        self.currentBlockChanged.emit(self.model.current)

    def caret_step(self, step: int, extend: bool = False) -> None:
        """By a word (punctuation passed over); extending, the first step selects the
        word under the caret."""
        if self.caret is not None:
            self.caret.step(step, extend)
            self._caret_moved()

    def caret_token(self, step: int, extend: bool = False) -> None:
        """By one token, punctuation included (to take a comma on purpose)."""
        if self.caret is not None:
            self.caret.token_step(step, extend)
            self._caret_moved()

    def caret_line(self, step: int, extend: bool = False) -> None:
        """Up or down a visual line, to the word nearest the same x; at a block's first
        or last line into the neighbouring block (by block when no view lays it out)."""
        caret = self.caret
        if caret is None:
            return
        lines = self.line_layout
        if lines is None:
            caret.line(step, extend)
            self._caret_moved()
            return
        found = lines.line_target(caret.tokens.starts[caret.focus], step, self._goal_x)
        if found is None:
            self.message.emit("No line " + ("below" if step > 0 else "above"))
            return
        offset, x = found
        caret.place_near(offset, extend)
        self._caret_moved()
        self._goal_x = x  # after _caret_moved, which forgets it

    def caret_block(self, step: int, extend: bool = False) -> None:
        """To the first word of the next (``+1``) or previous (``-1``) block."""
        if self.caret is not None:
            self.caret.line(step, extend)
            self._caret_moved()

    def caret_edge(self, end: bool, extend: bool = False) -> None:
        if self.caret is not None:
            self.caret.block_edge(end, extend)
            self._caret_moved()

    def jump_to(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (snapped to tokens) in span mode: the span list's Enter."""
        caret = self._ensure_caret()
        if caret is None or not caret.select(start, end):
            return
        if self.mode != "span":
            self.set_mode("span")
        self._caret_moved()

    def jump_span(self, step: int) -> None:
        """To the next (``+1``) or previous (``-1``) span, quote or suggestion."""
        caret = self.caret
        if caret is None:
            return
        mine, suggested = self._mine(), self._suggested()
        items = [(s.start, s.end) for s in (*mine.spans, *mine.quotes)]
        if suggested is not None:
            items += [(s.start, s.end) for s in (*suggested.spans, *suggested.quotes)]
        here = caret.selection.start
        after = sorted(i for i in set(items) if (i[0] > here if step > 0 else i[0] < here))
        if not after:
            self.message.emit("No more spans " + ("below" if step > 0 else "above"))
            return
        self.jump_to(*(after[0] if step > 0 else after[-1]))

    def _caret_moved(self) -> None:
        caret = self.caret
        self._goal_x = None
        self._every = None  # a pending "label every occurrence" is for one selection
        self._confirm = None  # so is a pending "press s again to replace"
        self.model.set_span_selection(caret.selection, caret.caret_offset)
        row = caret.block
        if row != self.model.current:
            self.model.select(row, row)
        self.caretMoved.emit(caret.caret_offset)
        self._follow_quote()

    # ------------------------------------------------------------------- the mouse
    def press_text(self, offset: int, extend: bool) -> None:
        self._press_offset = offset
        if self.mode == "span" and self._ensure_caret() is not None:
            self.caret.place(offset, extend)
            self._caret_moved()

    def drag_text(self, offset: int) -> None:
        """Dragging over the text selects tokens (and enters span mode)."""
        caret = self._ensure_caret()
        if caret is None or caret.empty:
            return
        if self.mode != "span":
            caret.place(self._press_offset if self._press_offset is not None else offset)
            self.set_mode("span")
        caret.place(offset, extend=True)
        self._caret_moved()

    def click_block(self, row: int) -> None:
        if self.mode == "block":
            self.move_to(row)

    # --------------------------------------------------------------- the commands
    def _mine(self) -> Annotation:
        return self.workspace.my_annotation(self.document_id)

    def _suggested(self) -> Annotation | None:
        """The shown suggestions less what I rejected (also when another part of the
        window loaded fresh suggestions into the model without filtering them)."""
        return without_rejected(self.model.suggestion_annotation(), self._mine())

    def _quoted(self, start: int, end: int) -> str:
        return excerpt(self.document.text, start, end)

    def label_span(self, name: str) -> None:
        """Mark the selection (or the word under the caret) as an entity ``name``; after
        the every-occurrence key, every occurrence of it."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        if self._every is not None:
            self._label_every(name, *self._every)
            return
        chosen, mine = caret.selection, self._mine()
        if caret.collapsed:  # the caret on one of my entities: relabel all of it
            entity = entity_at(mine.spans, chosen.start, chosen.end)
            chosen = entity.range if entity is not None else chosen
        what = self._quoted(chosen.start, chosen.end)
        new = Span(chosen.start, chosen.end, name)
        same = next((s for s in mine.spans if s.range == chosen), None)
        if same is not None and same.label == name:
            self.message.emit(f"{what} is already {name}")
            return
        if same is not None:
            command = EditSpans(remove_spans=(same,), add_spans=(new,), title=f"relabel {name}")
        else:
            problem = entity_problem(mine.spans, new, self.document.text)
            if problem:
                self.message.emit(f"Not marked {name}: {what} — {problem}")
                return
            command = EditSpans(add_spans=(new,), title=f"mark {name}")
        if self._execute(command):
            self.message.emit(f"{name}: {what}")
            caret.collapse()
            self._caret_moved()

    def make_quote(self) -> None:
        caret = self.caret
        if caret is None or self.document is None:
            return
        mine = self._mine()
        quote = None
        if not caret.selecting:  # the caret in quote marks: the whole passage
            quote = self.workspace.quote_around(
                self.document.text, caret.selection.start, mine.spans
            )
        if quote is None:
            lo, hi = quote_extent(caret, caret.anchor, caret.focus)
            chosen = caret.tokens.range(lo, hi)
            quote = Quote(chosen.start, chosen.end)
        what = self._quoted(quote.start, quote.end)
        if any(q.range == quote.range for q in mine.quotes):
            self.message.emit(f"{what} is already a quote")
            return
        problem = quote_problem(mine.quotes, quote, self.document.text)
        if problem:
            self.message.emit(f"Not a quote: {what} — {problem}")
            return
        if self._execute(EditSpans(add_quotes=(quote,), title="mark quote")):
            caret.collapse()
            self._caret_moved()
            self._set_target(quote, announce=False)
            self.message.emit(f"Quote: {what}{self._links(quote)}")

    def _links(self, quote: Quote) -> str:
        """What the status bar says of a new quote's speaker and cue."""
        found = [
            f"{role} {self._quoted(linked.start, linked.end)}"
            for role, linked in (("speaker", quote.speaker), ("cue", quote.cue))
            if linked is not None
        ]
        if not found:
            return ". Now select its speaker (s) and cue (v)"
        return f" with {' and '.join(found)} (s or v on other words changes them)"

    def delete_at_caret(self) -> None:
        """Delete the entities under the selection; else unlink the speaker or cue under
        it; else delete the quote under it."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        chosen, mine = caret.selection, self._mine()
        entities = tuple(s for s in mine.spans if s.start < chosen.end and chosen.start < s.end)
        if entities:
            names = ", ".join(f"{s.label} {self._quoted(s.start, s.end)}" for s in entities)
            if self._execute(EditSpans(remove_spans=entities, title="delete entity")):
                self.message.emit(f"Deleted {names}")
            return
        linked = role_at(mine.quotes, chosen.start, chosen.end)
        if linked is not None:
            quote, role = linked
            command = EditSpans(
                remove_quotes=(quote,),
                add_quotes=(replace(quote, **{role: None}),),
                title=f"unlink {role}",
            )
            if self._execute(command):
                self.message.emit(f"Unlinked the {role} of the quote")
            return
        quote = quote_at(mine.quotes, chosen.start, chosen.end)
        if quote is not None:
            if self._execute(EditSpans(remove_quotes=(quote,), title="delete quote")):
                self.message.emit(f"Deleted the quote {self._quoted(quote.start, quote.end)}")
            return
        self.message.emit("Nothing to delete under the caret")
