"""JSON Lines: the native record, Prodigy (``text`` + ``spans``) and doccano (``text`` + ``label``).

The file is read line by line, so its size does not matter. A bad line is rejected with
its line number and the field at fault; the other lines still import.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from annotator.core.model import Annotation, Document, DocumentMeta, Span, Status
from annotator.io.base import (
    ImportedRecord,
    ImportRejected,
    Source,
    register_importer,
    short_hash,
)
from annotator.io.native import (
    RecordError,
    parse_blocks,
    parse_meta,
    parse_quotes,
    parse_spans,
    parse_status,
)
from annotator.io.segment import text_blocks

IMPORTING_ANNOTATOR = ""
"""Source of annotations that name no annotator: the workspace fills in who imports them."""


@register_importer
class JsonlImporter:
    id = "import.jsonl.v1"
    suffixes = (".jsonl", ".ndjson", ".jsonlines")

    def read(self, source: Source) -> Iterator[ImportedRecord | ImportRejected]:
        try:
            stream = source.open()
        except OSError as exc:
            raise ImportRejected(source.name, f"cannot open the file ({exc})") from exc
        with stream:
            line_no = 0
            while True:
                try:
                    raw = stream.readline()
                except (OSError, EOFError) as exc:  # truncated or corrupt gzip
                    raise ImportRejected(
                        source.name, f"the file breaks off after line {line_no} ({exc})"
                    ) from exc
                if not raw:
                    break
                line_no += 1
                if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                origin = f"{source.name}:{line_no}"
                try:
                    yield parse_line(raw, source.name, origin)
                except RecordError as exc:
                    yield ImportRejected(source.name, str(exc), line_no)


def parse_line(raw: bytes, file_name: str, origin: str) -> ImportedRecord:
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise RecordError("field 'text' is missing or not a string")
    if not text.strip():
        raise RecordError("field 'text' is empty")
    if any(key in record for key in ("blocks", "annotator", "quotes")):
        return _native(record, text, file_name, origin)
    if isinstance(record.get("spans"), list):
        return _prodigy(record, text, file_name, origin)
    if isinstance(record.get("label"), list) or isinstance(record.get("entities"), list):
        return _doccano(record, text, file_name, origin)
    return _plain(record, text, file_name, origin, [])


def _document_id(record: dict[str, Any], text: str) -> str:
    value = record.get("id")
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return short_hash(text)


def _check_newlines(text: str, has_offsets: bool) -> str:
    if "\r" not in text:
        return text
    if has_offsets:
        raise RecordError(
            "field 'text' contains carriage returns; its offsets would shift when newlines"
            " are normalised, so normalise the text and its offsets first"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _native(record: dict[str, Any], text: str, file_name: str, origin: str) -> ImportedRecord:
    raw_blocks = record.get("blocks") or []
    if not isinstance(raw_blocks, list):
        raise RecordError("field 'blocks' must be a list")
    spans = record.get("spans") or []
    quotes = record.get("quotes") or []
    text = _check_newlines(text, bool(raw_blocks or spans or quotes))
    meta = parse_meta(record.get("meta"), file_name)
    if raw_blocks:
        blocks, labels, scores = parse_blocks(raw_blocks, len(text))
    else:
        blocks, labels, scores = text_blocks(text), {}, {}
    document = Document(_document_id(record, text), text, blocks, meta)
    annotator = record.get("annotator")
    if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
        raise RecordError("field 'annotator' must be a name, 'gold', 'suggestions' or null")
    annotations = []
    parsed_spans = parse_spans(spans, len(text))
    parsed_quotes = parse_quotes(quotes, len(text))
    status = parse_status(record.get("status"))
    if annotator is not None:
        extra = record.get("annotation_meta") or {}
        if not isinstance(extra, dict):
            raise RecordError("field 'annotation_meta' must be an object")
        annotations.append(
            Annotation(
                document.id,
                annotator.strip(),
                status=status,
                blocks=labels,
                block_scores=scores,
                spans=parsed_spans,
                quotes=parsed_quotes,
                meta=extra,
            )
        )
    elif labels or parsed_spans or parsed_quotes:
        raise RecordError("a record with labels must name its 'annotator'")
    return ImportedRecord(document, annotations, origin)


def _lenient_meta(raw: Any, file_name: str) -> DocumentMeta:
    if not isinstance(raw, dict):
        return DocumentMeta(source=file_name)
    cleaned = {k: (v if isinstance(v, str) or v is None else str(v)) for k, v in raw.items()}
    return parse_meta(cleaned, file_name)


def _plain(
    record: dict[str, Any], text: str, file_name: str, origin: str, spans: list[Span]
) -> ImportedRecord:
    text = _check_newlines(text, bool(spans))
    document = Document(
        _document_id(record, text),
        text,
        text_blocks(text),
        _lenient_meta(record.get("meta"), file_name),
    )
    annotations = []
    if spans:
        annotator = record.get("_annotator_id") or record.get("annotator") or IMPORTING_ANNOTATOR
        annotations.append(Annotation(document.id, str(annotator), status=Status.DONE, spans=spans))
    return ImportedRecord(document, annotations, origin)


def _prodigy(record: dict[str, Any], text: str, file_name: str, origin: str) -> ImportedRecord:
    spans = parse_spans(
        [
            {k: s.get(k) for k in ("start", "end", "label")} if isinstance(s, dict) else s
            for s in record["spans"]
        ],
        len(text),
    )
    if record.get("answer") in ("reject", "ignore"):
        spans = []
    if "id" not in record and isinstance(record.get("_input_hash"), int):
        record = {**record, "id": f"prodigy-{record['_input_hash']}"}
    return _plain(record, text, file_name, origin, spans)


def _doccano(record: dict[str, Any], text: str, file_name: str, origin: str) -> ImportedRecord:
    raw: list[Any] = []
    for i, item in enumerate(record.get("label") or []):
        if isinstance(item, str):
            continue  # a document-level class label from a classification project
        if not (isinstance(item, list) and len(item) == 3):
            raise RecordError(f"field 'label[{i}]' must be [start, end, label]")
        raw.append({"start": item[0], "end": item[1], "label": item[2]})
    for item in record.get("entities") or []:
        if not isinstance(item, dict):
            raise RecordError("field 'entities' must hold objects")
        raw.append(
            {
                "start": item.get("start_offset"),
                "end": item.get("end_offset"),
                "label": item.get("label"),
            }
        )
    return _plain(record, text, file_name, origin, parse_spans(raw, len(text)))
