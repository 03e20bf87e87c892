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
    blocks = []
    for index, block in enumerate(document.blocks):
        item: dict[str, Any] = {"start": block.start, "end": block.end, "label": labels.get(index)}
        if index in scores:
            item["score"] = scores[index]
        if block.features:
            item["features"] = block.features
        blocks.append(item)
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
    blocks: list[Block] = []
    labels: dict[int, str] = {}
    scores: dict[int, float] = {}
    previous_end = 0
    for i, item in enumerate(raw):
        start, end = _offsets(item, text_len, f"blocks[{i}]")
        if start < previous_end:
            raise RecordError(f"'blocks[{i}]' overlaps the block before it")
        previous_end = end
        features = item.get("features") or {}
        if not isinstance(features, dict):
            raise RecordError(f"field 'blocks[{i}].features' must be an object")
        blocks.append(Block(start, end, features))
        label = item.get("label")
        if label is not None:
            if not isinstance(label, str) or not label:
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
