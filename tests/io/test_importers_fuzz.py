"""Arbitrary bytes into every importer: documents or the importer's own clear error."""

import gzip

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import annotator.io.importers  # noqa: F401
from annotator.io.base import IMPORTERS, ImportedRecord, ImportRejected, Source

# Inputs that look a little like each format, so the fuzzer gets past the first check.
PREFIXES = [
    b"",
    b"<html><head><meta charset='utf-8'><title>T</title></head><body><p>",
    b'{"text": "',
    b'{"id": "a", "text": "abc", "blocks": [{"start": ',
    b"WARC/1.0\r\nWARC-Type: response\r\n",
    b"Headline\n\nBody ",
]


def check(importer_id: str, name: str, data: bytes) -> None:
    importer = IMPORTERS[importer_id]()
    try:
        items = list(importer.read(Source.from_bytes(name, data)))
    except ImportRejected as exc:
        assert str(exc).startswith(name)
        assert exc.reason.strip()
        return
    for item in items:
        if isinstance(item, ImportRejected):
            assert str(item).startswith(name) and item.reason.strip()
            continue
        assert isinstance(item, ImportedRecord)
        doc = item.document
        assert doc.text and doc.blocks
        previous_end = 0
        for block in doc.blocks:
            assert previous_end <= block.start < block.end <= len(doc.text)
            previous_end = block.end
        for annotation in item.annotations:
            for span in annotation.spans:
                assert 0 <= span.start < span.end <= len(doc.text)


NAMES = {
    "import.txt.v1": "fuzz.txt",
    "import.html.v1": "fuzz.html",
    "import.jsonl.v1": "fuzz.jsonl",
    "import.warc.v1": "fuzz.warc",
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600), zipped=st.booleans())
def test_every_importer_survives_arbitrary_bytes(prefix, body, zipped):
    data = prefix + body
    if zipped:
        data = gzip.compress(data)
    for importer_id in IMPORTERS:
        check(importer_id, NAMES.get(importer_id, "fuzz.bin"), data)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300))
def test_every_importer_survives_arbitrary_text(text):
    for importer_id in IMPORTERS:
        check(
            importer_id, NAMES.get(importer_id, "fuzz.bin"), text.encode("utf-8", "surrogatepass")
        )


def test_every_importer_is_fuzzed():
    assert set(IMPORTERS) == set(NAMES)
