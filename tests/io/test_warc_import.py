"""The WARC importer: HTML page responses become documents, everything else is skipped,
and broken input is rejected in plain words."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from annotator.io.base import ImportedRecord, ImportRejected, Source, importer_for, short_hash
from annotator.io.importers.warc import WarcImporter, parse_content_type

LATIN_URL = "http://example.org/latin"
UTF8_URL = "https://example.com/news/story"
LATIN_TEXT = "Crème brûlée à la française, s'il vous plaît"
UTF8_TEXT = "Zürich — 東京 — “quoted”"


def _response(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)


def build_warc(compress: bool = False) -> bytes:
    """A request, two HTML pages (one Latin-1 declared only in HTTP), an image, a 404."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    request = StatusAndHeaders(
        "GET /latin HTTP/1.1", [("Host", "example.org")], is_http_request=True
    )
    writer.write_record(
        writer.create_warc_record(
            LATIN_URL, "request", payload=io.BytesIO(b""), http_headers=request
        )
    )
    latin = f"<html><head><title>Latin</title></head><body><p>{LATIN_TEXT}</p></body></html>"
    _response(writer, LATIN_URL, latin.encode("latin-1"), "text/html; charset=ISO-8859-1")
    _response(writer, "http://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    utf8 = (
        '<html><head><meta property="og:title" content="Story"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><p>{UTF8_TEXT}</p></article></body></html>"
    )
    _response(writer, UTF8_URL, utf8.encode("utf-8"), "application/xhtml+xml")
    _response(writer, "http://example.org/gone", b"<p>Not found</p>", "text/html", "404 Not Found")
    return buffer.getvalue()


def _read(data: bytes, name: str = "crawl.warc") -> list[ImportedRecord | ImportRejected]:
    return list(WarcImporter().read(Source.from_bytes(name, data)))


def _check_pages(results: list[ImportedRecord | ImportRejected]) -> None:
    assert all(isinstance(result, ImportedRecord) for result in results), results
    latin, utf8 = (result.document for result in results)
    assert latin.id == "warc-" + short_hash(LATIN_URL)
    assert latin.meta.url == LATIN_URL and latin.meta.title == "Latin"
    assert latin.text == LATIN_TEXT
    assert utf8.id == "warc-" + short_hash(UTF8_URL)
    assert utf8.meta.url == UTF8_URL and utf8.meta.title == "Story"
    assert utf8.text == f"Home\n\n{UTF8_TEXT}"
    assert utf8.blocks[1].features["in"] == ["article"]
    assert latin.meta.source == "crawl.warc"


def test_html_responses_become_documents_and_the_rest_is_skipped():
    _check_pages(_read(build_warc()))


def test_record_compressed_warc_is_read():
    _check_pages(_read(build_warc(compress=True)))


def test_gzipped_warc_file_on_disk(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(build_warc()))
    importer = importer_for(path)
    assert isinstance(importer, WarcImporter)
    results = list(importer.read(Source.from_path(path)))
    assert [r.document.meta.url for r in results] == [LATIN_URL, UTF8_URL]


@pytest.mark.parametrize(
    "data",
    [b"", b"this is not a web archive\n" * 20, bytes(range(256)) * 8, gzip.compress(b"hello")],
    ids=["empty", "text", "binary", "gzipped-text"],
)
def test_a_file_that_is_not_a_warc_is_rejected(data):
    with pytest.raises(ImportRejected) as caught:
        _read(data, "junk.warc")
    assert caught.value.path == "junk.warc"
    assert "WARC" in caught.value.reason


def test_a_cut_off_page_is_rejected_and_the_pages_before_it_kept():
    data = build_warc()
    cut = data.index(UTF8_TEXT.encode()) + 5
    results = _read(data[:cut])
    first, rejected = results
    assert first.document.meta.url == LATIN_URL
    assert isinstance(rejected, ImportRejected)
    assert rejected.reason.startswith("record 4 (https://example.com/news/story): ")
    assert "cut off" in rejected.reason


def test_a_warc_cut_inside_its_first_page_is_rejected():
    data = build_warc()
    with pytest.raises(ImportRejected):
        # the WARC header of the first response is incomplete: nothing to import
        _read(data[: data.index(b"WARC-Type: response") + 10])
    (rejected,) = _read(data[: data.index(LATIN_TEXT[:10].encode("latin-1"))])
    assert isinstance(rejected, ImportRejected) and "record 2" in rejected.reason


def test_a_page_without_text_is_rejected_on_its_own():
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    _response(writer, "http://example.org/empty", b"<html><body> </body></html>", "text/html")
    _response(writer, UTF8_URL, b"<p>Kept</p>", "text/html; charset=utf-8")
    rejected, kept = _read(buffer.getvalue())
    assert isinstance(rejected, ImportRejected)
    assert rejected.reason.startswith("record 1 (http://example.org/empty): ")
    assert kept.document.text == "Kept"


def test_a_warc_without_html_pages_is_rejected():
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    _response(writer, "http://example.org/a.png", b"\x89PNG", "image/png")
    with pytest.raises(ImportRejected, match="no HTML page"):
        _read(buffer.getvalue())


def test_content_type_parsing():
    assert parse_content_type("text/html; charset=ISO-8859-1") == ("text/html", "ISO-8859-1")
    assert parse_content_type('Text/HTML;Charset="utf-8"') == ("text/html", "utf-8")
    assert parse_content_type("application/xhtml+xml") == ("application/xhtml+xml", None)
    assert parse_content_type(None) == ("", None)


def test_importer_identity():
    assert WarcImporter.id == "import.warc.v1"
    assert isinstance(importer_for(Path("a.warc")), WarcImporter)
