"""The compact form in which documents and annotations are stored, and the conversions.

The store keeps these lists as JSON; the native exporter writes records straight from
them (a backup of a large project never builds a domain object per block). One module
defines the shapes, so both sides agree:

- document blocks: ``[start, end]`` or ``[start, end, features]``
- block labels: ``[index, label]`` or ``[index, label, score]``
- spans: ``[start, end, label]`` or ``[start, end, label, score]``
- quotes: ``[start, end, speaker_start, speaker_end, cue_start, cue_end]`` (nulls when absent)
"""

from __future__ import annotations

from typing import Any, NamedTuple

from annotator.core.model import Annotation, Block, Quote, Range, Span, Status


class StoredDocument(NamedTuple):
    id: str
    text: str
    blocks: list[Any]
    source: str | None
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None
    meta_extra: dict[str, Any]


class StoredAnnotation(NamedTuple):
    source: str
    status: str
    blocks: list[Any]
    spans: list[Any]
    quotes: list[Any]
    meta: dict[str, Any]


def blocks_to_compact(blocks: list[Block]) -> list[Any]:
    return [[b.start, b.end, dict(b.features)] if b.features else [b.start, b.end] for b in blocks]


def blocks_from_compact(raw: list[Any]) -> list[Block]:
    return [Block(*item) for item in raw]


def labels_to_compact(annotation: Annotation) -> list[Any]:
    scores = annotation.block_scores
    out = []
    for index in sorted(annotation.blocks):
        score = scores.get(index)
        label = annotation.blocks[index]
        out.append([index, label] if score is None else [index, label, score])
    return out


def spans_to_compact(spans: list[Span]) -> list[Any]:
    return [
        [s.start, s.end, s.label] if s.score is None else [s.start, s.end, s.label, s.score]
        for s in sorted(spans, key=lambda s: (s.start, s.end, s.label))
    ]


def quotes_to_compact(quotes: list[Quote]) -> list[Any]:
    out = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        speaker, cue = q.speaker, q.cue
        out.append(
            [
                q.start,
                q.end,
                speaker.start if speaker else None,
                speaker.end if speaker else None,
                cue.start if cue else None,
                cue.end if cue else None,
            ]
        )
    return out


def annotation_from_compact(
    stored: StoredAnnotation, document_id: str, version: int = 0, updated_at: str | None = None
) -> Annotation:
    blocks: dict[int, str] = {}
    scores: dict[int, float] = {}
    for item in stored.blocks:
        blocks[item[0]] = item[1]
        if len(item) > 2:
            scores[item[0]] = item[2]
    return Annotation(
        document_id=document_id,
        source=stored.source,
        status=Status(stored.status),
        blocks=blocks,
        block_scores=scores,
        spans=[Span(s[0], s[1], s[2], s[3] if len(s) > 3 else None) for s in stored.spans],
        quotes=[
            Quote(
                q[0],
                q[1],
                Range(q[2], q[3]) if q[2] is not None else None,
                Range(q[4], q[5]) if q[4] is not None else None,
            )
            for q in stored.quotes
        ],
        version=version,
        updated_at=updated_at,
        meta=dict(stored.meta or {}),
    )
