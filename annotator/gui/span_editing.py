"""Span mode of the annotating session: the caret over the document's tokens and the
entity, quote, speaker and cue commands made from its selection.

Mixed into ``AnnotationSession`` (which provides the document, the block model, the
workspace, ``_execute`` and the signals). Every change is one ``EditSpans`` command on
the document's undo stack, committed at once; a change the overlap rules refuse is not
made and the status bar says why.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.commands import EditSpans
from annotator.core.model import Annotation, Quote, Range, Span
from annotator.core.spans import (
    Caret,
    entity_at,
    entity_problem,
    excerpt,
    nearest_quote,
    quote_at,
    quote_problem,
    role_at,
)

NEAR_BLOCKS = 2  # a speaker or cue is linked to a quote at most this many blocks away


class SpanEditing:
    caret: Caret | None = None
    _press_offset: int | None = None

    # ------------------------------------------------------------------ the caret
    def _ensure_caret(self) -> Caret | None:
        if self.caret is None and self.document is not None:
            tokens = self.workspace.tokens(self.document.id, self.document.text)
            self.caret = Caret(tokens, self.model.text_ranges())
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
        if self.caret is not None:
            self.caret.step(step, extend)
            self._caret_moved()

    def caret_line(self, step: int, extend: bool = False) -> None:
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
        self.model.set_span_selection(caret.selection, caret.caret_offset)
        row = caret.block
        if row != self.model.current:
            self.model.select(row, row)
        self.caretMoved.emit(caret.caret_offset)

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
        return self.model.suggestion_annotation()

    def _quoted(self, start: int, end: int) -> str:
        return excerpt(self.document.text, start, end)

    def label_span(self, name: str) -> None:
        caret = self.caret
        if caret is None or self.document is None:
            return
        chosen, mine = caret.selection, self._mine()
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
        chosen, mine = caret.selection, self._mine()
        what = self._quoted(chosen.start, chosen.end)
        if any(q.range == chosen for q in mine.quotes):
            self.message.emit(f"{what} is already a quote")
            return
        quote = Quote(chosen.start, chosen.end)
        problem = quote_problem(mine.quotes, quote, self.document.text)
        if problem:
            self.message.emit(f"Not a quote: {what} — {problem}")
            return
        if self._execute(EditSpans(add_quotes=(quote,), title="mark quote")):
            self.message.emit(f"Quote: {what}. Now select its speaker (s) and cue (v)")
            caret.collapse()
            self._caret_moved()

    def attach(self, role: str) -> None:
        """Link the selection (or the entity under the caret) as the speaker or cue of
        the quote under or nearest the caret."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        chosen, mine = caret.selection, self._mine()
        if caret.collapsed:
            entity = entity_at(mine.spans, chosen.start, chosen.end)
            if entity is not None:
                chosen = entity.range
        quote = nearest_quote(mine.quotes, chosen.start, chosen.end)
        what = self._quoted(chosen.start, chosen.end)
        if quote is None or self._blocks_apart(quote, chosen) > NEAR_BLOCKS:
            self.message.emit(f"No quote near the caret to give a {role}: mark the quote first (q)")
            return
        if getattr(quote, role) == chosen:
            self.message.emit(f"{what} is already the {role} of that quote")
            return
        changed = replace(quote, **{role: Range(chosen.start, chosen.end)})
        others = [q for q in mine.quotes if q != quote]
        problem = quote_problem(others, changed, self.document.text)
        if problem:
            self.message.emit(f"Not linked: {problem}")
            return
        command = EditSpans(remove_quotes=(quote,), add_quotes=(changed,), title=f"link {role}")
        if self._execute(command):
            target = self._quoted(quote.start, quote.end)
            self.message.emit(f"{role.capitalize()} {what} linked to the quote {target}")
            caret.collapse()
            self._caret_moved()

    def _blocks_apart(self, quote: Quote, chosen: Range) -> int:
        """How many blocks lie between a quote and a range (0: they share a block)."""
        row_at = self.model.row_at
        first, last = row_at(quote.start), row_at(max(quote.start, quote.end - 1))
        lo, hi = row_at(chosen.start), row_at(max(chosen.start, chosen.end - 1))
        return max(0, lo - last, first - hi)

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

    def accept_span_suggestion(self) -> None:
        """Take over the suggested entities and quotes under the selection."""
        caret, suggested = self.caret, self._suggested()
        if caret is None or self.document is None:
            return
        chosen, mine = caret.selection, self._mine()
        spans = [
            Span(s.start, s.end, s.label)
            for s in (suggested.spans if suggested else [])
            if s.start < chosen.end and chosen.start < s.end
        ]
        quotes = [
            q
            for q in (suggested.quotes if suggested else [])
            if q.start < chosen.end and chosen.start < q.end and q not in mine.quotes
        ]
        spans = [s for s in spans if s not in mine.spans]
        taken_spans, taken_quotes, refused = list(mine.spans), list(mine.quotes), []
        add_spans, add_quotes = [], []
        for span in spans:
            problem = entity_problem(taken_spans, span, self.document.text)
            if problem:
                refused.append(problem)
            else:
                add_spans.append(span)
                taken_spans.append(span)
        for quote in quotes:
            problem = quote_problem(taken_quotes, quote, self.document.text)
            if problem:
                refused.append(problem)
            else:
                add_quotes.append(quote)
                taken_quotes.append(quote)
        if not (add_spans or add_quotes):
            self.message.emit(
                f"Not accepted: {refused[0]}" if refused else "No suggested span here"
            )
            return
        command = EditSpans(
            add_spans=tuple(add_spans), add_quotes=tuple(add_quotes), title="accept span"
        )
        if self._execute(command):
            self.message.emit(f"Accepted {len(add_spans) + len(add_quotes)} suggestion(s)")
