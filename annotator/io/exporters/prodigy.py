"""Prodigy JSONL: one ``ner_manual`` task per document (entities; quotes and blocks are
not part of it).

Each task has the text, spaCy-style tokens (``text, start, end, id, ws``, whitespace
tokens included so the tokens rebuild the text), spans with ``token_start`` and
``token_end`` (inclusive), ``"answer": "accept"`` (suggestions have no answer: they are
tasks to review, not decisions), ``meta`` and the two hashes.

The hashes follow Prodigy's documented scheme: ``_input_hash`` is a 32-bit MurmurHash of
the input keys present (``text``, ``image``, ``html``, ``input``); ``_task_hash`` hashes
the input hash together with the task keys present (``spans``, ``label``, ``options``,
``arcs``). Values are serialised as compact JSON with sorted keys. Prodigy's own
serialisation is not public, so ``prodigy db-in --rehash`` recomputes them if exact
equality with Prodigy's values is needed; within our exports they are stable and equal
for equal texts and equal spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, BinaryIO

import orjson
from murmurhash.mrmr import hash as murmur  # installed with spaCy; pure C, no spaCy import

from annotator.core.export import ExportContext, ExportItem, ExportProblem, Token
from annotator.core.model import SUGGESTIONS
from annotator.io.exporters.base import register_exporter
from annotator.io.exporters.common import LINE, document_meta, entities
from annotator.io.exporters.tokens import NOT_ALIGNED, OVERLAPS, TokenIndex

INPUT_KEYS = ("text", "image", "html", "input")
TASK_KEYS = ("spans", "label", "options", "arcs")
_SORTED = orjson.OPT_SORT_KEYS


def prodigy_tokens(text: str, tokens: Sequence[Token]) -> list[dict[str, Any]]:
    """Prodigy's tokens, whitespace included as in a spaCy Doc: one space after a token is
    its ``ws``; other whitespace (newlines, a second space) is a token of its own. Joining
    each token's text, plus a space where ``ws``, gives back the text."""
    out: list[dict[str, Any]] = []
    append = out.append
    previous = 0
    for start, end in [*tokens, (len(text), len(text))]:
        if start > previous:
            if out and text[previous] == " ":
                out[-1]["ws"] = True
                previous += 1
            if start > previous:
                append(
                    {
                        "text": text[previous:start],
                        "start": previous,
                        "end": start,
                        "id": len(out),
                        "ws": False,
                    }
                )
        if end > start:
            append(
                {"text": text[start:end], "start": start, "end": end, "id": len(out), "ws": False}
            )
        previous = end
    return out


def prodigy_hashes(task: dict[str, Any]) -> tuple[int, int]:
    """``(_input_hash, _task_hash)`` of a task, as described in the module docstring."""
    inputs = {key: task[key] for key in INPUT_KEYS if key in task}
    input_hash = murmur(orjson.dumps(inputs, option=_SORTED))
    parts = {key: task[key] for key in TASK_KEYS if key in task}
    task_hash = murmur(b"%d" % input_hash + orjson.dumps(parts, option=_SORTED))
    return input_hash, task_hash


class _Writer:
    def __init__(self, stream: BinaryIO, context: ExportContext) -> None:
        self._stream = stream
        self._context = context

    def write(self, item: ExportItem) -> None:
        document = item.document
        text = document.text
        tokens = prodigy_tokens(text, item.tokens or [])
        index = TokenIndex([(t["start"], t["end"]) for t in tokens]) if item.annotation else None
        spans = []
        taken_until = -1
        for start, end, label in entities(item):
            found = index.find(start, end) if index else None
            if found is None or start < taken_until:
                reason = NOT_ALIGNED if found is None else OVERLAPS
                self._context.report(
                    ExportProblem(document.id, start, end, f"entity {label}", reason)
                )
                continue
            taken_until = end
            spans.append(
                {
                    "start": start,
                    "end": end,
                    "token_start": found[0],
                    "token_end": found[1],
                    "label": label,
                }
            )
        task: dict[str, Any] = {
            "text": text,
            "tokens": tokens,
            "spans": spans,
        }
        task["_input_hash"], task["_task_hash"] = prodigy_hashes(task)
        task["_view_id"] = "ner_manual"
        source = item.annotation.source if item.annotation else None
        if source is not None and source != SUGGESTIONS:
            task["answer"] = "accept"
        meta = document_meta(document)
        if source is not None:
            meta["annotator"] = source
        task["meta"] = meta
        self._stream.write(orjson.dumps(task, option=LINE))

    def finish(self) -> dict[str, bytes]:
        return {}


@register_exporter
class ProdigyExporter:
    id = "export.prodigy.v1"
    name = "prodigy"
    suffix = ".jsonl"
    description = "Prodigy ner_manual tasks: tokens, spans with token indices, hashes, answer"
    consumer = "prodigy db-in DATASET FILE (then data-to-spacy, ner.manual, review)"
    needs_tokens = True

    def writer(self, stream: BinaryIO, context: ExportContext) -> _Writer:
        return _Writer(stream, context)
