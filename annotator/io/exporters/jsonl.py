"""The native JSONL export: one line per document per annotation source (DESIGN.md)."""

from __future__ import annotations

from typing import BinaryIO

import orjson

from annotator.core.compact import StoredAnnotation, StoredDocument
from annotator.core.model import Annotation, Document
from annotator.io.exporters.base import register_exporter
from annotator.io.native import record_from_stored, to_record


class _Writer:
    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, document: Document, annotation: Annotation | None) -> None:
        self._stream.write(
            orjson.dumps(to_record(document, annotation), option=orjson.OPT_APPEND_NEWLINE)
        )

    def write_stored(self, document: StoredDocument, annotation: StoredAnnotation | None) -> None:
        """The fast path for whole-project backups: no domain objects per block."""
        self._stream.write(
            orjson.dumps(record_from_stored(document, annotation), option=orjson.OPT_APPEND_NEWLINE)
        )

    def finish(self) -> None:
        self._stream.flush()


@register_exporter
class NativeJsonlExporter:
    id = "export.jsonl.v1"
    name = "jsonl"
    suffix = ".jsonl"

    def writer(self, stream: BinaryIO) -> _Writer:
        return _Writer(stream)
