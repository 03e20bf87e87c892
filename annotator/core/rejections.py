"""Suggested spans and quotes an annotator rejected, kept in their own annotation.

The suggestions themselves belong to the ``suggestions`` source and are rewritten by
every pre-annotation run, so a rejection is recorded where it belongs: in the
annotator's annotation ``meta`` (``rejected_spans``: ``[start, end, label]`` triples;
``rejected_quotes``: ``[start, end]`` pairs). It is saved, versioned and undone like any
other change, and ``without_rejected`` hides what it names from the suggestions shown to
that annotator, whichever run made them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from annotator.core.commands import ChangeSet, Command, copy_annotation
from annotator.core.model import Annotation, Quote, Span

REJECTED_SPANS = "rejected_spans"
REJECTED_QUOTES = "rejected_quotes"


def rejected(annotation: Annotation | None) -> tuple[set[tuple], set[tuple]]:
    """The rejected ``(start, end, label)`` spans and ``(start, end)`` quotes."""
    meta = annotation.meta if annotation is not None else {}
    spans = {tuple(item) for item in meta.get(REJECTED_SPANS, ())}
    quotes = {tuple(item) for item in meta.get(REJECTED_QUOTES, ())}
    return spans, quotes


def without_rejected(suggested: Annotation | None, mine: Annotation | None) -> Annotation | None:
    """``suggested`` less the spans and quotes ``mine`` rejected (itself when none)."""
    spans, quotes = rejected(mine)
    if suggested is None or not (spans or quotes):
        return suggested
    return replace(
        suggested,
        spans=[s for s in suggested.spans if (s.start, s.end, s.label) not in spans],
        quotes=[q for q in suggested.quotes if (q.start, q.end) not in quotes],
    )


@dataclass(eq=False)
class RejectSuggestions(Command):
    """Record suggested spans and quotes as rejected (``revert`` forgets them again)."""

    spans: tuple[Span, ...] = ()
    quotes: tuple[Quote, ...] = ()
    title: str = "reject suggestion"
    _previous: tuple | None = field(default=None, repr=False)

    def apply(self, annotation: Annotation) -> Annotation:
        meta = annotation.meta
        if self._previous is None:
            self._previous = (meta.get(REJECTED_SPANS), meta.get(REJECTED_QUOTES))
        spans, quotes = rejected(annotation)
        spans |= {(s.start, s.end, s.label) for s in self.spans}
        quotes |= {(q.start, q.end) for q in self.quotes}
        result = copy_annotation(annotation)
        result.meta[REJECTED_SPANS] = [list(item) for item in sorted(spans)]
        result.meta[REJECTED_QUOTES] = [list(item) for item in sorted(quotes)]
        return result

    def revert(self, annotation: Annotation) -> Annotation:
        if self._previous is None:
            raise RuntimeError("revert before apply")
        result = copy_annotation(annotation)
        for key, value in zip((REJECTED_SPANS, REJECTED_QUOTES), self._previous, strict=True):
            if value is None:
                result.meta.pop(key, None)
            else:
                result.meta[key] = value
        return result

    @property
    def changes(self) -> ChangeSet:
        ranges = {(s.start, s.end) for s in self.spans} | {(q.start, q.end) for q in self.quotes}
        return ChangeSet(ranges=frozenset(ranges))
