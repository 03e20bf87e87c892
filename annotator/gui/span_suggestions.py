"""Span-mode keys for suggestions: accept the suggested span under the caret, reject it
(it disappears for this annotator: ``annotator.core.rejections``), and accept every
suggestion of the document (block labels, entities and quotes) as one undo step.
Mixed into the session with ``SpanEditing``.
"""

from __future__ import annotations

from annotator.core.commands import AcceptSuggestions, Batch, Command, EditSpans
from annotator.core.model import Annotation, Quote, Span
from annotator.core.rejections import RejectSuggestions, rejected, without_rejected
from annotator.core.spans import entity_problem, quote_problem


class SpanSuggestions:
    _rejections_shown: tuple | None = None

    def shown_suggestions(self, suggested: Annotation | None = None) -> Annotation | None:
        """The suggestions of the open document less what I rejected (``suggested``:
        freshly read ones; else the stored ones are read)."""
        if self.document is None:
            return None
        if suggested is None:
            suggested = self.workspace.suggestions(self.document.id)
        return without_rejected(suggested, self._mine())

    def refresh_suggestions(self, suggested: Annotation | None = None) -> None:
        """Show the open document's suggestions again (after a rejection, its undo, or a
        new pre-annotation run: pass the new ones), without what I rejected."""
        if self.document is None:
            return
        mine = self._mine()
        self.model.set_suggestions(mine, self.shown_suggestions(suggested))
        self._rejections_shown = (self.document.id, repr(rejected(mine)))
        self.spansChanged.emit()

    def _rejections_changed(self) -> bool:
        return self._rejections_shown != (self.document.id, repr(rejected(self._mine())))

    def _under_selection(self) -> tuple[list[Span], list[Quote]]:
        chosen, suggested = self.caret.selection, self._suggested()
        if suggested is None:
            return [], []
        spans = [s for s in suggested.spans if s.start < chosen.end and chosen.start < s.end]
        quotes = [q for q in suggested.quotes if q.start < chosen.end and chosen.start < q.end]
        return spans, quotes

    def _acceptance(self, spans, quotes) -> tuple[list[Span], list[Quote], list[str]]:
        """Which suggested spans and quotes can join mine, and why the others cannot."""
        mine, text = self._mine(), self.document.text
        have_spans = {(s.start, s.end, s.label) for s in mine.spans}
        have_quotes = {(q.start, q.end) for q in mine.quotes}
        refused: list[str] = []
        add_spans = _admit(
            [Span(s.start, s.end, s.label) for s in spans],
            lambda s: (s.start, s.end, s.label) in have_spans,
            list(mine.spans),
            lambda taken, s: entity_problem(taken, s, text),
            refused,
        )
        add_quotes = _admit(
            list(quotes),
            lambda q: (q.start, q.end) in have_quotes,
            list(mine.quotes),
            lambda taken, q: quote_problem(taken, q, text),
            refused,
        )
        return add_spans, add_quotes, refused

    def accept_span_suggestion(self) -> None:
        """Take over the suggested entities and quotes under the selection."""
        if self.caret is None or self.document is None:
            return
        add_spans, add_quotes, refused = self._acceptance(*self._under_selection())
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
            if add_quotes:
                self._set_target(add_quotes[0])

    def reject_span_suggestion(self) -> None:
        """Reject the suggested entities and quotes under the selection: they are no
        longer shown to me (one undo brings them back)."""
        if self.caret is None or self.document is None:
            return
        spans, quotes = self._under_selection()
        if not (spans or quotes):
            self.message.emit("No suggested span here to reject")
            return
        command = RejectSuggestions(tuple(spans), tuple(quotes))
        if self._execute(command):
            names = ", ".join(
                [f"{s.label}? {self._quoted(s.start, s.end)}" for s in spans]
                + [f"quote? {self._quoted(q.start, q.end)}" for q in quotes]
            )
            self.message.emit(f"Rejected {names}")

    def accept_everything(self) -> None:
        """Accept every open suggestion of the document, block labels, entities and
        quotes, as one undo step; say what could not be taken (an overlap)."""
        if self.document is None:
            return
        labels = self.model.labels()
        blocks = {i: s for i, s in self.model.suggested().items() if i not in labels}
        suggested = self._suggested()
        spans = suggested.spans if suggested is not None else []
        quotes = suggested.quotes if suggested is not None else []
        add_spans, add_quotes, refused = self._acceptance(spans, quotes)
        commands: list[Command] = []
        if blocks:
            commands.append(AcceptSuggestions(blocks, "accept block suggestions"))
        if add_spans or add_quotes:
            commands.append(EditSpans(add_spans=tuple(add_spans), add_quotes=tuple(add_quotes)))
        if not commands:
            self.message.emit(
                f"Nothing accepted: {len(refused)} suggestion(s) overlap what you marked"
                if refused
                else "No open suggestions in this document"
            )
            return
        if self._execute(Batch(commands, title="accept all suggestions")):
            parts = [
                f"{n} {what}"
                for n, what in (
                    (len(blocks), "block label(s)"),
                    (len(add_spans), "entities"),
                    (len(add_quotes), "quote(s)"),
                )
                if n
            ]
            skipped = f"; {len(refused)} skipped (they overlap yours)" if refused else ""
            self.message.emit(f"Accepted {', '.join(parts)}{skipped} (Ctrl+Z undoes all)")


def _admit(items, have, taken, problem_of, refused: list[str]) -> list:
    """The ``items`` not had yet that the layer's rules let join ``taken`` one by one;
    the reasons of those refused are added to ``refused``."""
    added = []
    for item in items:
        if have(item):
            continue
        problem = problem_of(taken, item)
        if problem:
            refused.append(problem)
        else:
            added.append(item)
            taken.append(item)
    return added
