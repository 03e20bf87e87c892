"""What every exporter sees and says: the contract between the workspace and the formats.

An exporter turns a stream of ``ExportItem`` (a document, the annotation of the chosen
source, and its tokens when the format asked for them) into bytes on one stream. It
reports anything it could not write faithfully (a span that does not fall on token
boundaries, a block without a label) as an ``ExportProblem`` and never drops it
silently.

The types live in the core so that exporters in ``annotator.io`` and in ``annotator.nlp``
(the spaCy DocBin) share them without importing each other; the workspace puts both
kinds in the one registry (``annotator.io.exporters.base``) and feeds them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from annotator.core.model import Annotation, Document
from annotator.core.schema import LabelSchema

Token = tuple[int, int]
"""A token's ``[start, end)`` offsets in the document text (whitespace tokens left out)."""


@dataclass(frozen=True, slots=True)
class ExportProblem:
    """Something of one document that a format could not carry, left out of the file."""

    document_id: str
    start: int
    end: int
    what: str  # "entity PERSON", "quote", "quote speaker", "block 3"
    reason: str  # "does not align with token boundaries"

    def __str__(self) -> str:
        return f"{self.document_id} [{self.start}, {self.end}) {self.what}: {self.reason}"

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document_id,
            "start": self.start,
            "end": self.end,
            "what": self.what,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One record to write. ``annotation`` is None for a document nobody annotated (only
    in the ``all`` source); ``tokens`` is filled when the exporter's ``needs_tokens``."""

    document: Document
    annotation: Annotation | None
    tokens: Sequence[Token] | None = None


@dataclass(frozen=True, slots=True)
class ExportContext:
    """What a writer knows besides its items: the project's labels, the source being
    exported (``gold``, ``merged``, ``annotator:alice``...) and where problems go."""

    schema: LabelSchema
    source: str
    report: Callable[[ExportProblem], None]


class ExportWriter(Protocol):
    def write(self, item: ExportItem) -> None:
        """Write one record; memory must not grow with the number of items."""

    def finish(self) -> Mapping[str, bytes]:
        """Flush what is buffered and return the companion files, if any: a name suffix
        (``".label_names.json"``) -> content, written beside the output as
        ``<output stem><suffix>``."""


class Exporter(Protocol):
    id: str  # versioned: "export.conll.v1"; a changed format gets a new id
    name: str  # what users type: "conll"
    suffix: str  # the usual file extension: ".conll"
    description: str  # one line, for --help and the GUI
    consumer: str  # who reads the file: "spaCy, flair and most NER tools"
    needs_tokens: bool  # True: items carry the project tokenizer's tokens

    def writer(self, stream: BinaryIO, context: ExportContext) -> ExportWriter: ...
