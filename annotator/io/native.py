"""The native JSONL record of DESIGN.md, to and from the domain objects.

One record is one document as one annotation source saw it::

    {"id", "text", "meta": {source, url, title, publisher, published, ...},
     "annotator": name | "gold" | "suggestions" | null, "status",
     "blocks": [{"start", "end", "label"}], "spans": [...], "quotes": [...]}

Every block of the document's segmentation is listed, with ``"label": null`` where the
source gave none, so a record carries the segmentation and imports back losslessly.
Blocks may carry ``"features"`` (what the HTML importer saw) and ``"score"``; spans
may carry ``"score"``. Extra meta keys follow the five standard ones, sorted.
"""

from __future__ import annotations

from typing import Any

from annotator.core.compact import StoredAnnotation, StoredDocument
from annotator.core.model import (
    Annotation,
    Block,
    Document,
    DocumentMeta,
    Quote,
    Range,
    Span,
    Status,
)

META_KEYS = ("source", "url", "title", "publisher", "published")


class RecordError(ValueError):
    """A record that does not have the native shape; the message names the field."""


def to_record(document: Document, annotation: Annotation | None) -> dict[str, Any]:
    meta = document.meta
    meta_out: dict[str, Any] = {key: getattr(meta, key) for key in META_KEYS}
    for key in sorted(meta.extra):
        meta_out[key] = meta.extra[key]
    labels = annotation.blocks if annotation else {}
    scores = annotation.block_scores if annotation else {}
    label_of = labels.get
    if scores or any(block.features for block in document.blocks):
        blocks = [_block_out(i, b, label_of(i), scores) for i, b in enumerate(document.blocks)]
    else:  # the common case, kept tight: exports spend their time here
        blocks = [
            {"start": b.start, "end": b.end, "label": label_of(i)}
            for i, b in enumerate(document.blocks)
        ]
    record: dict[str, Any] = {
        "id": document.id,
        "text": document.text,
        "meta": meta_out,
        "annotator": annotation.source if annotation else None,
        "status": str(annotation.status) if annotation else None,
        "blocks": blocks,
        "spans": [_span_out(s) for s in annotation.spans] if annotation else [],
        "quotes": [_quote_out(q) for q in annotation.quotes] if annotation else [],
    }
    if annotation and annotation.meta:
        record["annotation_meta"] = annotation.meta
    return record


def _block_out(index: int, block: Block, label: str | None, scores: dict[int, float]) -> dict:
    item: dict[str, Any] = {"start": block.start, "end": block.end, "label": label}
    if index in scores:
        item["score"] = scores[index]
    if block.features:
        item["features"] = dict(block.features)
    return item


def _span_out(span: Span) -> dict[str, Any]:
    out: dict[str, Any] = {"start": span.start, "end": span.end, "label": span.label}
    if span.score is not None:
        out["score"] = span.score
    return out


def _quote_out(quote: Quote) -> dict[str, Any]:
    return {
        "start": quote.start,
        "end": quote.end,
        "speaker": _range_out(quote.speaker),
        "cue": _range_out(quote.cue),
    }


def _range_out(value: Range | None) -> dict[str, int] | None:
    return None if value is None else {"start": value.start, "end": value.end}


def record_from_stored(
    document: StoredDocument, annotation: StoredAnnotation | None
) -> dict[str, Any]:
    """The same record as ``to_record``, built straight from the stored compact lists."""
    meta: dict[str, Any] = {
        "source": document.source,
        "url": document.url,
        "title": document.title,
        "publisher": document.publisher,
        "published": document.published,
    }
    extra = document.meta_extra
    if extra:
        for key in sorted(extra):
            meta[key] = extra[key]
    stored_labels = annotation.blocks if annotation is not None else []
    if (
        max(map(len, document.blocks), default=2) == 2
        and max(map(len, stored_labels), default=2) == 2
    ):
        # the common case (no features, no scores), in C-speed comprehensions
        label_of = dict(stored_labels).get
        blocks = [
            {"start": start, "end": end, "label": label_of(index)}
            for index, (start, end) in enumerate(document.blocks)
        ]
    else:
        labels = {item[0]: item for item in stored_labels}
        blocks = [
            _stored_block_out(index, item, labels.get(index))
            for index, item in enumerate(document.blocks)
        ]
    record: dict[str, Any] = {
        "id": document.id,
        "text": document.text,
        "meta": meta,
        "annotator": annotation.source if annotation else None,
        "status": annotation.status if annotation else None,
        "blocks": blocks,
        "spans": [_stored_span_out(s) for s in annotation.spans] if annotation else [],
        "quotes": [_stored_quote_out(q) for q in annotation.quotes] if annotation else [],
    }
    if annotation and annotation.meta:
        record["annotation_meta"] = annotation.meta
    return record


