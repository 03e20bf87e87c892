"""The registry entry of the spaCy DocBin export, light to import: spaCy loads only when
a writer is made (the workspace registers it; io may not import spaCy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from annotator.core.export import ExportContext
from annotator.nlp.chunk_pool import ChunkPool

if TYPE_CHECKING:
    from annotator.nlp.docbin import DocBinFolderWriter, DocBinStreamWriter

DEFAULT_CHUNK = 1000


class DocBinExporter:
    """spaCy ``DocBin`` (``.spacy``); see ``annotator.nlp.docbin`` for what a Doc holds."""

    id = "export.spacy-docbin.v1"
    name = "docbin"
    suffix = ".spacy"
    description = "spaCy DocBin: entities, quotes with speaker and cue, labelled blocks"
    consumer = "spaCy: DocBin().from_disk(...).get_docs(vocab), spacy train"
    needs_tokens = False  # spaCy tokenizes while building each Doc

    def __init__(self, lang: str = "en", alignment: str = "strict") -> None:
        self.lang = lang
        self.alignment = alignment

    def writer(self, stream: BinaryIO, context: ExportContext) -> DocBinStreamWriter:
        """One ``.spacy`` file; it holds every Doc in memory until written (spaCy's format
        is one compressed blob). Folder exports use :meth:`folder_writer` instead."""
        from annotator.nlp.docbin import DocBinStreamWriter, DocConverter

        return DocBinStreamWriter(stream, DocConverter(context.report, self.lang, self.alignment))

    def folder_writer(
        self,
        folder: Path,
        context: ExportContext,
        chunk: int = DEFAULT_CHUNK,
        on_file: Callable[[Path], None] | None = None,
        pool: ChunkPool | None = None,
    ) -> DocBinFolderWriter:
        """``folder/00000.spacy``, ``00001.spacy``...: ``chunk`` Docs each, memory bounded,
        converted in ``pool``'s processes when there is one with more than one worker."""
        from annotator.nlp.docbin import DocBinFolderWriter, DocConverter

        converter = DocConverter(context.report, self.lang, self.alignment)
        return DocBinFolderWriter(folder, converter, chunk, on_file, pool)
