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
offsets, what it was); with ``"expand"`` or ``"contract"`` it is snapped outward or inward
and the change is reported. Entities that overlap an earlier entity are reported too.

Memory: spaCy's DocBin is one compressed blob written at the end, so it holds every
``Doc`` it was given (about 30 bytes a token with the attributes kept here). A folder
writer (:class:`DocBinFolderWriter`) therefore writes a new ``.spacy`` file every
``chunk`` documents; ``spacy train`` reads a folder of them as one corpus.

Speed: tokenizing is nearly all the work (4-13 ms for an 8 KB article), and the chunks
are independent, so a folder writer given a :class:`ChunkPool` of more than one worker
converts whole chunks in its helper processes (started with "spawn" once the first chunk
is full, so a small export never pays for them) while this process reads the next
documents. Files are
written, and problems reported, in the order of the documents, as one process would.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from functools import lru_cache
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import BinaryIO

import spacy
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.tokens import Span as SpacySpan

from annotator.core.export import ExportItem, ExportProblem
from annotator.core.model import Annotation, Document
from annotator.nlp.chunk_pool import ChunkPool
from annotator.nlp.docbin_exporter import DEFAULT_CHUNK

ALIGNMENTS = ("strict", "expand", "contract")
_LINE = re.compile(r"[^\n]+")
_ORTH_SPACY = [ORTH, SPACY]
ATTRS = ["ORTH", "ENT_IOB", "ENT_TYPE"]  # SPACY (the whitespace) is always kept


@lru_cache(maxsize=4)
def _blank(lang: str) -> Language:
    """English: the pipeline whose tokenizer span mode uses (``nlp.tokens.english``,
    "U.S.-led" -> "U.S." "-" "led"), so every entity marked in the app aligns."""
    if lang == "en":
        from annotator.nlp.tokens import english

        return english()
    return spacy.blank(lang)


