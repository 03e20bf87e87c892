"""Write corpora/sample/warc/crawl.warc.gz from the pages in ``warc_pages/``.

The WARC holds, in order: a warcinfo record, the crawler's robots.txt fetch (a
text/plain response), then for every page in ``warc_pages/`` (sorted by name) a
response record; the first page also gets its request record, linked to the response
by WARC-Concurrent-To. Record ids (UUID5 of the URL) and dates are fixed, and gzip
members carry no timestamp, so running this again gives the same bytes.

    .venv/bin/python corpora/tools/make_warc.py
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from email.utils import format_datetime

from common import SAMPLE, TOOLS, write_bytes_if_changed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGES = TOOLS / "warc_pages"
OUT = SAMPLE / "warc" / "crawl.warc.gz"
HOST = "https://www.eastbrooktribune.example"
CRAWL_START = dt.datetime(2025, 6, 20, 14, 3, 11, tzinfo=dt.UTC)
USER_AGENT = "annotator-sample-crawler/1.0 (+https://example.org/annotator)"
ROBOTS_TXT = b"""# robots.txt for www.eastbrooktribune.example
User-agent: *
Disallow: /account/
Disallow: /search
Allow: /

Sitemap: https://www.eastbrooktribune.example/sitemap.xml
"""


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def warc_date(step: int) -> str:
    return (CRAWL_START + dt.timedelta(seconds=7 * step)).strftime("%Y-%m-%dT%H:%M:%SZ")


def http_date(step: int) -> str:
    return format_datetime(CRAWL_START + dt.timedelta(seconds=7 * step), usegmt=True)


def canonical(page: bytes) -> str:
    match = re.search(rb'<link rel="canonical" href="([^"]+)"', page)
    assert match, "every page needs a canonical link"
    return match.group(1).decode("ascii")


def published(page: bytes) -> dt.datetime:
    match = re.search(rb'property="article:published_time" content="([^"]+)"', page)
    assert match
    return dt.datetime.fromisoformat(match.group(1).decode("ascii"))


def response(
    writer: WARCWriter,
    url: str,
    step: int,
    body: bytes,
    content_type: str,
    extra: list[tuple[str, str]] | None = None,
    concurrent: str | None = None,
) -> str:
    rid = record_id(url + "#response")
    headers = [
        ("Date", http_date(step)),
        ("Server", "nginx"),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        *(extra or []),
        ("Connection", "close"),
    ]
    warc_headers = {
        "WARC-Record-ID": rid,
        "WARC-Date": warc_date(step),
        "WARC-IP-Address": "192.0.2.44",
    }
    if concurrent:
        warc_headers["WARC-Concurrent-To"] = concurrent
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)
    return rid


def request(writer: WARCWriter, url: str, step: int, concurrent: str) -> None:
    path = url.split("://", 1)[1].split("/", 1)[1]
    headers = [
        ("Host", "www.eastbrooktribune.example"),
        ("User-Agent", USER_AGENT),
        ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
        ("Accept-Language", "en-US,en;q=0.8"),
        ("Connection", "close"),
    ]
    record = writer.create_warc_record(
        url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(f"GET /{path} HTTP/1.1", headers, is_http_request=True),
        warc_headers_dict={
            "WARC-Record-ID": record_id(url + "#request"),
            "WARC-Date": warc_date(step),
            "WARC-Concurrent-To": concurrent,
        },
    )
    writer.write_record(record)


def main() -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = (
        "software: warcio (corpora/tools/make_warc.py)\r\n"
        "format: WARC File Format 1.0\r\n"
        f"http-header-user-agent: {USER_AGENT}\r\n"
        "description: Sample crawl of the fictional Eastbrook Tribune,"
        " written for the annotator project\r\n"
    ).encode()
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("crawl.warc.gz#warcinfo"),
                "WARC-Date": warc_date(0),
                "WARC-Filename": "crawl.warc.gz",
            },
        )
    )
    response(writer, HOST + "/robots.txt", 1, ROBOTS_TXT, "text/plain; charset=utf-8")
    for n, path in enumerate(sorted(PAGES.glob("*.html"))):
        page = path.read_bytes()
        url = canonical(page)
        step = 2 + 2 * n
        modified = [
            (
                "Last-Modified",
                format_datetime(published(page).astimezone(dt.UTC), usegmt=True),
            ),
            ("Cache-Control", "max-age=300"),
        ]
        rid = record_id(url + "#response")
        if n == 0:
            request(writer, url, step, concurrent=rid)
        response(
            writer,
            url,
            step,
            page,
            "text/html; charset=utf-8",
            modified,
            concurrent=record_id(url + "#request") if n == 0 else None,
        )
    write_bytes_if_changed(OUT, buffer.getvalue())
    print(OUT.relative_to(SAMPLE.parent), len(buffer.getvalue()))


if __name__ == "__main__":
    main()
