import gzip

import orjson
import pytest

from annotator.core.model import Quote, Range, Span, Status
from annotator.io.base import ImportRejected, Source
from annotator.io.importers.jsonl import IMPORTING_ANNOTATOR, JsonlImporter

TEXT = "Mayor Ana Ruiz said “we will rebuild”.\n\nShare this story"


def lines(*records) -> bytes:
    return b"".join((r if isinstance(r, bytes) else orjson.dumps(r)) + b"\n" for r in records)


def read(data: bytes, name="in.jsonl"):
    return list(JsonlImporter().read(Source.from_bytes(name, data)))


def native(**changes):
    record = {
        "id": "d1",
        "text": TEXT,
        "meta": {
            "source": "x",
            "url": "https://e.org/a",
            "title": "T",
            "publisher": "E",
            "published": None,
        },
        "annotator": "alice",
        "status": "done",
        "blocks": [
            {"start": 0, "end": 38, "label": "body"},
            {"start": 40, "end": 56, "label": "boilerplate"},
        ],
        "spans": [{"start": 6, "end": 14, "label": "PERSON"}],
        "quotes": [
            {
                "start": 21,
                "end": 36,
                "speaker": {"start": 6, "end": 14},
                "cue": {"start": 15, "end": 19},
            }
        ],
    }
    record.update(changes)
    return record


def test_native_record_with_annotations():
    [record] = read(lines(native()))
    doc = record.document
    assert doc.id == "d1" and doc.meta.url == "https://e.org/a"
    assert [(b.start, b.end) for b in doc.blocks] == [(0, 38), (40, 56)]
    [ann] = record.annotations
    assert ann.source == "alice" and ann.status is Status.DONE
    assert ann.blocks == {0: "body", 1: "boilerplate"}
    assert ann.spans == [Span(6, 14, "PERSON")]
    assert ann.quotes == [Quote(21, 36, Range(6, 14), Range(15, 19))]
    assert TEXT[21:36] == "we will rebuild"


def test_native_record_without_annotator_has_no_annotation():
    [record] = read(
        lines(
            native(
                annotator=None,
                status=None,
                spans=[],
                quotes=[],
                blocks=[{"start": 0, "end": 38, "label": None}],
            )
        )
    )
    assert record.annotations == []
    assert len(record.document.blocks) == 1


def test_prodigy_and_doccano_shapes():
    prodigy = {
        "text": "Ana Ruiz met IBM.",
        "spans": [{"start": 0, "end": 8, "label": "PERSON", "token_start": 0, "token_end": 1}],
        "answer": "accept",
        "_input_hash": 12,
    }
    doccano = {"id": 7, "text": "IBM hired Ana.", "label": [[0, 3, "ORG"], [10, 13, "PERSON"]]}
    doccano_new = {
        "text": "Ana left.",
        "entities": [{"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 3}],
    }
    a, b, c = read(lines(prodigy, doccano, doccano_new))
    assert a.document.id == "prodigy-12"
    assert a.annotations[0].spans == [Span(0, 8, "PERSON")]
    assert a.annotations[0].source == IMPORTING_ANNOTATOR
    assert b.document.id == "7"
    assert b.annotations[0].spans == [Span(0, 3, "ORG"), Span(10, 13, "PERSON")]
    assert c.annotations[0].spans == [Span(0, 3, "PERSON")]


def test_rejected_prodigy_answers_keep_the_text_but_not_the_spans():
    [record] = read(
        lines({"text": "Ana.", "spans": [{"start": 0, "end": 3, "label": "X"}], "answer": "reject"})
    )
    assert record.annotations == []


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (orjson.dumps({"id": "x"}), "field 'text' is missing"),
        (
            orjson.dumps(native(spans=[{"start": 5, "end": 999, "label": "X"}])),
            "'spans[0]' [5, 999) is not a non-empty range inside the text",
        ),
        (orjson.dumps(native(status="finished")), "field 'status' must be one of"),
        (
            orjson.dumps(native(blocks=[{"start": 0, "end": 10}, {"start": 5, "end": 20}])),
            "'blocks[1]' overlaps",
        ),
        (orjson.dumps(native(annotator=None)), "must name its 'annotator'"),
        (orjson.dumps({"text": "a\r\nb", "label": [[0, 1, "X"]]}), "carriage returns"),
        (b'{"text": "\xff\xfe"}', "not valid JSON"),
    ],
)
def test_bad_lines_are_rejected_with_line_number_and_field(bad, message):
    good = orjson.dumps({"text": "A fine article."})
    results = read(good + b"\n" + bad + b"\n" + good.replace(b"fine", b"second") + b"\n")
    assert len(results) == 3
    rejection = results[1]
    assert isinstance(rejection, ImportRejected)
    assert rejection.line == 2
    assert str(rejection).startswith("in.jsonl:2: ")
    assert message in str(rejection)
    assert results[0].document.text == "A fine article."


def test_truncated_gzip_is_rejected_whole(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    payload = gzip.compress(lines(*({"text": f"article {i} " * 50} for i in range(200))))
    path.write_bytes(payload[: len(payload) // 2])
    with pytest.raises(ImportRejected, match="breaks off"):
        list(JsonlImporter().read(Source.from_path(path)))


def test_blank_lines_and_bom_are_fine():
    data = b"\xef\xbb\xbf" + lines({"text": "one"}) + b"\n   \n" + lines({"text": "two"})
    assert [r.document.text for r in read(data)] == ["one", "two"]
