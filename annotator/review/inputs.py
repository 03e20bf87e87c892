"""What agreement is computed over: the finished work of annotators on one document.

Only annotations with status ``done`` by annotators count: ``gold`` and ``suggestions``
are sources, not annotators, and work in progress or skipped is no judgement yet. A
document enters agreement when two or more annotators finished it.

Review code works on the stored compact form (``core.compact``): block labels
``[index, label(, score)]``, spans ``[start, end, label(, score)]``, quotes
``[start, end, speaker_start, speaker_end, cue_start, cue_end]``. Domain annotations are
converted on the way in.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.compact import (
    StoredAnnotation,
    labels_to_compact,
    quotes_to_compact,
    spans_to_compact,
)
from annotator.core.model import RESERVED_SOURCES, Annotation, Status

Finished = dict[str, StoredAnnotation]
"""annotator name -> that annotator's done annotation of one document, names sorted."""

_DONE = str(Status.DONE)


def compact(annotation: Annotation | StoredAnnotation) -> StoredAnnotation:
    if isinstance(annotation, StoredAnnotation):
        return annotation
    return StoredAnnotation(
        annotation.source,
        str(annotation.status),
        labels_to_compact(annotation),
        spans_to_compact(annotation.spans),
        quotes_to_compact(annotation.quotes),
        annotation.meta,
    )


def is_finished(annotation: Annotation | StoredAnnotation) -> bool:
    return annotation.source not in RESERVED_SOURCES and str(annotation.status) == _DONE


def finished(found: Iterable[Annotation | StoredAnnotation]) -> Finished:
    """The annotators' done annotations among all of a document's annotations."""
    chosen = {a.source: compact(a) for a in found if is_finished(a)}
    return {name: chosen[name] for name in sorted(chosen)}


def block_labels(annotation: StoredAnnotation) -> dict[int, str]:
    return {item[0]: item[1] for item in annotation.blocks}


def span_keys(annotation: StoredAnnotation) -> set[tuple[int, int, str]]:
    return {(s[0], s[1], s[2]) for s in annotation.spans}


QuoteKey = tuple[int, int, int | None, int | None, int | None, int | None]


def quote_keys(annotation: StoredAnnotation) -> set[QuoteKey]:
    return {(q[0], q[1], q[2], q[3], q[4], q[5]) for q in annotation.quotes}
