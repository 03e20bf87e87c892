"""spaCy DocBin export: one ``Doc`` per document and annotation, tokens from ``spacy.blank``.

What a ``Doc`` carries:

- entities as ``doc.ents``;
- quotes in ``doc.spans["quotes"]`` (label ``QUOTE``), their speakers in
  ``doc.spans["speakers"]`` (label ``SPEAKER``) and cues in ``doc.spans["cues"]`` (label
  ``CUE``). A quote and its speaker and cue share one span id (``Span.id_``, e.g.
  ``"quote3"``), so ``{s.id_: s for s in doc.spans["speakers"]}[quote.id_]`` finds a
  quote's speaker; a quote without a speaker simply has none in the group;
- labelled blocks in ``doc.spans["blocks"]`` with the block label (unlabelled blocks are
  left out: they teach nothing);
- ``doc.user_data["annotator"]``: the document id, the annotation source and status, and
  the document's url, title and publisher.

A span whose offsets do not fall on token boundaries is never dropped silently. With the
default ``alignment="strict"`` it is left out of the ``Doc`` and reported (document id,
kind, offsets, text); with ``"expand"`` or ``"contract"`` it is snapped outward or inward
and the change is reported. Entities that overlap an earlier entity are reported too.

Memory: spaCy's DocBin is one compressed blob written at the end, so it holds every
``Doc`` it was given (about 30 bytes a token with the attributes kept here). A folder
writer (:class:`DocBinFolderWriter`) therefore writes a new ``.spacy`` file every
``chunk`` documents; ``spacy train`` reads a folder of them as one corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import spacy
from spacy.tokens import Doc, DocBin
from spacy.tokens import Span as SpacySpan

from annotator.core.model import Annotation, Document
from annotator.nlp.docbin_exporter import DEFAULT_CHUNK

ALIGNMENTS = ("strict", "expand", "contract")
ATTRS = ["ORTH", "ENT_IOB", "ENT_TYPE"]  # SPACY (the whitespace) is always kept
MAX_REPORTED = 10_000  # issues kept with their details; the rest are only counted


@dataclass(frozen=True, slots=True)
class AlignmentIssue:
    """A span that did not fall on token boundaries (or overlapped), with what was done."""

    document_id: str
    source: str | None
    kind: str  # "entity PERSON", "quote", "quote speaker", "block body"...
    start: int
    end: int
    text: str
    action: str  # "left out", "expanded to [s, e)", "contracted to [s, e)"

    def __str__(self) -> str:
        where = f"{self.document_id}" + (f" ({self.source})" if self.source else "")
        return f"{where}: {self.kind} [{self.start}, {self.end}) {self.text!r} {self.action}"


@dataclass(slots=True)
class AlignmentReport:
    issues: list[AlignmentIssue] = field(default_factory=list)
    count: int = 0  # every issue, also those past MAX_REPORTED

    def add(self, issue: AlignmentIssue) -> None:
        self.count += 1
        if len(self.issues) < MAX_REPORTED:
            self.issues.append(issue)

    def extend(self, other: AlignmentReport) -> None:
        for issue in other.issues:
            self.add(issue)
        self.count += other.count - len(other.issues)


class DocConverter:
    """Turns (document, annotation) pairs into ``Doc`` objects, collecting the issues."""

    def __init__(self, lang: str = "en", alignment: str = "strict") -> None:
        if alignment not in ALIGNMENTS:
            raise ValueError(f"alignment must be one of {', '.join(ALIGNMENTS)}: {alignment!r}")
        self.nlp = spacy.blank(lang)
        self.alignment = alignment
        self.report = AlignmentReport()

    def convert(self, document: Document, annotation: Annotation | None) -> Doc:
        doc = self.nlp.make_doc(document.text)
        source = annotation.source if annotation else None

        def align(
            start: int, end: int, label: str, kind: str, span_id: str = ""
        ) -> SpacySpan | None:
            span = doc.char_span(start, end, label=label, span_id=span_id)
            if span is not None:
                return span
            text = document.text[start:end]
            if self.alignment != "strict":
                span = doc.char_span(
                    start, end, label=label, span_id=span_id, alignment_mode=self.alignment
                )
            if span is None or len(span) == 0:
                action = "left out: not on token boundaries"
                self.report.add(AlignmentIssue(document.id, source, kind, start, end, text, action))
                return None
            action = f"{self.alignment}ed to [{span.start_char}, {span.end_char})"
            self.report.add(AlignmentIssue(document.id, source, kind, start, end, text, action))
            return span

        meta = document.meta
        doc.user_data["annotator"] = {
            "id": document.id,
            "source": source,
            "status": str(annotation.status) if annotation else None,
            "url": meta.url,
            "title": meta.title,
            "publisher": meta.publisher,
        }
        if annotation is None:
            return doc
        ents: list[SpacySpan] = []
        taken: set[int] = set()
        for span in sorted(annotation.spans, key=lambda s: (s.start, s.end)):
            ent = align(span.start, span.end, span.label, f"entity {span.label}")
            if ent is None:
                continue
            tokens = set(range(ent.start, ent.end))
            if tokens & taken:
                self.report.add(
                    AlignmentIssue(
                        document.id,
                        source,
                        f"entity {span.label}",
                        span.start,
                        span.end,
                        document.text[span.start : span.end],
                        "left out: overlaps an earlier entity",
                    )
                )
                continue
            taken |= tokens
            ents.append(ent)
        doc.ents = ents
        quotes, speakers, cues = [], [], []
        for n, quote in enumerate(sorted(annotation.quotes, key=lambda q: (q.start, q.end))):
            span_id = f"quote{n}"
            content = align(quote.start, quote.end, "QUOTE", "quote", span_id)
            if content is None:
                for part, role in ((quote.speaker, "speaker"), (quote.cue, "cue")):
                    if part is not None:
                        self.report.add(
                            AlignmentIssue(
                                document.id,
                                source,
                                f"quote {role}",
                                part.start,
                                part.end,
                                document.text[part.start : part.end],
                                "left out: its quote is not on token boundaries",
                            )
                        )
                continue
            quotes.append(content)
            if quote.speaker is not None:
                found = align(
                    quote.speaker.start, quote.speaker.end, "SPEAKER", "quote speaker", span_id
                )
                if found is not None:
                    speakers.append(found)
            if quote.cue is not None:
                found = align(quote.cue.start, quote.cue.end, "CUE", "quote cue", span_id)
                if found is not None:
                    cues.append(found)
        doc.spans["quotes"] = quotes
        doc.spans["speakers"] = speakers
        doc.spans["cues"] = cues
        blocks = []
        for index in sorted(annotation.blocks):
            if index >= len(document.blocks):
                continue
            block = document.blocks[index]
            label = annotation.blocks[index]
            found = align(block.start, block.end, label, f"block {label}")
            if found is not None:
                blocks.append(found)
        doc.spans["blocks"] = blocks
        return doc


def new_docbin() -> DocBin:
    return DocBin(attrs=ATTRS, store_user_data=True)


class DocBinStreamWriter:
    """One DocBin written to a stream at ``finish``: holds every Doc until then."""

    def __init__(self, stream: BinaryIO, converter: DocConverter) -> None:
        self._stream = stream
        self.converter = converter
        self._bin = new_docbin()

    def write(self, document: Document, annotation: Annotation | None) -> None:
        self._bin.add(self.converter.convert(document, annotation))

    def finish(self) -> None:
        self._stream.write(self._bin.to_bytes())
        self._stream.flush()

    @property
    def report(self) -> AlignmentReport:
        return self.converter.report


class DocBinFolderWriter:
    """Writes ``00000.spacy``, ``00001.spacy``... into ``folder``, ``chunk`` Docs each, so
    memory stays bounded by one chunk. ``on_file(path)`` is called for each file written."""

    def __init__(
        self,
        folder: Path,
        converter: DocConverter,
        chunk: int = DEFAULT_CHUNK,
        on_file: Callable[[Path], None] | None = None,
    ) -> None:
        if chunk < 1:
            raise ValueError("chunk must be at least 1")
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.converter = converter
        self.chunk = chunk
        self.files: list[Path] = []
        self._on_file = on_file
        self._bin = new_docbin()
        self._held = 0

    def write(self, document: Document, annotation: Annotation | None) -> None:
        self._bin.add(self.converter.convert(document, annotation))
        self._held += 1
        if self._held >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        path = self.folder / f"{len(self.files):05d}.spacy"
        path.write_bytes(self._bin.to_bytes())
        self.files.append(path)
        if self._on_file:
            self._on_file(path)
        self._bin = new_docbin()
        self._held = 0

    def finish(self) -> None:
        if self._held or not self.files:
            self._flush()

    @property
    def report(self) -> AlignmentReport:
        return self.converter.report
