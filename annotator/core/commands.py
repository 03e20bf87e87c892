"""Undoable changes to one annotation, as plain objects.

A command never mutates the annotation it is given: ``apply`` and ``revert`` return a
changed copy, and ``changes`` says what a view has to repaint. A command remembers what
it overwrote the first time it is applied, so ``revert`` restores exactly that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from annotator.core.model import Annotation, Quote, Span, Status
from annotator.core.spans import SpanConflict, entity_problem, quote_problem


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What a command changed: block indices, whether the status changed, and the
    ``(start, end)`` text ranges whose spans or quotes changed (so a view repaints
    only the blocks under them)."""

    blocks: frozenset[int] = frozenset()
    status: bool = False
    ranges: frozenset[tuple[int, int]] = frozenset()

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.blocks | other.blocks, self.status or other.status, self.ranges | other.ranges
        )

    def __bool__(self) -> bool:
        return bool(self.blocks) or self.status or bool(self.ranges)


def copy_annotation(annotation: Annotation) -> Annotation:
    return replace(
        annotation,
        blocks=dict(annotation.blocks),
        block_scores=dict(annotation.block_scores),
        spans=list(annotation.spans),
        quotes=list(annotation.quotes),
        meta=dict(annotation.meta),
    )


class Command:
    """Base of every annotation command."""

    title: str = "change"

    def apply(self, annotation: Annotation) -> Annotation:
        raise NotImplementedError

    def revert(self, annotation: Annotation) -> Annotation:
        raise NotImplementedError

    @property
    def changes(self) -> ChangeSet:
        raise NotImplementedError


@dataclass(eq=False)
class SetBlockLabels(Command):
    """Give blocks labels (``None`` removes the label); ``labels`` maps index -> label."""

    labels: dict[int, str | None]
    title: str = "label blocks"
    _previous: dict[int, str | None] | None = field(default=None, repr=False)

    @classmethod
    def same(cls, indices: Iterable[int], label: str | None) -> SetBlockLabels:
        verb = f"label {label}" if label else "clear label"
        return cls({i: label for i in indices}, title=verb)

    def apply(self, annotation: Annotation) -> Annotation:
        if self._previous is None:
            self._previous = {i: annotation.blocks.get(i) for i in self.labels}
        return _with_labels(annotation, self.labels)

    def revert(self, annotation: Annotation) -> Annotation:
        if self._previous is None:
            raise RuntimeError("revert before apply")
        return _with_labels(annotation, self._previous)

    @property
    def changes(self) -> ChangeSet:
        return ChangeSet(frozenset(self.labels))


class AcceptSuggestions(SetBlockLabels):
    """Take over suggested labels for the given blocks."""

    def __init__(self, suggested: Mapping[int, str], title: str = "accept suggestions") -> None:
        super().__init__(dict(suggested), title=title)


@dataclass(eq=False)
class SetStatus(Command):
    status: Status
    title: str = "set status"
    _previous: Status | None = field(default=None, repr=False)

    def apply(self, annotation: Annotation) -> Annotation:
        if self._previous is None:
            self._previous = annotation.status
        result = copy_annotation(annotation)
        result.status = self.status
        return result

    def revert(self, annotation: Annotation) -> Annotation:
        if self._previous is None:
            raise RuntimeError("revert before apply")
        result = copy_annotation(annotation)
        result.status = self._previous
        return result

    @property
    def changes(self) -> ChangeSet:
        return ChangeSet(status=True)


class Batch(Command):
    """Several commands as one undo step (applied in order, reverted in reverse)."""

    def __init__(self, commands: Iterable[Command], title: str = "changes") -> None:
        self.commands = list(commands)
        self.title = title

    def apply(self, annotation: Annotation) -> Annotation:
        for command in self.commands:
            annotation = command.apply(annotation)
        return annotation

    def revert(self, annotation: Annotation) -> Annotation:
        for command in reversed(self.commands):
            annotation = command.revert(annotation)
        return annotation

    @property
    def changes(self) -> ChangeSet:
        total = ChangeSet()
        for command in self.commands:
            total = total | command.changes
        return total


@dataclass(eq=False)
class EditSpans(Command):
    """Remove some entity spans and quotes, add others: one undo step.

    Adding, deleting, relabelling an entity, making a quote and linking its speaker or
    cue are all this one command (a changed quote is the old one removed and the new one
    added). ``apply`` raises ``SpanConflict`` when a removed item is not there any more
    or an added one breaks the overlap rules of ``annotator.core.spans``.
    """

    remove_spans: tuple[Span, ...] = ()
    add_spans: tuple[Span, ...] = ()
    remove_quotes: tuple[Quote, ...] = ()
    add_quotes: tuple[Quote, ...] = ()
    title: str = "edit spans"

    def apply(self, annotation: Annotation) -> Annotation:
        return _edit_spans(
            annotation, self.remove_spans, self.add_spans, self.remove_quotes, self.add_quotes
        )

    def revert(self, annotation: Annotation) -> Annotation:
        return _edit_spans(
            annotation, self.add_spans, self.remove_spans, self.add_quotes, self.remove_quotes
        )

    @property
    def changes(self) -> ChangeSet:
        ranges = {(s.start, s.end) for s in (*self.remove_spans, *self.add_spans)}
        for quote in (*self.remove_quotes, *self.add_quotes):
            ranges.add((quote.start, quote.end))
            ranges.update((r.start, r.end) for r in (quote.speaker, quote.cue) if r is not None)
        return ChangeSet(ranges=frozenset(ranges))


def span_order(span: Span) -> tuple:
    return (span.start, span.end, span.label)


def quote_order(quote: Quote) -> tuple:
    return (quote.start, quote.end)


def _edit_spans(
    annotation: Annotation,
    remove_spans: tuple[Span, ...],
    add_spans: tuple[Span, ...],
    remove_quotes: tuple[Quote, ...],
    add_quotes: tuple[Quote, ...],
) -> Annotation:
    result = copy_annotation(annotation)
    for span in remove_spans:
        if span not in result.spans:
            raise SpanConflict(f"the {span.label} span [{span.start}, {span.end}) is gone")
        result.spans.remove(span)
    for quote in remove_quotes:
        if quote not in result.quotes:
            raise SpanConflict(f"the quote [{quote.start}, {quote.end}) is gone")
        result.quotes.remove(quote)
    for span in add_spans:
        problem = entity_problem(result.spans, span)
        if problem:
            raise SpanConflict(f"cannot add {span.label} [{span.start}, {span.end}): {problem}")
        result.spans.append(span)
    for quote in add_quotes:
        problem = quote_problem(result.quotes, quote)
        if problem:
            raise SpanConflict(f"cannot add the quote [{quote.start}, {quote.end}): {problem}")
        result.quotes.append(quote)
    result.spans.sort(key=span_order)
    result.quotes.sort(key=quote_order)
    return result


def mark_done(annotation: Annotation, suggested: Mapping[int, str]) -> Batch:
    """Accept the suggestions of the blocks still unlabelled, then set the status to done."""
    open_blocks = {i: s for i, s in suggested.items() if i not in annotation.blocks}
    commands: list[Command] = []
    if open_blocks:
        commands.append(AcceptSuggestions(open_blocks))
    commands.append(SetStatus(Status.DONE))
    return Batch(commands, title="mark done")


def _with_labels(annotation: Annotation, labels: Mapping[int, str | None]) -> Annotation:
    result = copy_annotation(annotation)
    for index, label in labels.items():
        result.block_scores.pop(index, None)
        if label is None:
            result.blocks.pop(index, None)
        else:
            result.blocks[index] = label
    return result
