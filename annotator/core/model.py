"""Domain objects: documents, their blocks, and the annotations made on them.

Offsets are ``[start, end)`` indices into ``Document.text`` in Unicode code points
(Python ``str`` indices). A document's text never changes after import, so offsets
never shift.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

GOLD = "gold"
SUGGESTIONS = "suggestions"
RESERVED_SOURCES = frozenset({GOLD, SUGGESTIONS})


class Status(StrEnum):
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Range:
    """A ``[start, end)`` range of code points."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid range [{self.start}, {self.end})")

    def overlaps(self, other: Range) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Range) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


class _NoFeatures(Mapping[str, Any]):
    """The shared, read-only empty features of a block; unlike ``MappingProxyType`` it
    pickles (as this module's singleton), so blocks can cross process boundaries."""

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "_NO_FEATURES"


_NO_FEATURES: Mapping[str, Any] = _NoFeatures()


class Block(NamedTuple):
    """One segment of a document's text (a paragraph, heading, list item...).

    ``features`` carries what the importer saw (tag path, link density, class/id) for
    the block suggester; it never affects offsets. A named tuple rather than a dataclass
    because a corpus holds tens of millions of blocks and they are built on every read.
    """

    start: int
    end: int
    features: Mapping[str, Any] = _NO_FEATURES

    @property
    def range(self) -> Range:
        return Range(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled entity span."""

    start: int
    end: int
    label: str
    score: float | None = None

    @property
    def range(self) -> Range:
        return Range(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted content with an optional speaker span and cue span linked to it."""

    start: int
    end: int
    speaker: Range | None = None
    cue: Range | None = None

    @property
    def range(self) -> Range:
        return Range(self.start, self.end)


@dataclass(slots=True)
class DocumentMeta:
    source: str | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    id: str
    text: str
    blocks: list[Block]
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    def block_text(self, index: int) -> str:
        block = self.blocks[index]
        return self.text[block.start : block.end]


@dataclass(slots=True)
class Annotation:
    """Everything one source (an annotator, ``gold`` or ``suggestions``) says of a document.

    ``blocks`` maps a block index to its label; ``block_scores`` holds the confidence
    of suggested block labels. ``version`` increases with every stored change and is
    what detects concurrent edits.
    """

    document_id: str
    source: str
    status: Status = Status.IN_PROGRESS
    blocks: dict[int, str] = field(default_factory=dict)
    block_scores: dict[int, float] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    version: int = 0
    updated_at: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.blocks or self.spans or self.quotes)


def validate_source_name(name: str) -> str:
    """Annotator names: non-empty, no surrounding space, not a reserved source."""
    cleaned = name.strip()
    if not cleaned:
        raise ValueError("an annotator name cannot be empty")
    if cleaned in RESERVED_SOURCES:
        raise ValueError(f"{cleaned!r} is a reserved source name, not an annotator")
    if ":" in cleaned:
        raise ValueError(f"annotator name {cleaned!r} may not contain ':'")
    return cleaned
