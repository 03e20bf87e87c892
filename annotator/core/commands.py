"""Undoable changes to one annotation, as plain objects.

A command never mutates the annotation it is given: ``apply`` and ``revert`` return a
changed copy, and ``changes`` says what a view has to repaint. A command remembers what
it overwrote the first time it is applied, so ``revert`` restores exactly that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from annotator.core.model import Annotation, Status


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What a command changed: block indices and whether the status changed."""

    blocks: frozenset[int] = frozenset()
    status: bool = False

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.blocks | other.blocks, self.status or other.status)

    def __bool__(self) -> bool:
        return bool(self.blocks) or self.status


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
