"""Scraped article text (``.txt``): one document per file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from annotator.core.model import Document, DocumentMeta
from annotator.io.base import ImportedRecord, ImportRejected, Source, register_importer
from annotator.io.decode import decode_text
from annotator.io.segment import guess_title, text_blocks


def document_id_from_name(name: str) -> str:
    base = PurePath(name).name
    for suffix in (".gz", ".txt", ".text", ".html", ".htm"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    return base or "document"


@register_importer
class TextImporter:
    id = "import.txt.v1"
    suffixes = (".txt", ".text")

    def read(self, source: Source) -> Iterator[ImportedRecord | ImportRejected]:
        text = decode_text(source.data, source.name)
        blocks = text_blocks(text)
        if not blocks:
            raise ImportRejected(source.name, "the file holds no text")
        meta = DocumentMeta(source=source.name, title=guess_title(text, blocks))
        yield ImportedRecord(
            Document(document_id_from_name(source.name), text, blocks, meta), origin=source.name
        )