class DocConverter:
    """Turns (document, annotation) pairs into ``Doc`` objects; what it cannot place goes
    to ``report`` as an ``ExportProblem``."""

    def __init__(
        self,
        report: Callable[[ExportProblem], None],
        lang: str = "en",
        alignment: str = "strict",
    ) -> None:
        if alignment not in ALIGNMENTS:
            raise ValueError(f"alignment must be one of {', '.join(ALIGNMENTS)}: {alignment!r}")
        self.nlp = _blank(lang)
        self.lang = lang
        self.alignment = alignment
        self.report = report

    def make_doc(self, text: str) -> Doc:
        """The Doc of ``text`` tokenized line by line, as span mode tokenizes it (spaCy
        splits on whitespace first, so the tokens are those of the whole text), with each
        run of newlines one whitespace token. Also 3-4x faster than ``nlp.make_doc`` on
        a whole article: spaCy stops caching its tokenizations for the rest of a call after
        the first special case, and one call per line keeps the cache warm."""
        words: list[str] = []
        spaces: list[bool] = []
        strings = self.nlp.vocab.strings
        tokenize = self.nlp.tokenizer
        at = 0
        for line in _LINE.finditer(text):
            if line.start() > at:
                words.append(text[at : line.start()])
                spaces.append(False)
            for orth, space in tokenize(line.group()).to_array(_ORTH_SPACY).tolist():
                words.append(strings[orth])
                spaces.append(bool(space))
            at = line.end()
        if at < len(text):
            words.append(text[at:])
            spaces.append(False)
        return Doc(self.nlp.vocab, words=words, spaces=spaces)

    def convert(self, document: Document, annotation: Annotation | None) -> Doc:
        doc = self.make_doc(document.text)
        report = self.report

        def problem(start: int, end: int, what: str, reason: str) -> None:
            report(ExportProblem(document.id, start, end, what, reason))

        def align(
            start: int, end: int, label: str, what: str, span_id: str = ""
        ) -> SpacySpan | None:
            span = doc.char_span(start, end, label=label, span_id=span_id)
            if span is not None:
                return span
            if self.alignment != "strict":
                span = doc.char_span(
                    start, end, label=label, span_id=span_id, alignment_mode=self.alignment
                )
            if span is None or len(span) == 0:
                problem(start, end, what, "does not align with token boundaries; left out")
                return None
            problem(
                start,
                end,
                what,
                f"does not align with token boundaries; {self.alignment}ed to"
                f" [{span.start_char}, {span.end_char})",
            )
            return span

        meta = document.meta
        doc.user_data["annotator"] = {
            "id": document.id,
            "source": annotation.source if annotation else None,
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
            what = f"entity {span.label}"
            ent = align(span.start, span.end, span.label, what)
            if ent is None:
                continue
            tokens = set(range(ent.start, ent.end))
            if tokens & taken:
                problem(span.start, span.end, what, "overlaps an earlier entity; left out")
                continue
            taken |= tokens
            ents.append(ent)
        doc.ents = ents
        quotes, speakers, cues = [], [], []
        for n, quote in enumerate(sorted(annotation.quotes, key=lambda q: (q.start, q.end))):
            span_id = f"quote{n}"
            content = align(quote.start, quote.end, "QUOTE", "quote", span_id)
            parts = ((quote.speaker, "SPEAKER", speakers), (quote.cue, "CUE", cues))
            for part, label, group in parts:
                if part is None:
                    continue
                what = f"quote {label.lower()}"
                if content is None:
                    problem(part.start, part.end, what, "its quote does not align; left out")
                    continue
                found = align(part.start, part.end, label, what, span_id)
                if found is not None:
                    group.append(found)
            if content is not None:
                quotes.append(content)
        doc.spans["quotes"] = quotes
        doc.spans["speakers"] = speakers
        doc.spans["cues"] = cues
        blocks = []
        for index in sorted(annotation.blocks):
            if index >= len(document.blocks):
                continue
            block = document.blocks[index]
            label = annotation.blocks[index]
            found = align(block.start, block.end, label, f"block {index} {label}")
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

    def write(self, item: ExportItem) -> None:
        self._bin.add(self.converter.convert(item.document, item.annotation))

    def finish(self) -> dict[str, bytes]:
        self._stream.write(self._bin.to_bytes())
        self._bin = new_docbin()
        return {}


Pair = tuple[Document, Annotation | None]


def convert_chunk(lang: str, alignment: str, pairs: list[Pair]) -> tuple[bytes, list]:
    """One chunk's ``.spacy`` bytes and its problems (what a helper process runs)."""
    problems: list[ExportProblem] = []
    converter = DocConverter(problems.append, lang, alignment)
    docbin = new_docbin()
    for document, annotation in pairs:
        docbin.add(converter.convert(document, annotation))
    return docbin.to_bytes(), problems


class DocBinFolderWriter:
    """Writes ``00000.spacy``, ``00001.spacy``... into ``folder``, ``chunk`` Docs each, so
    memory stays bounded by a few chunks. ``on_file(path)`` is called for each file
    written. With a ``pool`` of more than one worker, chunks are converted in its helper
    processes, at most ``workers + 1`` of this writer's in flight."""

    def __init__(
        self,
        folder: Path,
        converter: DocConverter,
        chunk: int = DEFAULT_CHUNK,
        on_file: Callable[[Path], None] | None = None,
        pool: ChunkPool | None = None,
    ) -> None:
        if chunk < 1:
            raise ValueError("chunk must be at least 1")
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.converter = converter
        self.chunk = chunk
        self.files: list[Path] = []
        self._on_file = on_file
        self._pairs: list[Pair] = []
        self._pool = pool if pool is not None and pool.workers > 1 else None
        self._pending: deque[AsyncResult] = deque()

    def write(self, item: ExportItem) -> None:
        self._pairs.append((item.document, item.annotation))
        if len(self._pairs) >= self.chunk:
            self._flush()

    def _flush(self, last: bool = False) -> None:
        pairs, self._pairs = self._pairs, []
        job = (self.converter.lang, self.converter.alignment, pairs)
        pool = self._pool
        if pool is None or (last and not pool.started):
            self._save(*convert_chunk(*job))
            return
        self._pending.append(pool.submit(convert_chunk, *job))
        while len(self._pending) > pool.workers:
            self._save(*self._pending.popleft().get())

    def _save(self, data: bytes, problems: list[ExportProblem]) -> None:
        for problem in problems:
            self.converter.report(problem)
        path = self.folder / f"{len(self.files):05d}.spacy"
        path.write_bytes(data)
        self.files.append(path)
        if self._on_file:
            self._on_file(path)

    def finish(self) -> dict[str, bytes]:
        if self._pairs or not (self.files or self._pending):
            self._flush(last=True)
        while self._pending:
            self._save(*self._pending.popleft().get())
        return {}
