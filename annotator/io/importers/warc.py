"""Web crawl archives (``.warc``, ``.warc.gz``): one document per HTML page response.

Every ``response`` record with a 2xx HTTP status and an HTML content type becomes a
document through :func:`annotator.io.importers.html.parse_html_page`, decoded with the
charset of the HTTP ``Content-Type`` header and identified by its target URI. Other
records (requests, metadata, images, redirects...) are skipped. A page that cannot be
read is rejected on its own; the other pages still import.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from annotator.io.base import ImportedRecord, ImportRejected, Source, register_importer, short_hash
from annotator.io.importers.html import parse_html_page

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# What warcio raises on bytes that are not a WARC: its own errors, whose messages say
# what is wrong, and (tripping over missing headers) plain Python ones, which do not.
# Only warcio calls are guarded by these.
_READ_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, OSError, zlib.error)
_WARC_ERRORS = (*_READ_ERRORS, ValueError, AttributeError, TypeError, KeyError, IndexError)


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, _READ_ERRORS) else "broken record headers"


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``"text/html; charset=ISO-8859-1"`` gives ``("text/html", "ISO-8859-1")``."""
    if not value:
        return "", None
    mime, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip().strip("'\""):
            charset = val.strip().strip("'\"")
    return mime.strip().lower(), charset


def _html_response(record: Any) -> tuple[bool, str | None]:
    """Whether a record is a successful HTML page response, and its declared charset."""
    if record.rec_type != "response" or record.http_headers is None:
        return False, None
    status = record.http_headers.get_statuscode() or ""
    if not (status.isdigit() and 200 <= int(status) < 300):
        return False, None
    mime, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
    return mime in HTML_TYPES, charset


def _records(source: Source) -> Iterator[Any]:
    """warcio's records, with its errors on broken input turned into ``ImportRejected``."""
    try:
        stream = source.open()
    except OSError as exc:
        raise ImportRejected(source.name, f"cannot read the file ({exc})") from exc
    with stream:
        records = iter(ArchiveIterator(stream))
        number = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except _WARC_ERRORS as exc:
                where = f"after record {number}" if number else "at its start"
                raise ImportRejected(
                    source.name, f"not a readable WARC file {where} ({_reason(exc)})"
                ) from exc
            number += 1
            yield record
        if number == 0:
            raise ImportRejected(source.name, "not a WARC file: it holds no WARC records")


@register_importer
class WarcImporter:
    id = "import.warc.v1"
    suffixes = (".warc", ".warc.gz")

    def read(self, source: Source) -> Iterator[ImportedRecord | ImportRejected]:
        pages = 0
        try:
            for number, record in enumerate(_records(source), start=1):
                is_html, charset = _html_response(record)
                if not is_html:
                    continue
                pages += 1
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"record {number} ({url or 'no target URI'})"
                try:
                    payload = record.content_stream().read()
                    cut_off = record.raw_stream.limit > 0
                except _WARC_ERRORS as exc:
                    yield ImportRejected(
                        source.name, f"{where}: unreadable content ({_reason(exc)})"
                    )
                    continue
                if cut_off:
                    yield ImportRejected(source.name, f"{where}: the record is cut off")
                    continue
                doc_id = "warc-" + short_hash(url or f"{source.name}#{number}")
                try:
                    document = parse_html_page(
                        payload, source.name, doc_id, declared_charset=charset, url=url or None
                    )
                except ImportRejected as exc:
                    yield ImportRejected(source.name, f"{where}: {exc.reason}")
                else:
                    yield ImportedRecord(document, origin=f"{source.name}:{where}")
        except ImportRejected as exc:
            if not pages:
                raise
            yield exc  # the pages before the damage are kept
        if not pages:
            raise ImportRejected(source.name, "the WARC file holds no HTML page responses")
