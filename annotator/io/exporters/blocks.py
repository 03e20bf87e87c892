"""The binary block corpus for training body extractors: one record per labelled block.

Each record: ``document_id``, ``position`` (block index) and ``blocks`` (how many the
document has), ``start``/``end``, ``text``, ``label`` (``body`` or ``boilerplate``: the
schema's binary view, body and heading by default), ``block_label`` (the label given) and
``features`` (what the importer saw, e.g. tag path and link density for HTML, plus the
document's site). Blocks the source left unlabelled are reported and left out.
"""

from __future__ import annotations

from typing import Any, BinaryIO

import orjson

from annotator.core.export import ExportContext, ExportItem, ExportProblem
from annotator.io.exporters.base import register_exporter
from annotator.io.exporters.common import LINE

UNLABELLED = "block has no label in this source"


class _Writer:
    def __init__(self, stream: BinaryIO, context: ExportContext) -> None:
        self._stream = stream
        self._report = context.report
        self._binary = context.schema.binary

    def write(self, item: ExportItem) -> None:
        document = item.document
        labels = item.annotation.blocks if item.annotation else {}
        count = len(document.blocks)
        site = document.meta.publisher
        lines = []
        for index, block in enumerate(document.blocks):
            label = labels.get(index)
            if label is None:
                self._report(
                    ExportProblem(document.id, block.start, block.end, f"block {index}", UNLABELLED)
                )
                continue
            features: dict[str, Any] = dict(block.features)
            if site is not None:
                features.setdefault("site", site)
            record = {
                "document_id": document.id,
                "position": index,
                "blocks": count,
                "start": block.start,
                "end": block.end,
                "text": document.text[block.start : block.end],
                "label": self._binary(label),
                "block_label": label,
                "features": features,
            }
            lines.append(orjson.dumps(record, option=LINE))
        self._stream.write(b"".join(lines))

    def finish(self) -> dict[str, bytes]:
        return {}


@register_exporter
class BlockCorpusExporter:
    id = "export.blocks.v1"
    name = "blocks"
    suffix = ".jsonl"
    description = "Binary body/boilerplate block corpus: one record per labelled block"
    consumer = "body-extractor training (scikit-learn, pandas.read_json(lines=True), datasets)"
    needs_tokens = False

    def writer(self, stream: BinaryIO, context: ExportContext) -> _Writer:
        return _Writer(stream, context)
