"""doccano JSONL, the sequence-labelling variant: ``{"id", "text", "label": [[start, end,
label], ...]}`` with offsets in Unicode code points (doccano counts the way Python does).

Entities only; doccano keeps the other keys (``id``, ``meta``) as the example's metadata.
Character offsets need no tokens, so nothing is left out.
"""

from __future__ import annotations

from typing import BinaryIO

import orjson

from annotator.core.export import ExportContext, ExportItem
from annotator.io.exporters.base import register_exporter
from annotator.io.exporters.common import LINE, document_meta, entities


class _Writer:
    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, item: ExportItem) -> None:
        meta = document_meta(item.document)
        record = {
            "id": meta.pop("id"),
            "text": item.document.text,
            "label": [list(span) for span in entities(item)],
            "meta": meta,
        }
        self._stream.write(orjson.dumps(record, option=LINE))

    def finish(self) -> dict[str, bytes]:
        return {}


@register_exporter
class DoccanoExporter:
    id = "export.doccano.v1"
    name = "doccano"
    suffix = ".jsonl"
    description = "doccano sequence-labelling JSONL: text and label [[start, end, label]]"
    consumer = "doccano: Import Dataset, Sequence Labeling, format JSONL, column label"
    needs_tokens = False

    def writer(self, stream: BinaryIO, context: ExportContext) -> _Writer:
        return _Writer(stream)
