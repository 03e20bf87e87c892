"""Span-mode keys for names: select the name under or after the caret, jump to the next
or previous name not yet marked, and label every occurrence of a text at once.

A name candidate (``annotator.core.candidates``) is a suggested span or a run of
capitalised words. Mixed into the session with ``SpanEditing``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from annotator.core.candidates import Candidate, candidates, occurrences, worth_a_name
from annotator.core.commands import EditSpans
from annotator.core.model import Span
from annotator.core.rejections import rejected
from annotator.core.spans import entity_at


class SpanNames:
    _every: tuple[int, int] | None = None  # armed "label every occurrence" of this range
    _candidates_for: tuple | None = None
    _candidates: list[Candidate] = []

    def name_candidates(self) -> list[Candidate]:
        """The open document's name candidates (suggestions first), cached until my
        spans or the suggestions change."""
        suggested = self._suggested()
        shown = self.model.suggestion_annotation()  # kept by the model: a stable id
        key = (self.document_id, id(shown), id(self.caret), repr(rejected(self._mine())))
        if key != self._candidates_for:
            spans = suggested.spans if suggested is not None else ()
            self._candidates = candidates(self.document.text, self.caret.tokens, spans)
            self._candidates_for = key
        return self._candidates

    def _free_test(self):
        """A test of whether a candidate is not yet an entity of mine (none of mine
        overlaps it). My entities never overlap and are kept sorted: ends sorted too."""
        spans = self._mine().spans
        ends = [s.end for s in spans]

        def free(candidate: Candidate) -> bool:
            i = bisect_right(ends, candidate.start)
            return i >= len(spans) or spans[i].start >= candidate.end

        return free

    def _select_candidate(self, found: Candidate) -> None:
        self.caret.select(found.start, found.end)
        self._caret_moved()
        what = self._quoted(found.start, found.end)
        if found.label is not None:
            self.message.emit(f"{found.label}? {what}: Space accepts, a label key marks, x rejects")
        else:
            self.message.emit(f"{what}: a label key marks it, e marks every occurrence")

    def select_name(self) -> None:
        """Select the unmarked name under the caret, else the next one after it. Pressed
        again on a selected name: the next one."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        here = caret.tokens.starts[caret.focus]
        chosen, free = caret.selection, self._free_test()
        for found in self.name_candidates():
            if found.end <= here or not free(found):
                continue
            if caret.selecting and (found.start, found.end) == (chosen.start, chosen.end):
                continue  # already selected: on to the next
            self._select_candidate(found)
            return
        self.message.emit("No more names after the caret")

    def _article_test(self):
        """A test of whether a candidate lies in the article: in a block whose label (mine,
        else the suggested one) is body in the binary view, or that has no label. Entities
        are marked, and the NER trained, in the article, not in the site chrome."""
        labels, suggested = self.model.labels(), self.model.suggested()
        binary, row_at = self.workspace.schema.binary, self.model.row_at

        def inside(candidate: Candidate) -> bool:
            row = row_at(candidate.start)
            label = labels.get(row) or suggested.get(row)
            return label is None or binary(label) == "body"

        return inside

    def jump_name(self, step: int) -> None:
        """To the next (``+1``) or previous (``-1``) candidate not yet marked, selected,
        passing over blocks of the site chrome (see ``_article_test``)."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        found, here = self.name_candidates(), caret.selection.start
        starts = [c.start for c in found]
        if step > 0:
            order = found[bisect_right(starts, here) :]
        else:
            order = reversed(found[: bisect_left(starts, here)])
        free, inside = self._free_test(), self._article_test()
        target = next((c for c in order if free(c) and inside(c)), None)
        if target is None:
            self.message.emit("No more unmarked names " + ("below" if step > 0 else "above"))
            return
        self._select_candidate(target)

    # ------------------------------------------------------------------ every one
    def label_every(self) -> None:
        """On one of my entities: give its label to every other occurrence of its text.
        Else arm the next label key to mark every occurrence of the selection (of the
        name under the caret when nothing is selected)."""
        caret = self.caret
        if caret is None or self.document is None:
            return
        chosen, mine = caret.selection, self._mine()
        entity = entity_at(mine.spans, chosen.start, chosen.end)
        on_entity = entity is not None and (not caret.selecting or chosen == entity.range)
        if on_entity:
            self._label_every(entity.label, entity.start, entity.end)
            return
        if not caret.selecting:  # the caret on a name: all of it (“Kim Jong Un”)
            here = caret.tokens.starts[caret.focus]
            name = next((c for c in self.name_candidates() if c.start <= here < c.end), None)
            snapped = caret.tokens.snap(name.start, name.end) if name is not None else None
            if snapped is not None:
                chosen = caret.tokens.range(*snapped)
        text = self.document.text[chosen.start : chosen.end]
        if not worth_a_name(text) or "\n" in text:
            self.message.emit("Select a name first, then e and a label key")
            return
        count = len(occurrences(self.document.text, caret.tokens, chosen.start, chosen.end))
        self._every = (chosen.start, chosen.end)
        self.message.emit(
            f"Every {self._quoted(chosen.start, chosen.end)} ({count} in this document): "
            "press a label key"
        )

    def _label_every(self, name: str, start: int, end: int) -> None:
        """One command marking every free occurrence of ``text[start:end]`` as ``name``."""
        self._every = None
        mine, text = self._mine(), self.document.text
        what = self._quoted(start, end)
        add, skipped, already = [], 0, 0
        taken = list(mine.spans)
        remove = []
        for a, b in occurrences(text, self.caret.tokens, start, end):
            same = next((s for s in taken if (s.start, s.end) == (a, b)), None)
            if same is not None and same.label == name:
                already += 1
                continue
            if same is not None and (a, b) == (start, end):
                remove.append(same)  # the selected one is relabelled
                taken.remove(same)
            elif any(s.start < b and a < s.end for s in taken):
                skipped += 1
                continue
            span = Span(a, b, name)
            add.append(span)
            taken.append(span)
        if not add:
            self.message.emit(
                f"No other {what} to mark {name}"
                + (f" ({skipped} overlap another entity)" if skipped else "")
            )
            return
        command = EditSpans(
            remove_spans=tuple(remove), add_spans=tuple(add), title=f"mark every {name}"
        )
        if self._execute(command):
            parts = [f"{name}: marked {len(add)} × {what}"]
            if skipped:
                parts.append(f"skipped {skipped} that overlap another entity")
            if already:
                parts.append(f"{already} already {name}")
            self.message.emit("; ".join(parts) + " (Ctrl+Z undoes all)")
            self.caret.collapse()
            self._caret_moved()
