"""The native JSONL export: one line per document per annotation source (DESIGN.md)."""

from __future__ import annotations

from typing import BinaryIO

import orjson

from annotator.core.compact import StoredAnnotation, StoredDocument
from annotator.io.exporters.base import ExportContext, ExportItem, register_exporter
from annotator.io.native import record_from_stored, to_record


class _Writer:
    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, item: ExportItem) -> None:
        self._stream.write(
            orjson.dumps(
                to_record(item.document, item.annotation), option=orjson.OPT_APPEND_NEWLINE
            )
        )

    def write_stored(self, document: StoredDocument, annotation: StoredAnnotation | None) -> None:
        """The fast path for whole-project backups: no domain objects per block."""
        self._stream.write(
            orjson.dumps(record_from_stored(document, annotation), option=orjson.OPT_APPEND_NEWLINE)
        )

    def finish(self) -> dict[str, bytes]:
        return {}


@register_exporter
class NativeJsonlExporter:
    id = "export.jsonl.v1"
    name = "jsonl"
    suffix = ".jsonl"
    description = "Native JSONL (DESIGN.md record; the backup format, imports back losslessly)"
    consumer = "annotator import; resources/schemas/annotator-record.v1.schema.json"
    needs_tokens = False

    def writer(self, stream: BinaryIO, context: ExportContext) -> _Writer:
        return _Writer(stream)
