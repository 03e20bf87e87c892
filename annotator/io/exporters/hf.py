"""Hugging Face ``datasets``-ready JSONL: one record per block (the blocks are the
"sentences"), with ``tokens`` and integer ``ner_tags``.

The tag names are written beside the file as ``<name>.label_names.json``
(``{"ner_tags": ["O", "B-PERSON", "I-PERSON", ...]}``, from the project's entity labels),
so that::

    ds = load_dataset("json", data_files="corpus.jsonl")["train"]
    names = json.load(open("corpus.label_names.json"))["ner_tags"]
    ds = ds.cast_column("ner_tags", Sequence(ClassLabel(names=names)))

Each record also says where it came from (``document_id``, ``block``, ``block_label``)
so boilerplate blocks can be filtered out. Entities that do not fall on token boundaries,
overlap, leave their block or have a label outside the schema are reported and left out.
"""

from __future__ import annotations

from typing import BinaryIO

import orjson

from annotator.core.export import ExportContext, ExportItem, ExportProblem
from annotator.io.exporters.base import register_exporter
from annotator.io.exporters.common import LINE, entities
from annotator.io.exporters.tokens import bio_tags

NOT_IN_SCHEMA = "label is not one of the project's entity labels"


def tag_names(entity_labels: list[str]) -> list[str]:
    names = ["O"]
    for label in entity_labels:
        names += [f"B-{label}", f"I-{label}"]
    return names


class _Writer:
    def __init__(self, stream: BinaryIO, context: ExportContext) -> None:
        self._stream = stream
        self._report = context.report
        self._labels = set(context.schema.entity_label_names)
        self._names = tag_names(context.schema.entity_label_names)
        self._ids = {name: i for i, name in enumerate(self._names)}

    def write(self, item: ExportItem) -> None:
        document = item.document
        text = document.text
        spans = []
        for start, end, label in entities(item):
            if label in self._labels:
                spans.append((start, end, label))
            else:
                self._report(
                    ExportProblem(document.id, start, end, f"entity {label}", NOT_IN_SCHEMA)
                )
        labels = item.annotation.blocks if item.annotation else {}
        ids = self._ids
        lines = []
        for index, (tokens, tags) in enumerate(
            bio_tags(document.id, document.blocks, item.tokens or [], spans, self._report)
        ):
            if not tokens:
                continue
            record = {
                "id": f"{document.id}:{index}",
                "document_id": document.id,
                "block": index,
                "block_label": labels.get(index),
                "tokens": [text[start:end] for start, end in tokens],
                "ner_tags": [ids[tag] for tag in tags],
            }
            lines.append(orjson.dumps(record, option=LINE))
        self._stream.write(b"".join(lines))

    def finish(self) -> dict[str, bytes]:
        names = orjson.dumps({"ner_tags": self._names}, option=orjson.OPT_INDENT_2 | LINE)
        return {".label_names.json": names}


@register_exporter
class HuggingFaceExporter:
    id = "export.hf.v1"
    name = "hf"
    suffix = ".jsonl"
    description = "Hugging Face datasets JSONL: tokens + ner_tags per block, label names beside"
    consumer = 'datasets.load_dataset("json", data_files=...) + ClassLabel from .label_names.json'
    needs_tokens = True

    def writer(self, stream: BinaryIO, context: ExportContext) -> _Writer:
        return _Writer(stream, context)