def _stored_block_out(index: int, item: list[Any], label: list[Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"start": item[0], "end": item[1], "label": label[1] if label else None}
    if label is not None and len(label) > 2:
        out["score"] = label[2]
    if len(item) > 2 and item[2]:
        out["features"] = item[2]
    return out


def _stored_span_out(item: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"start": item[0], "end": item[1], "label": item[2]}
    if len(item) > 3 and item[3] is not None:
        out["score"] = item[3]
    return out


def _stored_quote_out(item: list[Any]) -> dict[str, Any]:
    return {
        "start": item[0],
        "end": item[1],
        "speaker": None if item[2] is None else {"start": item[2], "end": item[3]},
        "cue": None if item[4] is None else {"start": item[4], "end": item[5]},
    }


# ---------------------------------------------------------------------------- reading


def _field(record: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    value = record.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RecordError(f"field '{where}{key}' must be {names}, got {type(value).__name__}")
    return value


def _offsets(item: Any, text_len: int, where: str) -> tuple[int, int]:
    if not isinstance(item, dict):
        raise RecordError(f"'{where}' must be an object with start and end")
    start = _field(item, "start", int, f"{where}.")
    end = _field(item, "end", int, f"{where}.")
    if not 0 <= start < end <= text_len:
        raise RecordError(f"'{where}' [{start}, {end}) is not a non-empty range inside the text")
    return start, end


def _optional_range(item: dict[str, Any], key: str, text_len: int, where: str) -> Range | None:
    value = item.get(key)
    if value is None:
        return None
    return Range(*_offsets(value, text_len, f"{where}.{key}"))


def parse_meta(raw: Any, default_source: str) -> DocumentMeta:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise RecordError("field 'meta' must be an object")
    meta = DocumentMeta(extra={k: v for k, v in raw.items() if k not in META_KEYS})
    for key in META_KEYS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise RecordError(f"field 'meta.{key}' must be a string or null")
        setattr(meta, key, value)
    if meta.source is None:
        meta.source = default_source
    return meta


def parse_blocks(
    raw: list[Any], text_len: int
) -> tuple[list[Block], dict[int, str], dict[int, float]]:
    """Blocks, their labels and scores. Plain valid items take a short path (imports of
    large dumps spend their time here); anything else gets the checks that name the field."""
    blocks: list[Block] = []
    labels: dict[int, str] = {}
    scores: dict[int, float] = {}
    previous_end = 0
    append = blocks.append
    for i, item in enumerate(raw):
        if type(item) is not dict:
            raise RecordError(f"'blocks[{i}]' must be an object with start and end")
        start = item.get("start")
        end = item.get("end")
        if not (
            type(start) is int and type(end) is int and previous_end <= start < end <= text_len
        ):
            start, end = _offsets(item, text_len, f"blocks[{i}]")
            if start < previous_end:
                raise RecordError(f"'blocks[{i}]' overlaps the block before it")
        previous_end = end
        label = item.get("label")
        if len(item) == 3 and (label is None or type(label) is str) and label != "":
            append(Block(start, end))  # the common {"start", "end", "label"} item
            if label is not None:
                labels[i] = label
            continue
        features = item.get("features")
        if features:
            if not isinstance(features, dict):
                raise RecordError(f"field 'blocks[{i}].features' must be an object")
            append(Block(start, end, features))
        else:
            append(Block(start, end))
        if label is not None:
            if type(label) is not str or not label:
                raise RecordError(f"field 'blocks[{i}].label' must be a label name or null")
            labels[i] = label
        score = item.get("score")
        if score is not None:
            if not isinstance(score, int | float) or isinstance(score, bool):
                raise RecordError(f"field 'blocks[{i}].score' must be a number")
            scores[i] = float(score)
    return blocks, labels, scores


def parse_spans(raw: Any, text_len: int) -> list[Span]:
    if not isinstance(raw, list):
        raise RecordError("field 'spans' must be a list")
    spans = []
    for i, item in enumerate(raw):
        start, end = _offsets(item, text_len, f"spans[{i}]")
        label = _field(item, "label", str, f"spans[{i}].")
        score = item.get("score")
        if score is not None and (not isinstance(score, int | float) or isinstance(score, bool)):
            raise RecordError(f"field 'spans[{i}].score' must be a number")
        spans.append(Span(start, end, label, None if score is None else float(score)))
    return spans


def parse_quotes(raw: Any, text_len: int) -> list[Quote]:
    if not isinstance(raw, list):
        raise RecordError("field 'quotes' must be a list")
    quotes = []
    for i, item in enumerate(raw):
        start, end = _offsets(item, text_len, f"quotes[{i}]")
        quotes.append(
            Quote(
                start,
                end,
                speaker=_optional_range(item, "speaker", text_len, f"quotes[{i}]"),
                cue=_optional_range(item, "cue", text_len, f"quotes[{i}]"),
            )
        )
    return quotes


def parse_status(raw: Any) -> Status:
    if raw is None:
        return Status.IN_PROGRESS
    try:
        return Status(raw)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise RecordError(f"field 'status' must be one of {allowed} or null, got {raw!r}") from None
