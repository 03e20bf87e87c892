"""Label Studio JSON: a list of tasks to import into a project whose labelling config is
written beside the file (``<name>.label_config.xml``).

Each task has ``data`` (``text``, the document's id and meta, the annotator) and one
result list: under
``annotations`` for people's work (``ground_truth`` for gold), under ``predictions`` for
suggestions. Regions are ``labels`` results on the ``text`` object, value ``start``,
``end``, ``text`` and ``labels``, from three controls: ``block`` (block labels),
``label`` (entities) and ``quote`` (``QUOTE``, ``SPEAKER``, ``CUE``). A quote's speaker
and cue are linked to it by ``relation`` results labelled ``speaker`` and ``cue``.
Offsets are in Unicode code points, as Label Studio stores them.

The file is one JSON array written element by element, so memory stays flat.
"""

from __future__ import annotations

from typing import Any, BinaryIO
from xml.sax.saxutils import quoteattr

import orjson

from annotator.core.export import ExportContext, ExportItem
from annotator.core.model import GOLD, SUGGESTIONS, Annotation, Document
from annotator.core.schema import LabelSchema
from annotator.io.exporters.base import register_exporter
from annotator.io.exporters.common import document_meta

QUOTE_LABELS = ("QUOTE", "SPEAKER", "CUE")


def _region(
    rid: str, control: str, document: Document, start: int, end: int, label: str
) -> dict[str, Any]:
    return {
        "id": rid,
        "from_name": control,
        "to_name": "text",
        "type": "labels",
        "value": {
            "start": start,
            "end": end,
            "text": document.text[start:end],
            "labels": [label],
        },
    }


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {
        "type": "relation",
        "from_id": from_id,
        "to_id": to_id,
        "direction": "right",
        "labels": [label],
    }


def results(document: Document, annotation: Annotation) -> list[dict[str, Any]]:
    """The annotation as Label Studio result items, with ids stable across exports."""
    out: list[dict[str, Any]] = []
    for index in sorted(annotation.blocks):
        block = document.blocks[index]
        region = _region(
            f"b{index}", "block", document, block.start, block.end, annotation.blocks[index]
        )
        if index in annotation.block_scores:
            region["score"] = annotation.block_scores[index]
        out.append(region)
    spans = sorted(annotation.spans, key=lambda s: (s.start, s.end, s.label))
    for n, span in enumerate(spans):
        region = _region(f"e{n}", "label", document, span.start, span.end, span.label)
        if span.score is not None:
            region["score"] = span.score
        out.append(region)
    for n, quote in enumerate(sorted(annotation.quotes, key=lambda q: (q.start, q.end))):
        qid = f"q{n}"
        out.append(_region(qid, "quote", document, quote.start, quote.end, "QUOTE"))
        for part, label in ((quote.speaker, "SPEAKER"), (quote.cue, "CUE")):
            if part is not None:
                pid = f"{qid}{label[0].lower()}"
                out.append(_region(pid, "quote", document, part.start, part.end, label))
                out.append(_relation(pid, qid, label.lower()))
    return out


def label_config(schema: LabelSchema) -> str:
    """A Label Studio labelling config that matches the exported results."""

    def labels(name: str, items: list[tuple[str, str]]) -> list[str]:
        lines = [f'  <Labels name="{name}" toName="text">']
        lines += [
            f"    <Label value={quoteattr(value)} background={quoteattr(color)}/>"
            for value, color in items
        ]
        lines.append("  </Labels>")
        return lines

    lines = ["<View>"]
    lines += labels("block", [(label.name, label.color) for label in schema.block_labels])
    lines += labels("label", [(label.name, label.color) for label in schema.entity_labels])
    quote_colors = [schema.quote_color, "#90caf9", "#ce93d8"]
    lines += labels("quote", list(zip(QUOTE_LABELS, quote_colors, strict=True)))
    lines += [
        "  <Relations>",
        '    <Relation value="speaker"/>',
        '    <Relation value="cue"/>',
        "  </Relations>",
        '  <Text name="text" value="$text"/>',
        "</View>",
        "",
    ]
    return "\n".join(lines)


class _Writer:
    def __init__(self, stream: BinaryIO, context: ExportContext) -> None:
        self._stream = stream
        self._schema = context.schema
        self._first = True
        stream.write(b"[")

    def write(self, item: ExportItem) -> None:
        document, annotation = item.document, item.annotation
        data = document_meta(document)
        data["document_id"] = data.pop("id")
        task: dict[str, Any] = {"data": {"text": document.text, **data}}
        if annotation is not None:
            result = results(document, annotation)
            if annotation.source == SUGGESTIONS:
                model = str(annotation.meta.get("model", SUGGESTIONS))
                task["predictions"] = [{"model_version": model, "result": result}]
            else:
                task["annotations"] = [
                    {"result": result, "ground_truth": annotation.source == GOLD}
                ]
            task["data"]["annotator"] = annotation.source
        self._stream.write(b"\n" if self._first else b",\n")
        self._first = False
        self._stream.write(orjson.dumps(task))

    def finish(self) -> dict[str, bytes]:
        self._stream.write(b"]\n" if self._first else b"\n]\n")
        return {".label_config.xml": label_config(self._schema).encode("utf-8")}


@register_exporter
class LabelStudioExporter:
    id = "export.label-studio.v1"
    name = "label-studio"
    suffix = ".json"
    description = "Label Studio tasks (blocks, entities, quotes linked by relations) + config"
    consumer = "Label Studio: create a project with the .label_config.xml, import the .json"
    needs_tokens = False

    def writer(self, stream: BinaryIO, context: ExportContext) -> _Writer:
        return _Writer(stream, context)
