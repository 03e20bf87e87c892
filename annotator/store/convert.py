"""Rows to domain objects and back. JSON shapes are compact lists, one per item:

- document blocks: ``[start, end]`` or ``[start, end, features]``
- annotation blocks: ``[index, label]`` or ``[index, label, score]``
- spans: ``[start, end, label]`` or ``[start, end, label, score]``
- quotes: ``[start, end, speaker_start, speaker_end, cue_start, cue_end]`` (nulls when absent)
"""

from __future__ import annotations

from datetime import datetime
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


def blocks_to_json(blocks: list[Block]) -> list[Any]:
    return [[b.start, b.end, b.features] if b.features else [b.start, b.end] for b in blocks]


def blocks_from_json(raw: list[Any]) -> list[Block]:
    return [Block(item[0], item[1], item[2] if len(item) > 2 else {}) for item in raw]


def document_values(document: Document, fingerprint: str, now: datetime) -> dict[str, Any]:
    meta = document.meta
    return {
        "id": document.id,
        "fingerprint": fingerprint,
        "text": document.text,
        "blocks": blocks_to_json(document.blocks),
        "source": meta.source,
        "url": meta.url,
        "title": meta.title,
        "publisher": meta.publisher,
        "published": meta.published,
        "meta_extra": meta.extra,
        "imported_at": now,
    }


def document_from_row(row: Any) -> Document:
    meta = DocumentMeta(
        source=row.source,
        url=row.url,
        title=row.title,
        publisher=row.publisher,
        published=row.published,
        extra=dict(row.meta_extra or {}),
    )
    return Document(row.id, row.text, blocks_from_json(row.blocks), meta)


def annotation_values(annotation: Annotation) -> dict[str, Any]:
    blocks = []
    for index in sorted(annotation.blocks):
        score = annotation.block_scores.get(index)
        label = annotation.blocks[index]
        blocks.append([index, label] if score is None else [index, label, score])
    spans = [
        [s.start, s.end, s.label] if s.score is None else [s.start, s.end, s.label, s.score]
        for s in sorted(annotation.spans, key=lambda s: (s.start, s.end, s.label))
    ]
    quotes = [_quote_json(q) for q in sorted(annotation.quotes, key=lambda q: (q.start, q.end))]
    return {
        "source": annotation.source,
        "status": str(annotation.status),
        "blocks": blocks,
        "spans": spans,
        "quotes": quotes,
        "meta": annotation.meta,
        "item_count": len(blocks) + len(spans) + len(quotes),
    }


def _quote_json(quote: Quote) -> list[Any]:
    speaker = quote.speaker
    cue = quote.cue
    return [
        quote.start,
        quote.end,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
        cue.start if cue else None,
        cue.end if cue else None,
    ]


def annotation_from_row(row: Any, document_id: str) -> Annotation:
    blocks: dict[int, str] = {}
    scores: dict[int, float] = {}
    for item in row.blocks:
        blocks[item[0]] = item[1]
        if len(item) > 2:
            scores[item[0]] = item[2]
    spans = [Span(s[0], s[1], s[2], s[3] if len(s) > 3 else None) for s in row.spans]
    quotes = [
        Quote(
            q[0],
            q[1],
            Range(q[2], q[3]) if q[2] is not None else None,
            Range(q[4], q[5]) if q[4] is not None else None,
        )
        for q in row.quotes
    ]
    return Annotation(
        document_id=document_id,
        source=row.source,
        status=Status(row.status),
        blocks=blocks,
        block_scores=scores,
        spans=spans,
        quotes=quotes,
        version=row.version,
        updated_at=row.updated_at.isoformat() if row.updated_at else None,
        meta=dict(row.meta or {}),
    )
